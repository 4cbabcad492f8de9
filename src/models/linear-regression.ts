import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { logger } from "../core/logger.ts";
import type { Matrix, MatrixLike } from "../data/matrix.ts";
import type { Capabilities, Estimator, FitOptions, LinearModel, ModelJSON } from "./estimator.ts";
import { modelJSON } from "./model-json.ts";
import { checkOptions, finiteNumber, integer, oneOf, option, storeOptions, type OptionsOf } from "./option-constraints.ts";
import { requireFitted } from "./require-fitted.ts";
import { checkFitInput, checkOutputLength, checkPredictInput, checkRegressionTarget, rejectMissing } from "./validate.ts";
import { finiteLinearScores } from "./linear/finite-linear-scores.ts";
import { toNumberArray } from "./to-number-array.ts";
import { choleskyFactor, choleskySolve } from "./linear/cholesky.ts";
import { monotoneMap, type MonotoneConstraints } from "./ebm/ebm-options.ts";
import { lassoCoordinateDescent } from "./linear/lasso-coordinate-descent.ts";
import { monotoneSigns } from "./monotone-signs.ts";
import { minNormLeastSquares } from "./linear/min-norm-least-squares.ts";
import { normalEquations, type NormalEquations } from "./linear/normal-equations.ts";
import { checkLinearState, checkSavedModel } from "./check-saved-model.ts";

/** Options of `LinearRegression`: name → default, allowed values, doc. */
export const LINEAR_REGRESSION_OPTIONS = {
  penalty: option<"none" | "l2" | "l1">(
    "none",
    oneOf("none", "l2", "l1"),
    '"none" (default): ordinary least squares; "l2": ridge, Σwᵢrᵢ² + alpha‖w‖² (scikit-learn\'s Ridge); "l1": lasso, 1/(2Σwᵢ)·Σwᵢrᵢ² + alpha‖w‖₁ (scikit-learn\'s Lasso). The intercept is never penalized.',
  ),
  alpha: option<number>(1, finiteNumber({ min: 0 }), 'Penalty strength for "l2" and "l1". Default 1.'),
  fitIntercept: option<boolean>(true, oneOf(true, false), "Fit an intercept. Default true."),
  maxIter: option<number>(1000, integer({ min: 1 }), "Lasso: most coordinate-descent sweeps. Default 1000."),
  tol: option<number>(1e-4, finiteNumber({ above: 0 }), "Lasso: stop when the duality gap is below tol·Σwᵢ(yᵢ − ȳ)². Default 1e-4."),
  monotone: option<MonotoneConstraints>({}, monotoneMap, 'Sign constraints: { feature: "increasing" | "decreasing" } (by name or index): the coefficient is kept ≥ 0 (or ≤ 0) by coordinate descent clamped at 0, whatever the penalty. Default {}.'),
};

/** Options of `LinearRegression`, each optional: see {@link LINEAR_REGRESSION_OPTIONS}. */
export type LinearRegressionOptions = Partial<OptionsOf<typeof LINEAR_REGRESSION_OPTIONS>>;

const KIND = "LinearRegression";

// Least squares, ridge (alpha on G's diagonal) or lasso (λ = alpha · Σw) with each constrained
// coefficient kept on its side of 0, by coordinate descent.
function signConstrained(
  G: Float64Array, q: Float64Array, yy: number, p: number, penalty: string, alpha: number, signs: Int8Array, o: { maxIter: number; tol: number },
): Float64Array {
  const R = Float64Array.from(G);
  if (penalty === "l2") for (let j = 0; j < p; j++) R[j * p + j] += alpha;
  const result = lassoCoordinateDescent(R, q, yy, p, penalty === "l1" ? alpha : 0, { ...o, signs });
  if (!result.converged) logger().warn(`${KIND} (sign-constrained) did not converge in maxIter = ${o.maxIter} sweeps; raise maxIter or rescale the features.`);
  return result.w;
}

/**
 * Linear regression: ordinary least squares, ridge or lasso, with row weights. The intercept
 * is fitted on weighted-centred data, so it is never penalized.
 * - "none": Cholesky on the normal equations with one refinement step when the columns are
 *   well conditioned; otherwise minimum-norm least squares by Householder QR with column
 *   pivoting and a complete orthogonal decomposition (scikit-learn's lstsq answer: two
 *   identical columns share the weight equally).
 * - "l2": Cholesky on XᵀWX + alpha·I (positive definite for alpha > 0).
 * - "l1": cyclic coordinate descent on the Gram matrix with scikit-learn's duality-gap stop;
 *   warns through the logger when maxIter runs out.
 * Rejects NaN and infinite inputs. `featureMeans`/`featureScales` are the weighted mean and
 * standard deviation of each column (scale 1 for constant columns), for reporting.
 *
 * Defaults: penalty "none", alpha 1, fitIntercept true, maxIter 1000, tol 1e-4.
 *
 * @example
 * const m = new LinearRegression().fit([[1], [2], [3]], [3, 5, 7]);
 * m.coefficients; // [[2]]
 * m.intercepts;   // [1]
 * m.predict([[10]]); // [21]
 */
