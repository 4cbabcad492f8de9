import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { Random } from "../core/random.ts";
import { Matrix, type MatrixLike } from "../data/matrix.ts";
import type { Label } from "../models/estimator.ts";
import { metricFunction, type Metric } from "../evaluate/metric.ts";
import { inputMatrix, type FittedModel } from "./model-access.ts";

/** How much the score drops when one feature's values are shuffled. */
export interface PermutationImportanceRow {
  feature: number;
  name: string;
  /** Mean drop in the score over repeats (baseline − permuted); near 0 for unused features. */
  mean: number;
  /** Population standard deviation of the drop over repeats (as scikit-learn). */
  std: number;
  /** The drop in each repeat. */
  drops: number[];
}

/** Result of `permutationImportance`. */
export interface PermutationImportance {
  /** Score of the model on the unshuffled rows. */
  baseline: number;
  metric: string;
  features: PermutationImportanceRow[];
}

/**
 * Permutation importance for any model (Breiman 2001; scikit-learn's
 * `permutation_importance`): shuffle one column at a time, `nRepeats` times, and record how
 * much the metric drops. Defaults: `nRepeats` 5, `metric` "accuracy" for classifiers and "r2"
 * for regressors, `seed` 0 (a seed reproduces the result).
 *
 * @example
 * const { features } = permutationImportance(model, Xtest, ytest, { nRepeats: 10, seed: 0 });
 * features.sort((a, b) => b.mean - a.mean)[0].name;
 */
export function permutationImportance(
  model: FittedModel,
  X: MatrixLike,
  y: ArrayLike<Label>,
  options: { metric?: Metric; nRepeats?: number; seed?: number } = {},
): PermutationImportance {
  const M = inputMatrix(model, X, "permutationImportance");
  if (y.length !== M.nRows) {
    throw new UnderstudyError("length_mismatch", messages.explain.labelCount("permutationImportance", M.nRows, y.length));
  }
  const nRepeats = options.nRepeats ?? 5;
  if (!Number.isInteger(nRepeats) || nRepeats < 1) {
    throw new UnderstudyError("bad_option", messages.explain.badRepeats("permutationImportance", nRepeats));
  }
  const metric = options.metric ?? (model.capabilities.task === "classification" ? "accuracy" : "r2");
  const score = metricFunction(metric, "permutationImportance");
  const yTrue = Array.from(y);
  const baseline = score(yTrue, model.predict(M));
  const rng = new Random(options.seed ?? 0);
  const n = M.nRows;
  const F = M.nCols;
  const work = new Float64Array(M.data);
  const shuffled = new Matrix(work, n, F, M.featureNames, M.origins);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const features: PermutationImportanceRow[] = [];
  for (let j = 0; j < F; j++) {
    const column = M.column(j);
    const drops: number[] = [];
    for (let r = 0; r < nRepeats; r++) {
      rng.shuffle(order);
      for (let i = 0; i < n; i++) work[i * F + j] = column[order[i]];
      drops.push(baseline - score(yTrue, model.predict(shuffled)));
    }
    for (let i = 0; i < n; i++) work[i * F + j] = column[i];
    const mean = drops.reduce((a, b) => a + b, 0) / nRepeats;
    const std = Math.sqrt(drops.reduce((a, b) => a + (b - mean) ** 2, 0) / nRepeats);
    features.push({ feature: j, name: model.featureNames[j] ?? `x${j}`, mean, std, drops });
  }
  return { baseline, metric: typeof metric === "function" ? metric.name || "custom" : metric, features };
}
