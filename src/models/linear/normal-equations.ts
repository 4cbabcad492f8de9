import { allFinite } from "./all-finite.ts";
import { packRows, type PackedRows } from "./wasm/packed-gram.ts";
import { weightedGram } from "./weighted-gram.ts";

/** The weighted least-squares problem reduced to p × p, with the statistics the fit reports. */
export interface NormalEquations {
  /** Weighted column means of X (always; what the rows were centred on only with an intercept). */
  means: Float64Array;
  /** Weighted mean of y. */
  yMean: number;
  /** G = XcᵀWXc, p × p row-major, both halves (Xc: X centred with an intercept, else X). */
  G: Float64Array;
  /** q = XcᵀWyc. */
  q: Float64Array;
  /** ycᵀWyc. */
  yy: number;
  /** XcᵀW(yc − Xc·β): the residual's correlation with the columns, for iterative refinement. */
  residualStep(beta: Float64Array): Float64Array;
  /**
   * True when the column sums, taken over every row (zero-weight ones too: 0·NaN is NaN), came
   * out finite, which proves X holds no NaN or ±∞; false where that is not known (the
   * JavaScript path skips zero-weight rows) or a sum is not finite. The caller scans X only then.
   */
  finiteInput: boolean;
  /** Frees the rows' working memory; call once the fit is done with `residualStep`. */
  release(): void;
}

/**
 * Weighted means and the normal equations of least squares on X (n × p, row-major) and y,
 * centred on the weighted means when `center` (a model with an intercept). Runs on rows
 * packed into WebAssembly memory (`packRows`: [x, y] once, then weighted column sums, centring
 * and one Gram matrix of p + 1 columns, which holds XᵀWX, XᵀWy and yᵀWy together) where that
 * is available, else in JavaScript (`weightedGram`); the two differ only in rounding.
 *
 * @example
 * const ne = normalEquations(X.data, n, p, y, w, wSum, true);
 * try { solve(ne.G, ne.q); } finally { ne.release(); }
 */
export function normalEquations(
  X: Float64Array, n: number, p: number, y: Float64Array, weights: Float64Array, wSum: number, center: boolean,
): NormalEquations {
  const packed = packRows(X, n, p, y);
  return packed ? packedEquations(packed, p, weights, wSum, center) : scalarEquations(X, n, p, y, weights, wSum, center);
}

function packedEquations(packed: PackedRows, p: number, weights: Float64Array, wSum: number, center: boolean): NormalEquations {
  try {
    packed.weights.set(weights);
    const sums = packed.columnSums();
    const finiteInput = allFinite(sums);
    const means = new Float64Array(p);
    for (let j = 0; j < p; j++) means[j] = sums[j] / wSum;
    const yMean = sums[p] / wSum;
    if (center) {
      const c = new Float64Array(p + 1);
      c.set(means);
      c[p] = yMean;
      packed.shift(c);
    }
    const full = packed.gram();
    const q1 = p + 1;
    const G = new Float64Array(p * p);
    const q = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      for (let k = 0; k < p; k++) G[j * p + k] = full[j * q1 + k];
      q[j] = full[j * q1 + p];
    }
    const residualStep = (beta: Float64Array): Float64Array => {
      // Each packed row is [xc, yc]: (row · [−β, 1]) is the residual yc − xc·β.
      const v = new Float64Array(q1);
      for (let j = 0; j < p; j++) v[j] = -beta[j];
      v[p] = 1;
      return packed.project(v).subarray(0, p);
    };
    return { means, yMean, G, q, yy: full[p * q1 + p], residualStep, finiteInput, release: () => packed.release() };
  } catch (error) {
    packed.release();
    throw error;
  }
}

function scalarEquations(
  X: Float64Array, n: number, p: number, y: Float64Array, weights: Float64Array, wSum: number, center: boolean,
): NormalEquations {
  const means = new Float64Array(p);
  let yMean = 0;
  for (let i = 0, o = 0; i < n; i++, o += p) {
    const w = weights[i];
    if (w === 0) continue;
    for (let j = 0; j < p; j++) means[j] += w * X[o + j];
    yMean += w * y[i];
  }
  for (let j = 0; j < p; j++) means[j] /= wSum;
  yMean /= wSum;
  const centre = center ? means : new Float64Array(p);
  const yCentre = center ? yMean : 0;
  const { G, q, yy } = weightedGram(X, n, p, centre, y, yCentre, weights);
  const residualStep = (beta: Float64Array): Float64Array => {
    const step = new Float64Array(p);
    const row = new Float64Array(p);
    for (let i = 0, o = 0; i < n; i++, o += p) {
      if (weights[i] === 0) continue;
      let r = y[i] - yCentre;
      for (let j = 0; j < p; j++) r -= (row[j] = X[o + j] - centre[j]) * beta[j];
      r *= weights[i];
      for (let j = 0; j < p; j++) step[j] += row[j] * r;
    }
    return step;
  };
  return { means, yMean, G, q, yy, residualStep, finiteInput: false, release: () => {} };
}
