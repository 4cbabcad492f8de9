import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { checkPairs } from "./check-pairs.ts";

/** Regression quality against reference values. */
export interface RegressionMetrics {
  n: number;
  /** Coefficient of determination (1 is perfect, 0 is the mean's score); NaN-free: 0 when y is constant and predictions are not exact. */
  r2: number;
  mae: number;
  rmse: number;
}

/**
 * R², mean absolute error and root mean squared error, as scikit-learn computes them.
 *
 * @example
 * regressionMetrics([1, 2, 3], [1, 2, 4]); // { n: 3, r2: 0.5, mae: 0.333…, rmse: 0.577… }
 */
export function regressionMetrics(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): RegressionMetrics {
  checkPairs(yTrue, yPred, "regressionMetrics");
  const n = yTrue.length;
  let mean = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(yTrue[i]) || !Number.isFinite(yPred[i])) {
      throw new UnderstudyError("bad_input", messages.evaluate.valueNotFinite(i, yTrue[i], yPred[i]));
    }
    mean += yTrue[i] / n;
  }
  let ssRes = 0;
  let ssTot = 0;
  let abs = 0;
  for (let i = 0; i < n; i++) {
    const e = yTrue[i] - yPred[i];
    ssRes += e * e;
    abs += Math.abs(e);
    ssTot += (yTrue[i] - mean) ** 2;
  }
  // scikit-learn: a constant target scores 1 when predicted exactly, else 0.
  const r2 = ssTot > 0 ? 1 - ssRes / ssTot : ssRes === 0 ? 1 : 0;
  return { n, r2, mae: abs / n, rmse: Math.sqrt(ssRes / n) };
}
