import { checkPairs } from "./check-pairs.ts";
import { sortLabels } from "../models/labels.ts";
import type { Label } from "../models/estimator.ts";

/** Counts of (true, predicted) pairs. `matrix[i][j]`: rows with true label i predicted as j. */
export interface ConfusionMatrix {
  labels: Label[];
  matrix: number[][];
}

/**
 * The confusion matrix of predictions against reference labels (rows: reference, columns:
 * predicted), over `labels` (default: every label seen, sorted). Pairs whose labels are not
 * listed are left out, as in scikit-learn.
 *
 * @example
 * confusionMatrix(["a", "b", "b"], ["a", "a", "b"]); // { labels: ["a", "b"], matrix: [[1, 0], [1, 1]] }
 */
export function confusionMatrix(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>, labels?: Label[]): ConfusionMatrix {
  checkPairs(yTrue, yPred, "confusionMatrix");
  const L = labels ?? sortLabels([...new Set([...Array.from(yTrue), ...Array.from(yPred)])]);
  const index = new Map<Label, number>(L.map((l, i) => [l, i]));
  const matrix = L.map(() => new Array<number>(L.length).fill(0));
  for (let i = 0; i < yTrue.length; i++) {
    const a = index.get(yTrue[i]);
    const b = index.get(yPred[i]);
    if (a !== undefined && b !== undefined) matrix[a][b]++;
  }
  return { labels: L, matrix };
}
