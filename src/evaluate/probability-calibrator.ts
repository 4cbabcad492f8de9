import type { Label } from "../models/estimator.ts";
import { plattScaling } from "./platt-scaling.ts";

/**
 * A Platt calibration of a classifier's probabilities, as plain JSON: per calibrated class,
 * P'(class) = 1 / (1 + exp(a·P(class) + b)). Two classes: only `positive` is calibrated and the
 * other gets 1 − P'. More classes: each class one-vs-rest, then normalized to sum to 1
 * (scikit-learn's `CalibratedClassifierCV(method="sigmoid")`).
 */
export interface ProbabilityCalibration {
  method: "platt";
  /** The classes in the order of the probability columns it maps. */
  classes: Label[];
  /** One entry per calibrated class (two classes: the positive one only). */
  perClass: { label: Label; a: number; b: number }[];
  /** Where it was fitted: out-of-fold probabilities of the labelled train + validation rows. */
  rows: "cv";
  n: number;
}

/**
 * Fits a {@link ProbabilityCalibration} on probabilities of rows the model did not see (out
 * of fold), columns in `classes` order, against the labels `y`. Platt rather than isotonic:
 * two parameters per class are stable on a few hundred rows and keep the order of the scores
 * (AUC and the ranking are unchanged), where an isotonic step function needs thousands of
 * rows and turns close scores into ties.
 *
 * @example
 * const c = fitProbabilityCalibration(outOfFoldProba, ["ham", "spam"], teacherLabels, "spam");
 * applyProbabilityCalibration(c, model.predictProba(X));
 */
export function fitProbabilityCalibration(proba: number[][], classes: readonly Label[], y: readonly Label[], positive: Label): ProbabilityCalibration {
  const calibrated = classes.length === 2 ? [positive] : [...classes];
  const perClass = calibrated.map((label) => {
    const k = classes.findIndex((c) => String(c) === String(label));
    const { params } = plattScaling(proba.map((p) => p[k]), y.map((l) => String(l) === String(label)));
    return { label, a: params.a as number, b: params.b as number };
  });
  return { method: "platt", classes: [...classes], perClass, rows: "cv", n: y.length };
}

/**
 * The calibrated probabilities of rows (columns in the calibration's `classes` order).
 *
 * @example
 * applyProbabilityCalibration(calibration, [[0.3, 0.7]]); // [[0.22, 0.78]]
 */
export function applyProbabilityCalibration(c: ProbabilityCalibration, proba: readonly (readonly number[])[]): number[][] {
  const index = c.perClass.map((e) => c.classes.findIndex((l) => String(l) === String(e.label)));
  const sigmoid = (p: number, e: { a: number; b: number }) => 1 / (1 + Math.exp(e.a * p + e.b));
  return proba.map((p) => {
    if (c.classes.length === 2) {
      const k = index[0];
      const q = sigmoid(p[k], c.perClass[0]);
      return k === 0 ? [q, 1 - q] : [1 - q, q];
    }
    const q = c.perClass.map((e, j) => sigmoid(p[index[j]], e));
    const total = q.reduce((a, b) => a + b, 0);
    return q.map((v) => (total > 0 ? v / total : 1 / q.length));
  });
}
