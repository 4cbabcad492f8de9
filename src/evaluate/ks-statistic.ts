import { checkRanking, rankingScores, rankOrder } from "./ranking-curve.ts";

/**
 * The Kolmogorov–Smirnov statistic of a binary score: the largest gap between the cumulative
 * score distributions of positive and negative rows (max |TPR − FPR| over thresholds), as
 * credit validation reports it. Equals scipy's `ks_2samp(scores[pos], scores[neg]).statistic`.
 *
 * @example
 * ksStatistic([0.9, 0.8, 0.3, 0.1], [true, false, true, false]); // 0.5
 */
export function ksStatistic(scores: ArrayLike<number>, positives: ArrayLike<boolean>): number {
  checkRanking("ksStatistic", scores, positives);
  return rankingScores(rankOrder(scores), scores, positives).ks;
}
