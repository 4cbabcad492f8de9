import type { Matrix } from "../../data/matrix.ts";

/** A centred and scaled copy of X plus the per-column mean and scale used. */
export interface Standardized {
  /** (x - mean) / scale, row-major like X. */
  Z: Float64Array;
  means: Float64Array;
  scales: Float64Array;
}

/**
 * Weighted column means and standard deviations, and X standardized with them. A constant
 * column (or one with zero weighted spread) gets scale 1 and its exact value as mean, so it
 * becomes a column of exact zeros instead of 0/0. With `center: false` (models without an
 * intercept) the means are reported as 0 and X is only scaled.
 *
 * @example
 * standardize(Matrix.fromRows([[1, 5], [3, 5]]), new Float64Array([1, 1])).scales; // [1, 1]
 */
export function standardize(X: Matrix, weights: Float64Array, { center = true }: { center?: boolean } = {}): Standardized {
  const { nRows: n, nCols: p, data } = X;
  const means = new Float64Array(p);
  const scales = new Float64Array(p);
  let wSum = 0;
  for (let i = 0; i < n; i++) wSum += weights[i];
  for (let i = 0; i < n; i++) {
    const w = weights[i] / wSum;
    const o = i * p;
    for (let j = 0; j < p; j++) means[j] += w * data[o + j];
  }
  for (let i = 0; i < n; i++) {
    const w = weights[i] / wSum;
    const o = i * p;
    for (let j = 0; j < p; j++) {
      const c = data[o + j] - means[j];
      scales[j] += w * c * c;
    }
  }
  for (let j = 0; j < p; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = data[i * p + j];
      if (weights[i] > 0) { if (v < lo) lo = v; if (v > hi) hi = v; }
    }
    const sd = Math.sqrt(scales[j]);
    if (lo === hi || !(sd > 1e-12 * Math.max(1, Math.abs(means[j])))) {
      means[j] = lo === hi ? lo : means[j];
      scales[j] = 1;
    } else scales[j] = sd;
  }
  if (!center) means.fill(0);
  const Z = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const o = i * p;
    for (let j = 0; j < p; j++) Z[o + j] = (data[o + j] - means[j]) / scales[j];
  }
  return { Z, means, scales };
}
