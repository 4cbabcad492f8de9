import { checkRanking, rankingScores, rankOrder } from "./ranking-curve.ts";

/**
 * Average precision, the area under the precision–recall curve as a step sum: Σ (Rₖ − Rₖ₋₁)·Pₖ
 * over distinct score thresholds, high to low. Equals scikit-learn's `average_precision_score`.
 * NaN when no row (or every row) is positive.
 *
 * @example
 * averagePrecision([0.9, 0.8, 0.3, 0.1], [true, false, true, false]); // (1 + 2/3) / 2
 */
export function averagePrecision(scores: ArrayLike<number>, positives: ArrayLike<boolean>): number {
  checkRanking("averagePrecision", scores, positives);
  return rankingScores(rankOrder(scores), scores, positives).averagePrecision;
}
