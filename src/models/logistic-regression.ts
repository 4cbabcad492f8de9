import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { logger } from "../core/logger.ts";
import type { Matrix, MatrixLike } from "../data/matrix.ts";
import type { Capabilities, Estimator, FitOptions, Label, LinearModel, ModelJSON } from "./estimator.ts";
import { classWeights } from "./class-weights.ts";
import { anyOf, checkOptions, finiteNumber, integer, oneOf, option, storeOptions, weightPerLabel, type OptionsOf } from "./option-constraints.ts";
import { encodeLabels } from "./labels.ts";
import { modelJSON } from "./model-json.ts";
import { requireFitted } from "./require-fitted.ts";
import { checkFitInput, checkOutputLength, checkPredictInput, rejectMissing } from "./validate.ts";
import { finiteLinearScores } from "./linear/finite-linear-scores.ts";
import { toNumberArray } from "./to-number-array.ts";
import { minimizeLbfgs, type LbfgsResult } from "./linear/lbfgs.ts";
import { packRows } from "./linear/wasm/packed-gram.ts";
import { packSparseRows, type PackedSparseRows } from "./linear/wasm/packed-sparse-rows.ts";
import { positiveRows } from "./linear/wasm/positive-rows.ts";
import { monotoneMap, type MonotoneConstraints } from "./ebm/ebm-options.ts";
import { logisticObjective } from "./linear/logistic-objective.ts";
import { minimizeLogisticNewton } from "./linear/logistic-newton.ts";
import { monotoneSigns } from "./monotone-signs.ts";
import { standardize } from "./linear/standardize.ts";
import { checkLinearState, checkSavedModel } from "./check-saved-model.ts";

/** Options of `LogisticRegression`: name → default, allowed values, doc. */
export const LOGISTIC_REGRESSION_OPTIONS = {
  penalty: option<"l2" | "l1" | "none">("l2", oneOf("l2", "l1", "none"), '"l2" (default): ½‖w‖²; "l1": ‖w‖₁ (sparse); "none": no penalty. The intercept is never penalized.'),
  C: option<number>(1, finiteNumber({ above: 0 }), "Inverse penalty strength, as in scikit-learn: minimizes C·Σ loss + penalty. Default 1."),
  maxIter: option<number>(100, integer({ min: 1 }), "Most solver iterations (like scikit-learn's lbfgs `max_iter`). Default 100."),
  tol: option<number>(1e-4, finiteNumber({ above: 0 }), "Stop when the largest gradient component of the mean loss is below this. Default 1e-4."),
  fitIntercept: option<boolean>(true, oneOf(true, false), "Fit an intercept. Default true."),
  classWeight: option<"balanced" | Record<string, number> | undefined>(
    undefined,
    anyOf([oneOf("balanced"), weightPerLabel], { optional: true }),
    'Per-class weights multiplying the sample weights: "balanced" (n / (nClasses · count of the class)), or { label: weight } (label as `String(label)`). Default: all 1.',
  ),
  monotone: option<MonotoneConstraints>({}, monotoneMap, 'Sign constraints: { feature: "increasing" | "decreasing" } (by name or index); "increasing" means the probability of the first class never decreases as the feature grows (its coefficient, which scores the second class, is kept ≤ 0 by the solver). Two classes only. Default {}.'),
};

/** Options of `LogisticRegression`, each optional: see {@link LOGISTIC_REGRESSION_OPTIONS}. */
export type LogisticRegressionOptions = Partial<OptionsOf<typeof LOGISTIC_REGRESSION_OPTIONS>>;

const KIND = "LogisticRegression";

// Binary: one coefficient per feature, for classes[1]; P(classes[0]) rises with the feature
// exactly when that coefficient is ≤ 0. Undefined when nothing is constrained.
/** True when every constrained coefficient already has its allowed sign (or is 0). */
function keepsSigns(x: ArrayLike<number>, signs: Int8Array): boolean {
  for (let j = 0; j < signs.length; j++) if (signs[j] * x[j] < 0) return false;
  return true;
}

function coefficientSigns(monotone: MonotoneConstraints, featureNames: readonly string[], nClasses: number, size: number): Int8Array | undefined {
  if (Object.keys(monotone).length === 0) return undefined;
  if (nClasses > 2) throw new UnderstudyError("bad_option", messages.models.monotoneTwoClasses(KIND, nClasses));
  const signs = new Int8Array(size);
  monotoneSigns(KIND, monotone, featureNames).forEach((d, j) => (signs[j] = -d));
  return signs;
}

