import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { Matrix, type MatrixLike } from "../data/matrix.ts";
import type { FitOptions } from "./estimator.ts";

/**
 * Validates the inputs of `fit` and returns X as a Matrix, the feature names and the row
 * weights. Errors name the estimator, the problem and the fix.
 */
export function checkFitInput(
  kind: string,
  X: MatrixLike,
  yLength: number,
  options: FitOptions | undefined,
  { allowMissing }: { allowMissing: boolean },
): { X: Matrix; featureNames: string[]; weights: Float64Array } {
  const M = Matrix.from(X, options?.featureNames);
  if (M.nRows === 0) {
    throw new UnderstudyError("empty_input", messages.models.noRows(kind));
  }
  if (M.nCols === 0) {
    throw new UnderstudyError("empty_input", messages.models.noColumns(kind));
  }
  if (yLength !== M.nRows) {
    throw new UnderstudyError("length_mismatch", messages.models.labelCount(kind, M.nRows, yLength));
  }
  if (!allowMissing) rejectMissing(kind, M);
  const featureNames = options?.featureNames ?? M.featureNames;
  if (featureNames.length !== M.nCols) {
    throw new UnderstudyError("bad_input", messages.models.featureNameCount(kind, featureNames.length, M.nCols));
  }
  const weights = new Float64Array(M.nRows);
  if (options?.sampleWeight) {
    const w = options.sampleWeight;
    if (w.length !== M.nRows) {
      throw new UnderstudyError("length_mismatch", messages.models.weightCount(kind, w.length, M.nRows));
    }
    for (let i = 0; i < w.length; i++) {
      if (!(w[i] >= 0) || !Number.isFinite(w[i])) {
        throw new UnderstudyError("bad_weight", messages.models.badWeight(kind, i, w[i]));
      }
      weights[i] = w[i];
    }
  } else weights.fill(1);
  return { X: M, featureNames: [...featureNames], weights };
}

/**
 * For estimators that cannot use row weights: rejects `sampleWeight` rather than ignoring it,
 * so a caller never believes weights took effect when they did not.
 *
 * @example
 * rejectSampleWeight("KNNClassifier", options);
 */
export function rejectSampleWeight(kind: string, options: FitOptions | undefined): void {
  if (options?.sampleWeight !== undefined) throw new UnderstudyError("bad_weight", messages.models.weightsNotUsed(kind));
}

/** Validates X for predict: fitted width, numbers, and NaN only where the model handles it. */
export function checkPredictInput(
  kind: string,
  X: MatrixLike,
  nFeatures: number,
  { allowMissing }: { allowMissing: boolean },
): Matrix {
  const M = Matrix.from(X);
  if (M.nCols !== nFeatures && M.nRows > 0) {
    throw new UnderstudyError("width_mismatch", messages.models.predictWidth(kind, M.nCols, nFeatures));
  }
  if (!allowMissing) rejectMissing(kind, M);
  return M;
}

/**
 * For the `…Into` predict methods: the caller's buffer must hold `needed` entries.
 *
 * @example
 * checkOutputLength("LinearRegression", X.nRows, out.length);
 */
export function checkOutputLength(kind: string, needed: number, length: number): void {
  if (length < needed) throw new UnderstudyError("length_mismatch", messages.models.outputTooShort(kind, length, needed));
}

/** Regression targets: finite numbers only. */
export function checkRegressionTarget(kind: string, y: ArrayLike<unknown>): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new UnderstudyError("bad_target", messages.models.badRegressionTarget(kind, i, v));
    }
    out[i] = v;
  }
  return out;
}

/**
 * Throws `missing_values`, naming the first NaN or ±∞ in M (row, column, feature), if there is
 * one. `checkFitInput` and `checkPredictInput` run it unless the model handles missing
 * values; the linear models run it only when a column sum (fit) or a score (predict) came out
 * non-finite, which any NaN or ±∞ in X causes (see `finiteLinearScores`).
 *
 * @example
 * rejectMissing("LinearRegression", Matrix.fromRows([[1, NaN]])); // throws: row 0, column 1
 */
export function rejectMissing(kind: string, M: Matrix): void {
  const d = M.data;
  // v·0 is 0 for a finite v and NaN for NaN or ±∞, so one sum finds any bad value without a
  // branch per entry; only then is the first one looked for, to name it.
  // Four sums, so the adds do not wait on each other.
  let p0 = 0, p1 = 0, p2 = 0, p3 = 0;
  let k = 0;
  for (; k + 3 < d.length; k += 4) {
    p0 += d[k] * 0; p1 += d[k + 1] * 0; p2 += d[k + 2] * 0; p3 += d[k + 3] * 0;
  }
  for (; k < d.length; k++) p0 += d[k] * 0;
  if (p0 + p1 + p2 + p3 === 0) return;
  for (k = 0; k < d.length; k++) {
    if (!Number.isFinite(d[k])) {
      const i = Math.floor(k / M.nCols);
      const j = k % M.nCols;
      throw new UnderstudyError("missing_values", messages.models.missingValue(kind, i, j, M.featureNames[j], d[k]));
    }
  }
}
