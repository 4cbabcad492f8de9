import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { cascadeFrontier, type CascadePoint, type CascadeRows } from "./cascade-frontier.ts";

/** The chosen operating point, with the whole frontier for charts and reports. */
export interface CascadeChoice extends CascadePoint {
  targetAgreement: number;
  /** False when no threshold below Infinity meets the target: the teacher answers everything. */
  met: boolean;
  frontier: CascadePoint[];
}

/**
 * Chooses the cascade threshold on held-out predictions (distill: out-of-fold): the lowest confidence threshold (so the
 * small model answers as many rows as possible) whose overall agreement with the teacher is
 * at least `targetAgreement` (default 0.99). Agreement is not monotone in the threshold, so every point is
 * checked and the one with the highest coverage that meets the target wins.
 *
 * @example
 * const choice = chooseCascadeThreshold(
 *   { confidence: valConfidence, student: valPredictions, teacher: valTeacherLabels },
 *   { targetAgreement: 0.99 },
 * );
 * choice.threshold; // answer with the small model when its confidence ≥ this
 * choice.coverage;  // share of rows that never reach the LLM
 */
export function chooseCascadeThreshold(
  rows: CascadeRows,
  { targetAgreement = 0.99 }: { targetAgreement?: number } = {},
): CascadeChoice {
  if (!(targetAgreement > 0 && targetAgreement <= 1)) {
    throw new UnderstudyError("bad_option", messages.cascade.targetAgreement(targetAgreement));
  }
  const frontier = cascadeFrontier(rows);
  let best = frontier[0];
  for (const p of frontier) if (p.agreement >= targetAgreement && p.coverage >= best.coverage) best = p;
  return { ...best, targetAgreement, met: best.coverage > 0, frontier };
}