/**
 * Logistic regression, scikit-learn's `LogisticRegression` in TypeScript: binary logistic
 * loss for two classes (one coefficient row, for `classes[1]`), multinomial softmax for three
 * or more. Minimizes C·Σ wᵢ·loss + ½‖w‖² ("l2"), C·Σ wᵢ·loss + ‖w‖₁ ("l1") or Σ wᵢ·loss
 * ("none") over raw-scale coefficients, so its optimum is scikit-learn's. Internally the
 * features are standardized only to precondition the solver (the penalty is rescaled so the
 * optimum does not move); `coefficients` and `intercepts` are on the raw input scale and
 * `featureMeans`/`featureScales` give the standardization for reporting standardized
 * coefficients (coefficient × scale). Solver: Newton with the exact Hessian for "l2"/"none"
 * with at most 48 parameters (classes × (features + 1)) on dense rows, L-BFGS for larger or
 * mostly-zero "l2"/"none" problems, OWL-QN for "l1";
 * a fit that stops at `maxIter` warns through the logger. Rejects NaN and infinite inputs.
 *
 * Defaults: penalty "l2", C 1, maxIter 100, tol 1e-4, fitIntercept true, classWeight none.
 *
 * @example
 * const m = new LogisticRegression({ C: 0.5 }).fit([[0, 1], [1, 1], [2, 0], [3, 0]], ["no", "no", "yes", "yes"]);
 * m.predict([[2.5, 0]]);       // ["yes"]
 * m.predictProba([[2.5, 0]]);  // [[p(no), p(yes)]]
 * m.coefficients;              // [[w0, w1]] for classes[1] = "yes"
 */
export class LogisticRegression<Y extends Label = Label> implements Estimator<Y>, LinearModel {
  readonly kind = KIND;
  readonly capabilities: Capabilities = {
    task: "classification",
    probabilities: true,
    trees: false,
    coefficients: true,
    neighbors: false,
    handlesMissing: false,
  };
  readonly options: Readonly<OptionsOf<typeof LOGISTIC_REGRESSION_OPTIONS>>;

  private fitted?: {
    featureNames: string[];
    classes: Y[];
    coefficients: number[][];
    intercepts: number[];
    featureMeans: Float64Array;
    featureScales: Float64Array;
    nIter: number;
    /** `coefficients` as one row-major array, made on the first predict. */
    flatCoefficients?: Float64Array;
    /** `intercepts` as a typed array, made on the first predict. */
    flatIntercepts?: Float64Array;
  };

  constructor(options: LogisticRegressionOptions = {}) {
    this.options = storeOptions(LOGISTIC_REGRESSION_OPTIONS, options);
  }

  // Every array handed out is a copy: changing it changes nothing in the model.
  get featureNames(): string[] { return [...this.state().featureNames]; }
  get nFeatures(): number { return this.state().featureNames.length; }
  get classes(): Y[] { return [...this.state().classes]; }
  get coefficients(): number[][] { return this.state().coefficients.map((row) => [...row]); }
  get intercepts(): number[] { return [...this.state().intercepts]; }
  get link(): "logistic" | "softmax" { return this.state().classes.length === 2 ? "logistic" : "softmax"; }
  get featureMeans(): Float64Array { return this.state().featureMeans.slice(); }
  get featureScales(): Float64Array { return this.state().featureScales.slice(); }
  /** Solver iterations the last fit took. */
  get nIter(): number { return this.state().nIter; }

