import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { Matrix, type MatrixLike } from "../data/matrix.ts";
import type { Estimator, FitOptions, Label } from "../models/estimator.ts";
import { assignFolds } from "./assign-folds.ts";
import { metricFunction, type Metric } from "./metric.ts";

/** Result of `crossValidate`. */
export interface CrossValidation {
  /** The metric on each held-out fold. */
  scores: number[];
  mean: number;
  /** Population standard deviation of the fold scores. */
  std: number;
  /** Held-out row indices of each fold. */
  folds: number[][];
  /** Out-of-fold prediction for every row (each row is predicted by the model that did not see it). */
  predictions: Label[];
}

/** Options for `crossValidate`. */
export interface CrossValidateOptions {
  /** Number of folds (default 5). */
  folds?: number;
  /** Seed for the shuffle (default 0). */
  seed?: number;
  /** Keep each class's share about equal across folds (default: true for classifiers, false for regressors). */
  stratified?: boolean;
  /** Score on each held-out fold (default "accuracy" for classifiers, "r2" for regressors). */
  metric?: Metric;
  /** Group id per row: rows sharing one stay in one fold (stratified group k-fold). Default: none. */
  groups?: Int32Array | readonly number[];
  /** Passed to each fit (sample weights are subset per fold). */
  fitOptions?: FitOptions;
}

/**
 * K-fold cross-validation of a model factory: shuffle (seeded), split into folds (stratified
 * by label for classification: each class is dealt round-robin across folds; with `groups`,
 * whole groups go to one fold, see `assignFolds`), fit a fresh
 * model on all folds but one, score it on the held-out fold. `folds` must be from 2 to the
 * number of rows.
 *
 * @example
 * const cv = crossValidate(() => new DecisionTreeClassifier({ maxDepth: 4 }), X, y, { folds: 5, seed: 0 });
 * cv.mean; // mean held-out accuracy
 */
export function crossValidate(createModel: () => Estimator, X: MatrixLike, y: ArrayLike<Label>, options: CrossValidateOptions = {}): CrossValidation {
  const M = Matrix.from(X);
  const n = M.nRows;
  const k = options.folds ?? 5;
  if (y.length !== n) throw new UnderstudyError("length_mismatch", messages.evaluate.xyLength(n, y.length));
  if (!Number.isInteger(k) || k < 2 || k > n) {
    throw new UnderstudyError("bad_option", messages.evaluate.foldCount(k, n));
  }
  // An unfitted estimator already declares its task.
  const regression = createModel().capabilities?.task === "regression";
  const metric = options.metric ?? (regression ? "r2" : "accuracy");
  const score = metricFunction(metric, "crossValidate");
  const stratified = options.stratified ?? !regression;
  const folds = assignFolds(y, { folds: k, seed: options.seed ?? 0, stratified, ...(options.groups ? { groups: options.groups } : {}) });
  const yAll = Array.from(y);
  const predictions = new Array<Label>(n);
  const scores = folds.map((test) => {
    const held = new Uint8Array(n);
    for (const i of test) held[i] = 1;
    const train: number[] = [];
    for (let i = 0; i < n; i++) if (!held[i]) train.push(i);
    const fitOptions: FitOptions = { ...options.fitOptions };
    if (options.fitOptions?.sampleWeight) fitOptions.sampleWeight = train.map((i) => options.fitOptions!.sampleWeight![i]);
    const model = createModel().fit(M.selectRows(train), train.map((i) => yAll[i]), fitOptions);
    const predicted = model.predict(M.selectRows(test));
    test.forEach((i, r) => (predictions[i] = predicted[r]));
    return score(test.map((i) => yAll[i]), predicted);
  });
  const mean = scores.reduce((a, b) => a + b, 0) / k;
  const std = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / k);
  return { scores, mean, std, folds, predictions };
}
