import type { SparseRow } from "./tfidf.ts";

/** A fitted binary logistic model over sparse rows: p(yes) = σ(b + Σ w_j x_j). */
export interface SparseLogisticModel {
  weights: number[];
  intercept: number;
}

/**
 * Fits an L2-penalized binary logistic regression on sparse rows by Nesterov-accelerated
 * gradient descent (step 1/L from the rows' norms, so no tuning). Classes are weighted to
 * balance, because concepts are often rare and a detector is judged by balanced accuracy.
 * Internal to concept detectors: small, deterministic, and fast on l2-normalized TF-IDF.
 *
 * @example
 * const m = fitSparseLogistic(rows, [true, false, ...], nFeatures, { lambda: 1e-3 });
 * sparseLogisticProba(m, rows[0]);
 */
export function fitSparseLogistic(
  rows: readonly SparseRow[],
  y: readonly boolean[],
  nFeatures: number,
  { lambda = 1e-3, iterations = 300 }: { lambda?: number; iterations?: number } = {},
): SparseLogisticModel {
  const n = rows.length;
  const nPos = y.filter(Boolean).length;
  const wPos = nPos > 0 ? n / (2 * nPos) : 1;
  const wNeg = n - nPos > 0 ? n / (2 * (n - nPos)) : 1;
  let maxNorm = 0;
  for (const r of rows) {
    let s = 1; // the intercept's constant input
    for (const v of r.values) s += v * v;
    maxNorm = Math.max(maxNorm, s);
  }
  const L = 0.25 * Math.max(wPos, wNeg) * maxNorm + lambda;
  const step = 1 / L;
  let w = new Float64Array(nFeatures + 1); // last entry = intercept
  let prev = new Float64Array(nFeatures + 1);
  const look = new Float64Array(nFeatures + 1);
  const grad = new Float64Array(nFeatures + 1);
  for (let t = 1; t <= iterations; t++) {
    const momentum = (t - 1) / (t + 2);
    for (let j = 0; j <= nFeatures; j++) look[j] = w[j] + momentum * (w[j] - prev[j]);
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      const r = rows[i];
      let z = look[nFeatures];
      for (let k = 0; k < r.indices.length; k++) z += look[r.indices[k]] * r.values[k];
      const p = 1 / (1 + Math.exp(-z));
      const g = (y[i] ? (p - 1) * wPos : p * wNeg) / n;
      for (let k = 0; k < r.indices.length; k++) grad[r.indices[k]] += g * r.values[k];
      grad[nFeatures] += g;
    }
    for (let j = 0; j < nFeatures; j++) grad[j] += lambda * look[j];
    const next = prev; // reuse the buffer
    for (let j = 0; j <= nFeatures; j++) next[j] = look[j] - step * grad[j];
    prev = w;
    w = next;
  }
  return { weights: Array.from(w.subarray(0, nFeatures)), intercept: w[nFeatures] };
}

/** p(yes) for one sparse row. */
export function sparseLogisticProba(model: SparseLogisticModel, row: SparseRow): number {
  let z = model.intercept;
  for (let k = 0; k < row.indices.length; k++) z += model.weights[row.indices[k]] * row.values[k];
  return 1 / (1 + Math.exp(-z));
}