  fit(X: MatrixLike, y: ArrayLike<Y>, options?: FitOptions): this {
    this.fitted = undefined;
    checkOptions(KIND, LOGISTIC_REGRESSION_OPTIONS, this.options);
    const { penalty, C, maxIter, tol, fitIntercept, classWeight, monotone } = this.options;

    // NaN and ±∞ in X are found by standardize's column sums (see `finiteInput`).
    const input = checkFitInput(KIND, X, y.length, options, { allowMissing: true });
    const { classes, codes } = encodeLabels(y, KIND);
    const n = input.X.nRows;
    const p = input.X.nCols;
    const weights = input.weights;
    const perClass = classWeights(KIND, classWeight, classes, codes);
    // Without sample or class weights every weight is 1 and the sum is n exactly (a loop over
    // the rows costs 0.4 ms on 16,000 rows while V8 has not optimized this method yet).
    let wSum = n;
    if (options?.sampleWeight !== undefined || classWeight !== undefined) {
      wSum = 0;
      for (let i = 0; i < n; i++) wSum += (weights[i] *= perClass[codes[i]]);
    }
    if (!(wSum > 0)) {
      throw new UnderstudyError("bad_weight", messages.models.weightsSumToZero(KIND));
    }

    // Precondition on the diagonal of the initial Hessian (loss curvature ≈ variance / 4 plus the
    // l2 term), so features whose tiny spread makes the raw-scale penalty dominate stay well scaled.
    const reg = penalty === "l2" ? 1 / (C * wSum) : 0;
    // X's rows packed into WebAssembly memory as [x, 1] (undefined where it cannot run): the
    // statistics passes run there, and on dense rows (repacked when standardizing copied them)
    // Newton's Hessian blocks too, and for two classes the loss and gradient passes.
    const ones = new Float64Array(n).fill(1);
    let packed = packRows(input.X.data, n, p, ones);
    let result: LbfgsResult;
    let standardized: ReturnType<typeof standardize>;
    let sparse: PackedSparseRows | undefined;
    try {
      standardized = standardize(input.X, weights, { center: fitIntercept, divisor: (s) => Math.sqrt(s * s + 4 * reg), packed, weightSum: wSum });
      if (!standardized.finiteInput) rejectMissing(KIND, input.X);
      const { Z, rows, factors, shifts, divisors: precond } = standardized;
      if (packed && Z !== input.X.data) {
        packed.release();
        packed = Z ? packRows(Z, n, p, ones) : undefined;
      }
      const curvature = packed && classes.length === 2 ? { theta: new Float64Array(p + 1).fill(NaN), values: new Float64Array(n) } : undefined;
      sparse = rows && classes.length === 2 ? packSparseRows(rows, n, p) : undefined;
      const problem = { Z, rows, packed, sparse, curvature, factors, shifts, n, p, codes, nClasses: classes.length, weights, wSum, scales: precond, penalty, C, fitIntercept };
      const { objective, size, l1 } = logisticObjective(problem);
      const signs = coefficientSigns(monotone, input.featureNames, classes.length, size);
      // Sign constraints (monotone columns) are a projection L-BFGS supports and Newton does not:
      // a Newton optimum that already keeps every sign is the constrained optimum too, else L-BFGS.
      const newton = useNewton(penalty, Z, size) ? minimizeLogisticNewton(problem, objective, size, { maxIter, tol }) : undefined;
      result = newton && (!signs || (newton.converged && keepsSigns(newton.x, signs)))
        ? newton
        : minimizeLbfgs(objective, new Float64Array(size), { maxIter, tol, l1, ...(signs ? { signs } : {}) });
    } finally {
      packed?.release();
      sparse?.release();
    }
    if (!result.converged) {
      logger().warn(
        `${KIND} did not converge in maxIter = ${maxIter} iterations (largest gradient still above tol = ${tol}); raise maxIter, rescale the features, or lower C (a stronger penalty) if the classes are nearly separable.`,
      );
    }

    const { means, scales, divisors: precond } = standardized;
    // Back to the raw scale: w = w_z / precond, b = b_z − Σ w·mean.
    const K = classes.length === 2 ? 1 : classes.length;
    const coefficients: number[][] = [];
    const intercepts: number[] = [];
    for (let k = 0; k < K; k++) {
      const row: number[] = [];
      let b = result.x[K * p + k];
      for (let j = 0; j < p; j++) {
        const w = result.x[k * p + j] / precond[j];
        row.push(w);
        b -= w * means[j];
      }
      coefficients.push(row);
      intercepts.push(fitIntercept ? b : 0);
    }
    this.fitted = {
      featureNames: input.featureNames, classes, coefficients, intercepts,
      featureMeans: means, featureScales: scales, nIter: result.iterations,
    };
    return this;
  }

  /** One row per input, columns in `classes` order. */
  predictProba(X: MatrixLike): number[][] {
    const K = this.state().classes.length;
    const M = checkPredictInput(KIND, X, this.nFeatures, { allowMissing: true });
    const flat = this.probaInto(M, new Float64Array(M.nRows * K));
    const out: number[][] = new Array(M.nRows);
    for (let i = 0; i < M.nRows; i++) out[i] = toNumberArray(flat, i * K, (i + 1) * K);
    return out;
  }

