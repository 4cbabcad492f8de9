import { checkRanking, rankingScores, rankOrder } from "./ranking-curve.ts";

/**
 * Area under the ROC curve of scores for a binary outcome: the chance that a random positive
 * row scores above a random negative one (ties count half). Gini = 2·AUC − 1. NaN when every
 * row is of one class. Equals scikit-learn's `roc_auc_score`.
 *
 * @example
 * rocAuc([0.9, 0.4, 0.6, 0.2], [true, false, true, false]); // 1
 */
export function rocAuc(scores: ArrayLike<number>, positives: ArrayLike<boolean>): number {
  checkRanking("rocAuc", scores, positives);
  return rankingScores(rankOrder(scores), scores, positives).auc;
}
