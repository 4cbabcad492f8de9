import type { Label } from "../models/estimator.ts";
import { checkPairs } from "./check-pairs.ts";
import { confusionMatrix, type ConfusionMatrix } from "./confusion-matrix.ts";

/** Precision, recall and F1 of one class (zero where undefined, as scikit-learn's zero_division=0). */
export interface ClassMetrics {
  label: Label;
  precision: number;
  recall: number;
  f1: number;
  /** Rows whose reference label is this class. */
  support: number;
}

/** Classification quality against reference labels. */
export interface ClassificationMetrics {
  n: number;
  accuracy: number;
  perClass: ClassMetrics[];
  macroPrecision: number;
  macroRecall: number;
  macroF1: number;
  /** F1 averaged with class supports as weights. */
  weightedF1: number;
  /** Cohen's kappa: agreement beyond chance. */
  kappa: number;
  confusion: ConfusionMatrix;
}

/**
 * Accuracy, per-class precision/recall/F1, macro and weighted F1, Cohen's kappa and the
 * confusion matrix, matching scikit-learn (`zero_division=0`). `labels` fixes the classes and
 * their order (default: every label seen, sorted).
 *
 * @example
 * classificationMetrics(gold, model.predict(X)).macroF1;
 */
export function classificationMetrics(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>, options: { labels?: Label[] } = {}): ClassificationMetrics {
  checkPairs(yTrue, yPred, "classificationMetrics");
  const confusion = confusionMatrix(yTrue, yPred, options.labels);
  const m = confusion.matrix;
  const L = confusion.labels.length;
  const n = yTrue.length;
  let correct = 0;
  for (let i = 0; i < n; i++) if (yTrue[i] === yPred[i]) correct++;
  const rowSum = m.map((r) => r.reduce((a, b) => a + b, 0));
  const colSum = confusion.labels.map((_, j) => m.reduce((a, r) => a + r[j], 0));
  const perClass = confusion.labels.map((label, k) => {
    const tp = m[k][k];
    const precision = colSum[k] > 0 ? tp / colSum[k] : 0;
    const recall = rowSum[k] > 0 ? tp / rowSum[k] : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support: rowSum[k] };
  });
  const mean = (f: (c: ClassMetrics) => number) => perClass.reduce((a, c) => a + f(c), 0) / (L || 1);
  const totalSupport = rowSum.reduce((a, b) => a + b, 0);
  const counted = m.reduce((a, r) => a + r.reduce((x, y) => x + y, 0), 0);
  let observed = 0;
  let chance = 0;
  for (let k = 0; k < L; k++) {
    observed += m[k][k] / (counted || 1);
    chance += (rowSum[k] / (counted || 1)) * (colSum[k] / (counted || 1));
  }
  return {
    n,
    accuracy: correct / n,
    perClass,
    macroPrecision: mean((c) => c.precision),
    macroRecall: mean((c) => c.recall),
    macroF1: mean((c) => c.f1),
    weightedF1: totalSupport > 0 ? perClass.reduce((a, c) => a + c.f1 * c.support, 0) / totalSupport : 0,
    kappa: chance < 1 ? (observed - chance) / (1 - chance) : 0,
    confusion,
  };
}