export class LinearRegression implements Estimator<number>, LinearModel {
  readonly kind = KIND;
  readonly capabilities: Capabilities = {
    task: "regression",
    probabilities: false,
    trees: false,
    coefficients: true,
    neighbors: false,
    handlesMissing: false,
  };
  readonly link = "identity" as const;
  readonly options: Readonly<OptionsOf<typeof LINEAR_REGRESSION_OPTIONS>>;

  private fitted?: {
    featureNames: string[];
    coefficients: number[][];
    intercepts: number[];
    featureMeans: Float64Array;
    featureScales: Float64Array;
    /** `coefficients[0]` as a typed array, made on the first predict. */
    flatCoefficients?: Float64Array;
    /** `intercepts` as a typed array, made on the first predict. */
    flatIntercepts?: Float64Array;
  };

  constructor(options: LinearRegressionOptions = {}) {
    this.options = storeOptions(LINEAR_REGRESSION_OPTIONS, options);
  }

  // Every array handed out is a copy: changing it changes nothing in the model.
  get featureNames(): string[] { return [...this.state().featureNames]; }
  get nFeatures(): number { return this.state().featureNames.length; }
  get coefficients(): number[][] { return this.state().coefficients.map((row) => [...row]); }
  get intercepts(): number[] { return [...this.state().intercepts]; }
  get featureMeans(): Float64Array { return this.state().featureMeans.slice(); }
  get featureScales(): Float64Array { return this.state().featureScales.slice(); }

  fit(X: MatrixLike, y: ArrayLike<number>, options?: FitOptions): this {
    this.fitted = undefined;
    checkOptions(KIND, LINEAR_REGRESSION_OPTIONS, this.options);
    const { fitIntercept } = this.options;

    // NaN and ±∞ in X are found by the normal equations' column sums (see `finiteInput`).
    const input = checkFitInput(KIND, X, y.length, options, { allowMissing: true });
    const target = checkRegressionTarget(KIND, y);
    const { nRows: n, nCols: p, data } = input.X;
    const wts = input.weights;
    // Without sample weights every weight is 1 and the sum is n exactly (a loop over the rows
    // costs 0.4 ms on 16,000 rows while V8 has not optimized this method yet).
    let wSum = n;
    if (options?.sampleWeight !== undefined) {
      wSum = 0;
      for (let i = 0; i < n; i++) wSum += wts[i];
    }
    if (!(wSum > 0)) throw new UnderstudyError("bad_weight", messages.models.weightsSumToZero(KIND));

    // Means, then XᵀWX, XᵀWy and yᵀWy on centred data (not centred without an intercept).
    const normal = normalEquations(data, n, p, target, wts, wSum, fitIntercept);
    let coef: Float64Array;
    try {
      if (!normal.finiteInput) rejectMissing(KIND, input.X);
      coef = this.solve(normal, input.X, target, wts, wSum, input.featureNames);
    } finally {
      normal.release();
    }
    const { means, yMean, G } = normal;
    // Weighted standard deviations, for reporting: G's diagonal when it is centred on the means.
    const scales = fitIntercept
      ? Float64Array.from({ length: p }, (_, j) => G[j * (p + 1)] / wSum)
      : weightedVariances(data, n, p, means, wts, wSum);
    for (let j = 0; j < p; j++) scales[j] = scales[j] > 0 ? Math.sqrt(scales[j]) : 1;
    let intercept = 0;
    if (fitIntercept) {
      intercept = yMean;
      for (let j = 0; j < p; j++) intercept -= coef[j] * means[j];
    }
    this.fitted = {
      featureNames: input.featureNames,
      coefficients: [Array.from(coef)],
      intercepts: [intercept],
      featureMeans: means,
      featureScales: scales,
    };
    return this;
  }

  /** The coefficients from the normal equations, by the method the options choose. */
  private solve(normal: NormalEquations, X: Matrix, target: Float64Array, wts: Float64Array, wSum: number, featureNames: string[]): Float64Array {
    const { penalty, alpha, maxIter, tol, monotone, fitIntercept } = this.options;
    const { nRows: n, nCols: p, data } = X;
    const { G, q, yy } = normal;
    if (Object.keys(monotone).length > 0) {
      return signConstrained(G, q, yy, p, penalty, alpha * (penalty === "l1" ? wSum : 1), monotoneSigns(KIND, monotone, featureNames), { maxIter, tol });
    }
    if (penalty === "none" || alpha === 0) {
      const centre = fitIntercept ? normal.means : new Float64Array(p);
      return leastSquares(normal, data, n, p, centre, target, fitIntercept ? normal.yMean : 0, wts);
    }
    if (penalty === "l2") {
      const R = Float64Array.from(G);
      for (let j = 0; j < p; j++) R[j * p + j] += alpha;
      // alpha > 0 makes R positive definite; the fallback covers rounding on huge features.
      const L = choleskyFactor(R, p);
      return L ? choleskySolve(L, p, q) : minNormLeastSquares(R, p, p, q).w;
    }
    const result = lassoCoordinateDescent(G, q, yy, p, alpha * wSum, { maxIter, tol });
    if (!result.converged) {
      logger().warn(
        `${KIND} (lasso) did not converge in maxIter = ${maxIter} sweeps (duality gap ${result.gap.toExponential(2)} above tol); raise maxIter, raise alpha, or rescale the features.`,
      );
    }
    return result.w;
  }

