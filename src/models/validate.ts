import { UnderstudyError } from "../core/errors.ts";
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
    throw new UnderstudyError("empty_input", `${kind}: X has no rows; fit needs at least one labeled row.`);
  }
  if (M.nCols === 0) {
    throw new UnderstudyError("empty_input", `${kind}: X has no columns; fit needs at least one feature.`);
  }
  if (yLength !== M.nRows) {
    throw new UnderstudyError(
      "length_mismatch",
      `${kind}: X has ${M.nRows} rows but y has ${yLength} labels; pass one label per row.`,
    );
  }
  if (!allowMissing) rejectMissing(kind, M);
  const featureNames = options?.featureNames ?? M.featureNames;
  if (featureNames.length !== M.nCols) {
    throw new UnderstudyError(
      "bad_feature_names",
      `${kind}: ${featureNames.length} feature names for ${M.nCols} columns; pass one name per column.`,
    );
  }
  const weights = new Float64Array(M.nRows);
  if (options?.sampleWeight) {
    const w = options.sampleWeight;
    if (w.length !== M.nRows) {
      throw new UnderstudyError(
        "length_mismatch",
        `${kind}: sampleWeight has ${w.length} values for ${M.nRows} rows; pass one weight per row.`,
      );
    }
    for (let i = 0; i < w.length; i++) {
      if (!(w[i] >= 0) || !Number.isFinite(w[i])) {
        throw new UnderstudyError(
          "bad_weight",
          `${kind}: sampleWeight[${i}] is ${w[i]}; weights must be finite and non-negative.`,
        );
      }
      weights[i] = w[i];
    }
  } else weights.fill(1);
  return { X: M, featureNames: [...featureNames], weights };
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
    throw new UnderstudyError(
      "width_mismatch",
      `${kind}: X has ${M.nCols} columns but the model was fitted on ${nFeatures}; pass the same features in the same order.`,
    );
  }
  if (!allowMissing) rejectMissing(kind, M);
  return M;
}

/** Regression targets: finite numbers only. */
export function checkRegressionTarget(kind: string, y: ArrayLike<unknown>): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new UnderstudyError(
        "bad_target",
        `${kind}: y[${i}] is ${JSON.stringify(v)}; a regressor needs finite numbers. Drop or fill that row first.`,
      );
    }
    out[i] = v;
  }
  return out;
}

function rejectMissing(kind: string, M: Matrix): void {
  const d = M.data;
  for (let k = 0; k < d.length; k++) {
    if (d[k] !== d[k] || d[k] === Infinity || d[k] === -Infinity) {
      const i = Math.floor(k / M.nCols);
      const j = k % M.nCols;
      throw new UnderstudyError(
        "missing_values",
        `${kind}: X[${i}][${j}] (${M.featureNames[j]}) is ${d[k]}; this model does not accept missing or infinite values. Impute them first (encodeTable imputes) or use a tree model, which routes missing values.`,
      );
    }
  }
}