  /**
   * `predictProba` written into a buffer the caller keeps: `out[i · nClasses + k]` is row i's
   * probability of `classes[k]` (row-major, length ≥ rows × nClasses). Checks X once per call
   * and allocates only one score per row and class; returns `out`.
   *
   * @example
   * const out = new Float64Array(X.nRows * m.classes.length);
   * m.predictProbaInto(X, out); // reuse `out` on the next batch of the same size
   */
  predictProbaInto(X: MatrixLike, out: Float64Array): Float64Array {
    const M = checkPredictInput(KIND, X, this.nFeatures, { allowMissing: true });
    checkOutputLength(KIND, M.nRows * this.state().classes.length, out.length);
    return this.probaInto(M, out);
  }

  /** The most probable class per row (ties go to the first class in `classes` order). */
  predict(X: MatrixLike): Y[] {
    const M = checkPredictInput(KIND, X, this.nFeatures, { allowMissing: true });
    return this.labelsInto(M, new Array<Y>(M.nRows));
  }

  /**
   * `predict` written into an array the caller keeps (length ≥ rows); returns `out`. The same
   * labels as the argmax of `predictProba` (ties to the first class), without building its rows.
   *
   * @example
   * const labels = new Array(X.nRows);
   * m.predictInto(X, labels);
   */
  predictInto(X: MatrixLike, out: Y[]): Y[] {
    const M = checkPredictInput(KIND, X, this.nFeatures, { allowMissing: true });
    checkOutputLength(KIND, M.nRows, out.length);
    return this.labelsInto(M, out);
  }

  /** Probabilities of the rows of a checked M into `out`. */
  private probaInto(M: Matrix, out: Float64Array): Float64Array {
    const s = this.state();
    const scores = this.scores(M);
    const K = s.coefficients.length;
    for (let i = 0; i < M.nRows; i++) {
      if (K === 1) {
        const z = scores[i];
        const p1 = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
        out[2 * i] = 1 - p1;
        out[2 * i + 1] = p1;
      } else softmaxRow(scores, i * K, K, out, i * K);
    }
    return out;
  }

  /** Labels of the rows of a checked M into `out`. */
  private labelsInto(M: Matrix, out: Y[]): Y[] {
    const s = this.state();
    const scores = this.scores(M);
    const K = s.coefficients.length;
    const classes = s.classes;
    if (K === 1) {
      const n = M.nRows;
      const first = classes[0];
      const second = classes[1];
      // A row with a score ≤ 0 gets the first class: on large batches a native fill writes
      // those and the loop visits only the rows above 0 (see `positiveRows`).
      const positive = n >= POSITIVE_ROWS_MIN ? positiveRows(scores, n) : undefined;
      if (positive) {
        out.fill(first, 0, n);
        for (let k = 0; k < positive.length; k++) {
          const i = positive[k];
          if (secondClassWins(scores[i])) out[i] = second;
        }
      } else for (let i = 0; i < n; i++) out[i] = secondClassWins(scores[i]) ? second : first;
      return out;
    }
    const probs = new Float64Array(K);
    for (let i = 0; i < M.nRows; i++) {
      let best = clearSoftmaxWinner(scores, i * K, K);
      if (best < 0) {
        best = 0;
        softmaxRow(scores, i * K, K, probs, 0);
        for (let k = 1; k < K; k++) if (probs[k] > probs[best]) best = k;
      }
      out[i] = classes[best];
    }
    return out;
  }

  /**
   * b + W·x per row and score row, row-major (n × K). M's shape was checked, its values not:
   * a NaN or ±∞ in M is found (and thrown) from the scores, which is n·K reads instead of n·p.
   */
  private scores(M: Matrix): Float64Array {
    const s = this.state();
    const K = s.coefficients.length;
    const W = (s.flatCoefficients ??= Float64Array.from(s.coefficients.flat()));
    const b = (s.flatIntercepts ??= Float64Array.from(s.intercepts));
    return finiteLinearScores(KIND, M, W, b, K, new Float64Array(M.nRows * K));
  }

  toJSON(): ModelJSON {
    const s = this.state();
    return modelJSON({
      kind: KIND,
      options: { ...this.options },
      featureNames: s.featureNames,
      classes: s.classes,
      state: {
        coefficients: s.coefficients.map((r) => [...r]),
        intercepts: [...s.intercepts],
        featureMeans: Array.from(s.featureMeans),
        featureScales: Array.from(s.featureScales),
        nIter: s.nIter,
      },
    });
  }

