// Internal: the one pass over scores sorted high to low that AUC, KS and average precision share,
// with a weight per row so that a bootstrap resample is a vector of counts (no re-sorting).
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";

/** Ranking scores of a binary task: ROC AUC, the KS statistic and average precision (PR-AUC). */
export interface RankingScores {
  auc: number;
  ks: number;
  averagePrecision: number;
}

/** Row indices by score, highest first (ties by index, so the order is fixed). */
export function rankOrder(scores: ArrayLike<number>): number[] {
  return Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
}

/** Checks one finite score and one boolean per row, at least one row. */
export function checkRanking(method: string, scores: ArrayLike<number>, positives: ArrayLike<boolean>): void {
  if (scores.length !== positives.length || scores.length === 0) {
    throw new UnderstudyError("length_mismatch", messages.evaluate.scoresLength(method, scores.length, positives.length));
  }
  for (let i = 0; i < scores.length; i++) {
    if (!Number.isFinite(scores[i])) throw new UnderstudyError("bad_input", messages.evaluate.scoreNotFinite(method, i, scores[i]));
    if (typeof positives[i] !== "boolean") throw new UnderstudyError("bad_input", messages.evaluate.notBinaryLabel(method, i, positives[i]));
  }
}

/**
 * AUC (trapezoids over the ROC curve, so tied scores count half, as the Mann–Whitney U does),
 * KS = max |TPR − FPR| over thresholds, and average precision = Σ (Rₖ − Rₖ₋₁)·Pₖ over distinct
 * thresholds (scikit-learn's definition, no interpolation). NaN when one class has no weight.
 */
export function rankingScores(order: readonly number[], scores: ArrayLike<number>, positives: ArrayLike<boolean>, weights?: ArrayLike<number>): RankingScores {
  const w = (i: number) => (weights ? weights[i] : 1);
  let P = 0, N = 0;
  for (const i of order) positives[i] ? (P += w(i)) : (N += w(i));
  if (P === 0 || N === 0) return { auc: NaN, ks: NaN, averagePrecision: NaN };
  let tp = 0, fp = 0, area = 0, ks = 0, ap = 0;
  for (let k = 0; k < order.length;) {
    let dtp = 0, dfp = 0;
    const s = scores[order[k]];
    for (; k < order.length && scores[order[k]] === s; k++) positives[order[k]] ? (dtp += w(order[k])) : (dfp += w(order[k]));
    area += dfp * (tp + dtp / 2);
    tp += dtp;
    fp += dfp;
    ks = Math.max(ks, Math.abs(tp / P - fp / N));
    if (dtp > 0) ap += (dtp / P) * (tp / (tp + fp));
  }
  return { auc: area / (P * N), ks, averagePrecision: ap };
}