  predict(X: MatrixLike): number[] {
    const M = checkPredictInput(KIND, X, this.nFeatures, { allowMissing: true });
    return toNumberArray(this.valuesInto(M, new Float64Array(M.nRows)));
  }

  /**
   * `predict` written into a buffer the caller keeps (length ≥ rows); returns `out`. Checks X
   * once per call and allocates nothing per row. A NaN or ±∞ in X throws `missing_values`
   * after `out` has been written (it is found from the predictions).
   *
   * @example
   * const out = new Float64Array(X.nRows);
   * m.predictInto(X, out); // reuse `out` for the next batch
   */
  predictInto(X: MatrixLike, out: Float64Array): Float64Array {
    const M = checkPredictInput(KIND, X, this.nFeatures, { allowMissing: true });
    checkOutputLength(KIND, M.nRows, out.length);
    return this.valuesInto(M, out);
  }

  /** Predictions for M, whose shape was checked: a NaN or ±∞ in M is found from the predictions (n reads, not n·p). */
  private valuesInto(M: Matrix, out: Float64Array): Float64Array {
    const s = this.state();
    const W = (s.flatCoefficients ??= Float64Array.from(s.coefficients[0]));
    return finiteLinearScores(KIND, M, W, (s.flatIntercepts ??= Float64Array.from(s.intercepts)), 1, out);
  }

  toJSON(): ModelJSON {
    const s = this.state();
    return modelJSON({
      kind: KIND,
      options: { ...this.options },
      featureNames: s.featureNames,
      state: {
        coefficients: s.coefficients.map((r) => [...r]),
        intercepts: [...s.intercepts],
        featureMeans: Array.from(s.featureMeans),
        featureScales: Array.from(s.featureScales),
      },
    });
  }

  /** Restores a model saved with `toJSON()`. */
  static fromJSON(json: ModelJSON): LinearRegression {
    checkSavedModel(json, "regression");
    checkLinearState(json, [1]);
    const m = new LinearRegression(json.options as LinearRegressionOptions);
    const st = json.state as { coefficients: number[][]; intercepts: number[]; featureMeans: number[]; featureScales: number[] };
    m.fitted = {
      featureNames: [...json.featureNames],
      coefficients: st.coefficients.map((r) => [...r]),
      intercepts: [...st.intercepts],
      featureMeans: Float64Array.from(st.featureMeans),
      featureScales: Float64Array.from(st.featureScales),
    };
    return m;
  }

  private state(): NonNullable<typeof this.fitted> {
    return requireFitted(this.fitted, KIND);
  }
}

/**
 * Ordinary least squares. Well-conditioned problems (every column's 1 − R² on the others
 * above 1e-8) use Cholesky on the normal equations plus one step of iterative refinement on
 * the residual (corrected semi-normal equations: accurate to about QR's level at a fraction of
 * the cost); dependent or nearly dependent columns go to the minimum-norm QR solution of the
 * √w-scaled, centred design (centred on `centre`, y on `yCentre`).
 */
function leastSquares(
  normal: NormalEquations, data: Float64Array, n: number, p: number,
  centre: Float64Array, target: Float64Array, yCentre: number, wts: Float64Array,
): Float64Array {
  const L = choleskyFactor(normal.G, p, 1e-8);
  if (L) {
    const coef = choleskySolve(L, p, normal.q);
    const delta = choleskySolve(L, p, normal.residualStep(coef));
    for (let j = 0; j < p; j++) coef[j] += delta[j];
    return coef;
  }
  const A = new Float64Array(n * p);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = Math.sqrt(wts[i]);
    for (let j = 0; j < p; j++) A[i * p + j] = s * (data[i * p + j] - centre[j]);
    b[i] = s * (target[i] - yCentre);
  }
  return minNormLeastSquares(A, n, p, b).w;
}

/** Σ wᵢ(xᵢⱼ − meanⱼ)² / Σw per column. */
function weightedVariances(data: Float64Array, n: number, p: number, means: Float64Array, wts: Float64Array, wSum: number): Float64Array {
  const out = new Float64Array(p);
  for (let i = 0, o = 0; i < n; i++, o += p) {
    const w = wts[i];
    for (let j = 0; j < p; j++) {
      const c = data[o + j] - means[j];
      out[j] += w * c * c;
    }
  }
  for (let j = 0; j < p; j++) out[j] /= wSum;
  return out;
}
