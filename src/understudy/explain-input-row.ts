import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { Featurizer } from "../features/featurizer.ts";
import type { Label } from "../models/estimator.ts";
import { decidedLabels, decidedProba, hasDecisionRule } from "./decision-rule.ts";
import { explainRow, type Explanation } from "./explain-row.ts";
import type { UnderstudyParts } from "./understudy-parts.ts";

/** Options of {@link explainInputRow}. */
export interface ExplainOptions {
  /** Reason codes listed in `text` and `reasons.codes`; with `toward`, the most principal reasons in `byColumn`. Default 5. */
  top?: number;
  /**
   * An outcome (one of the classes): explain that class's probability and list in `byColumn`
   * only the factors that pushed the decision toward it, from the training rows' average —
   * the principal reasons of an adverse-action notice.
   */
  toward?: Label;
}

/**
 * Explains one input row (an object of column values): featurizes it and explains the small
 * model's decision against the training baseline stored in the bundle, by feature and by
 * input column.
 *
 * @example
 * explainInputRow(u, { body: "WIN a FREE cruise!!!" }, { top: 3 }).text;
 * explainInputRow(u, applicant, { top: 4, toward: "declined" }).byColumn.map((r) => r.text);
 */
export function explainInputRow(u: UnderstudyParts, row: Record<string, unknown>, options: ExplainOptions = {}): Explanation {
  if (row === null || typeof row !== "object" || Array.isArray(row)) {
    throw new UnderstudyError("bad_input", messages.understudy.rowNotObject());
  }
  const X = u.featurizer.transform([row]);
  const e = explainRow(u.model, X, u.metadata.artefacts.baseline, options.top ?? 5, {
    lineage: u.featurizer.lineage, row, inputValue: inputValueOf(u.featurizer), ...(options.toward !== undefined ? { toward: options.toward } : {}),
  });
  const m = u.metadata;
  if (!hasDecisionRule(m) || !u.model.predictProba) return e;
  const probabilities = decidedProba(m, u.model.predictProba(X))[0];
  const prediction = decidedLabels(m, [probabilities], u.model.classes!)[0];
  return { ...e, prediction, calibrated: false, note: decisionNote(m) };
}

/** What the reasons explain when predictions go through a calibration or a cutoff. */
function decisionNote(m: UnderstudyParts["metadata"]): string {
  const parts = [
    ...(m.calibrator ? ["These reasons explain the model's uncalibrated probabilities; predictProba returns them Platt-calibrated (fitted out of fold), which keeps their order."] : []),
    ...(m.cutoff ? [`The prediction is "${m.cutoff.positive}" when its ${m.calibrator ? "calibrated " : ""}probability is at least ${+m.cutoff.threshold.toFixed(4)} (chosen from ${m.cutoff.from === "costs" ? "the costs" : "the target rate"}), not the most probable class.`] : []),
  ];
  return parts.join(" ");
}

/** Standardized numeric features back in the input's units; every other feature as it is. */
function inputValueOf(featurizer: Featurizer): (feature: number, value: number) => number {
  let steps: NonNullable<ReturnType<Featurizer["toJSON"]>["table"]>["steps"] | undefined;
  return (feature, value) => {
    // Read once, on the first use: toJSON copies the whole featurizer.
    const s = (steps ??= featurizer.toJSON().table?.steps ?? [])[feature];
    return s?.kind === "numeric" && s.mean !== undefined && s.std !== undefined ? value * s.std + s.mean : value;
  };
}