  /** Restores a model saved with `toJSON()`. */
  static fromJSON(json: ModelJSON): LogisticRegression {
    checkSavedModel(json, "classification");
    checkLinearState(json, json.classes!.length === 2 ? [1] : [json.classes!.length]);
    const m = new LogisticRegression(json.options as LogisticRegressionOptions);
    const st = json.state as { coefficients: number[][]; intercepts: number[]; featureMeans: number[]; featureScales: number[]; nIter: number };
    m.fitted = {
      featureNames: [...json.featureNames],
      classes: [...(json.classes ?? [])],
      coefficients: st.coefficients.map((r) => [...r]),
      intercepts: [...st.intercepts],
      featureMeans: Float64Array.from(st.featureMeans),
      featureScales: Float64Array.from(st.featureScales),
      nIter: st.nIter,
    };
    return m;
  }

  private state(): NonNullable<typeof this.fitted> {
    return requireFitted(this.fitted, KIND);
  }
}

/**
 * Newton's Hessian costs n·size²/2 per iteration against L-BFGS's 2·n·size per gradient, so it
 * pays where L-BFGS needs more than about size/4 iterations per Newton step. Measured here:
 * weather (5 classes × 7 parameters, 1,095 rows) 35 → 9 ms (119 L-BFGS iterations, 9 Newton);
 * 16,000 × 20 binary (21 parameters) about equal time, 3 Newton iterations landing on the
 * optimum where L-BFGS stops at tol with coefficients still 0.04 off.
 */
const NEWTON_MAX_PARAMS = 48;
/** Newton for smooth penalties on dense rows with few parameters; L-BFGS / OWL-QN otherwise. */
function useNewton(penalty: string, Z: Float64Array | undefined, size: number): boolean {
  return penalty !== "l1" && Z !== undefined && size <= NEWTON_MAX_PARAMS;
}

/** Rows from which binary labels go through `positiveRows`: below, its call costs more than it saves. */
const POSITIVE_ROWS_MIN = 1024;

/**
 * Whether argmax of `predictProba`'s row [1 − p₁, p₁] picks the second class, without its exp:
 * the same answer bit for bit. For z < 0, p₁ = eᶻ/(1 + eᶻ) rounds to at most ½, so 1 − p₁ ≥ p₁
 * (first class, as are ties). For z ≥ 0, p₁ = 1/(1 + e⁻ᶻ) ∈ [½, 1] makes 1 − p₁ exact, so the
 * second class wins exactly when p₁ > ½, that is when 1 + e⁻ᶻ rounds below 2: certainly for
 * z > 1e-12 (e⁻ᶻ < 1 − 1e-13), and checked with the exp itself below that.
 */
function secondClassWins(z: number): boolean {
  return z > 1e-12 || (z > 0 && 1 + Math.exp(-z) < 2);
}

/**
 * The class argmax of the softmax row picks, from the scores alone, when no other score is
 * within 1e-12 of the largest; −1 otherwise (then the caller runs the softmax). Why exact: the
 * winner's probability is 1/sum (its shifted exp is e⁰ = 1) and every other one is at most
 * e^(−1e-12)/sum, a relative gap of 1e-12 that rounding (1e-16) cannot close, so the winner is
 * the first index holding the largest score, as argmax over the probabilities finds it.
 */
function clearSoftmaxWinner(scores: Float64Array, from: number, K: number): number {
  let best = 0;
  let max = scores[from];
  for (let k = 1; k < K; k++) if (scores[from + k] > max) max = scores[(best = k) + from];
  for (let k = 0; k < K; k++) if (k !== best && scores[from + k] - max > -1e-12) return -1;
  return best;
}

/**
 * Softmax of the K scores at `scores[from..]`, written to `out[at..]`: exp(z − max) over
 * their sum, the order of operations `predictProba` has always used.
 */
function softmaxRow(scores: Float64Array, from: number, K: number, out: Float64Array, at: number): void {
  let max = -Infinity;
  for (let k = 0; k < K; k++) if (scores[from + k] > max) max = scores[from + k];
  let sum = 0;
  for (let k = 0; k < K; k++) sum += (out[at + k] = Math.exp(scores[from + k] - max));
  for (let k = 0; k < K; k++) out[at + k] /= sum;
}
