import type { Objective } from "./lbfgs.ts";
import type { SparseRows } from "./standardize.ts";
import type { PackedRows } from "./wasm/packed-gram.ts";
import type { PackedSparseRows } from "./wasm/packed-sparse-rows.ts";

/** The data a logistic objective is built from (standardized features). */
export interface LogisticProblem {
  /** Stored features, n × p row-major; or `rows` instead. Standardized value = stored × factor − shift. */
  Z?: Float64Array;
  /** Stored features as sparse rows (omitted entries are stored zeros). */
  rows?: SparseRows;
  /** `Z` packed as rows [z, 1] in WebAssembly memory (`packRows`); used instead of `Z` where given. */
  packed?: PackedRows;
  /** `rows` copied into WebAssembly memory (`packSparseRows`); used instead of `rows` for two classes where given. */
  sparse?: PackedSparseRows;
  /** With `packed`: where the loss leaves each row's curvature for Newton's Hessian at the same point. */
  curvature?: RowCurvature;
  /** Per column, multiplies every stored value (default 1). */
  factors?: Float64Array;
  /** Per column, subtracted from every value after `factors` (default 0). */
  shifts?: Float64Array;
  n: number;
  p: number;
  /** Class code per row (0..nClasses-1). */
  codes: Int32Array;
  nClasses: number;
  /** Per-row weight (sample weight × class weight). */
  weights: Float64Array;
  /** Σ weights in row order, where the caller has it (else summed here): one loop over the rows fewer per pass. */
  wSum?: number;
  /** Feature scales used to standardize; the penalty is mapped back to raw-scale coefficients. */
  scales: Float64Array;
  penalty: "l2" | "l1" | "none";
  C: number;
  fitIntercept: boolean;
}

/**
 * Per-row curvature wᵢσ(tᵢ)(1 − σ(tᵢ)) of the binary loss at the (stored-row) parameters
 * `theta` it was last evaluated at: Newton's Hessian at the accepted point then skips the pass
 * for the scores and the exps, which the line search's last evaluation already made.
 */
export interface RowCurvature {
  theta: Float64Array;
  values: Float64Array;
}

/**
 * Builds the objective (mean weighted log loss + raw-scale penalty / (C·Σw)) over the
 * parameters θ = [W (K × p row-major), b (K)], where K = 1 for two classes (binary
 * logistic, one row for class 1) and K = nClasses for softmax. Its minimizer equals
 * scikit-learn's: coefficients on the raw scale are W[k][j] / scales[j]. Also returns the
 * L1 weights (per θ entry, 0 for intercepts) when penalty is "l1".
 *
 * One pass over the rows computes the loss and the gradient together, over dense or sparse
 * rows (the sparse form skips the zeros of mostly-zero columns, e.g. TF-IDF features).
 *
 * @example
 * const { objective, size } = logisticObjective(problem);
 * minimizeLbfgs(objective, new Float64Array(size), { maxIter: 100, tol: 1e-4 });
 */
export function logisticObjective(problem: LogisticProblem): { objective: Objective; size: number; l1?: Float64Array } {
  const { Z, rows, packed, n, p, codes, nClasses, weights, scales, penalty, C, fitIntercept } = problem;
  const K = nClasses === 2 ? 1 : nClasses;
  const size = K * p + K;
  const wSum = weightSum(problem);
  const reg = penalty === "none" ? 0 : 1 / (C * wSum);
  const invScale2 = new Float64Array(p);
  for (let j = 0; j < p; j++) invScale2[j] = 1 / (scales[j] * scales[j]);
  let dataLoss: Objective;
  // The loss loops are plain functions, not closures over the data: V8 then compiles each once
  // and reuses the code from the next fit on (a closure's code is specialized to its context).
  if (packed && K === 1) {
    const curvature = problem.curvature;
    dataLoss = (theta, grad) => packedBinaryLoss(theta, grad, packed, n, codes, weights, curvature);
  } else if (packed) {
    const scratch = { v: new Float64Array(p + 1), z: new Float64Array(n * K), r: new Float64Array(n * K) };
    dataLoss = (theta, grad) => packedSoftmaxLoss(theta, grad, packed, n, p, K, codes, weights, scratch);
  } else if (problem.sparse && K === 1) {
    const sparse = problem.sparse;
    dataLoss = (theta, grad) => packedSparseBinaryLoss(theta, grad, sparse, n, p, codes, weights);
  } else if (rows) {
    dataLoss = K === 1
      ? (theta, grad) => sparseBinaryLoss(theta, grad, rows, n, p, codes, weights)
      : (theta, grad) => sparseSoftmaxLoss(theta, grad, rows, n, p, K, codes, weights);
  } else if (Z) {
    dataLoss = K === 1
      ? (theta, grad) => binaryLoss(theta, grad, Z, n, p, codes, weights)
      : (theta, grad) => softmaxLoss(theta, grad, Z, n, p, K, codes, weights);
  } else throw new Error("logisticObjective needs Z or rows.");
  const { factors, shifts } = problem;
  if (factors?.some((f) => f !== 1) || shifts?.some((s) => s !== 0)) {
    dataLoss = affine(dataLoss, p, K, factors ?? new Float64Array(p).fill(1), shifts ?? new Float64Array(p));
  }

  const objective: Objective = (theta, grad) => {
    let loss = dataLoss(theta, grad);
    const inv = 1 / wSum;
    loss *= inv;
    for (let q = 0; q < size; q++) grad[q] *= inv;
    if (!fitIntercept) for (let k = 0; k < K; k++) grad[K * p + k] = 0;
    if (penalty === "l2") {
      for (let k = 0; k < K; k++) {
        for (let j = 0; j < p; j++) {
          const c = theta[k * p + j];
          loss += 0.5 * reg * c * c * invScale2[j];
          grad[k * p + j] += reg * c * invScale2[j];
        }
      }
    }
    return loss;
  };

  if (penalty !== "l1") return { objective, size };
  const l1 = new Float64Array(size);
  for (let k = 0; k < K; k++) for (let j = 0; j < p; j++) l1[k * p + j] = reg / scales[j];
  return { objective, size, l1 };
}

/**
 * Σ weights of the problem, in row order: `problem.wSum` where given. Adding a zero weight
 * changes no sum, so loops that skip zero-weight rows find the same value.
 *
 * @example
 * weightSum({ ...problem, wSum: undefined }) === weightSum(problem); // true
 */
export function weightSum(problem: LogisticProblem): number {
  if (problem.wSum !== undefined) return problem.wSum;
  let wSum = 0;
  for (let i = 0; i < problem.n; i++) wSum += problem.weights[i];
  return wSum;
}

/**
 * A loss over stored values v, turned into the loss over z = v·f − s (f = factors, s = shifts):
 * b_k + W_k·z = (b_k − W_k·s) + (W_k∘f)·v, so the loss is called with W_kj·f_j and the moved
 * intercepts, and ∂/∂W_kj = f_j·(stored-value gradient)_kj − s_j·∂/∂b_k.
 */
function affine(loss: Objective, p: number, K: number, factors: Float64Array, shifts: Float64Array): Objective {
  const moved = new Float64Array(K * p + K);
  return (theta, grad) => {
    for (let k = 0; k < K; k++) {
      let s = 0;
      for (let j = 0; j < p; j++) {
        moved[k * p + j] = theta[k * p + j] * factors[j];
        s += theta[k * p + j] * shifts[j];
      }
      moved[K * p + k] = theta[K * p + k] - s;
    }
    const value = loss(moved, grad);
    for (let k = 0; k < K; k++) {
      const gb = grad[K * p + k];
      for (let j = 0; j < p; j++) grad[k * p + j] = grad[k * p + j] * factors[j] - shifts[j] * gb;
    }
    return value;
  };
}

/**
 * Σ wᵢ·(log(1 + e^tᵢ) − yᵢtᵢ) with tᵢ = b + w·zᵢ, writing its gradient (not yet divided by Σw)
 * into `grad`. One exp and one log1p per row: e = e^−|t| gives both the softplus and the
 * sigmoid without overflow. Rows go four at a time: each coefficient is loaded once for four
 * scores, and each gradient entry is loaded and stored once for four rows (half the time of
 * one row at a time). A zero-weight row adds exactly 0.
 */
function binaryLoss(theta: Float64Array, grad: Float64Array, Z: Float64Array, n: number, p: number, codes: Int32Array, weights: Float64Array): number {
  // Fresh local accumulators: V8 then keeps them apart from the loads of Z in the hot loop.
  const g = new Float64Array(p);
  const t = new Float64Array(4);
  const b = theta[p];
  let gb = 0;
  let loss = 0;
  for (let i0 = 0; i0 < n; i0 += 4) {
    const m = Math.min(4, n - i0);
    const o0 = i0 * p;
    t.fill(0);
    if (m === 4) {
      const o1 = o0 + p, o2 = o1 + p, o3 = o2 + p;
      let t0 = b, t1 = b, t2 = b, t3 = b;
      for (let j = 0; j < p; j++) {
        const c = theta[j];
        t0 += c * Z[o0 + j]; t1 += c * Z[o1 + j]; t2 += c * Z[o2 + j]; t3 += c * Z[o3 + j];
      }
      t[0] = t0; t[1] = t1; t[2] = t2; t[3] = t3;
    } else {
      for (let k = 0; k < m; k++) {
        let s = b;
        for (let j = 0; j < p; j++) s += theta[j] * Z[o0 + k * p + j];
        t[k] = s;
      }
    }
    // Scores become residuals in place: softplus(t) − y·t, gradient w·(σ(t) − y) with
    // σ(t) = s for t ≥ 0, e·s below.
    for (let k = 0; k < m; k++) {
      const w = weights[i0 + k];
      const y = codes[i0 + k];
      const tk = t[k];
      const e = Math.exp(-Math.abs(tk));
      const s = 1 / (1 + e);
      loss += w * ((tk > 0 ? tk : 0) + Math.log1p(e) - y * tk);
      t[k] = w * ((tk >= 0 ? s : e * s) - y);
    }
    const r0 = t[0], r1 = t[1], r2 = t[2], r3 = t[3];
    if (m === 4) {
      const o1 = o0 + p, o2 = o1 + p, o3 = o2 + p;
      for (let j = 0; j < p; j++) g[j] += r0 * Z[o0 + j] + r1 * Z[o1 + j] + r2 * Z[o2 + j] + r3 * Z[o3 + j];
    } else {
      for (let k = 0; k < m; k++) for (let j = 0; j < p; j++) g[j] += t[k] * Z[o0 + k * p + j];
    }
    gb += r0 + r1 + r2 + r3;
  }
  grad.set(g);
  grad[p] = gb;
  return loss;
}

/**
 * `binaryLoss` on rows packed as [z, 1]: the scores tᵢ = [z, 1]·θ and the gradient Σ rᵢ·[z, 1]
 * by the WebAssembly kernels, the per-row loss and residual rᵢ = wᵢ(σ(tᵢ) − yᵢ) here, with the
 * same formulas as `binaryLoss`; each row's curvature too, into `curvature`, where given.
 */
function packedBinaryLoss(
  theta: Float64Array, grad: Float64Array, packed: PackedRows, n: number, codes: Int32Array, weights: Float64Array, curvature: RowCurvature | undefined,
): number {
  const t = packed.dots(theta);
  const r = packed.weights;
  const c = curvature?.values;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    const y = codes[i];
    const ti = t[i];
    const e = Math.exp(-Math.abs(ti));
    const s = 1 / (1 + e);
    loss += w * ((ti > 0 ? ti : 0) + Math.log1p(e) - y * ti);
    r[i] = w * ((ti >= 0 ? s : e * s) - y);
    if (c) c[i] = (w * e) / ((1 + e) * (1 + e));
  }
  if (curvature) curvature.theta.set(theta);
  grad.set(packed.columnSums());
  return loss;
}

/**
 * `softmaxLoss` on rows packed as [z, 1], with the same sums in the same order, so the same
 * bits: each class's scores by the WebAssembly kernel `scores` (intercept first, then the
 * columns in order), the per-row softmax, loss and residuals rᵢₖ here, and each class's
 * gradient Σᵢ rᵢₖ·[zᵢ, 1] as weighted column sums in row order (a zero-weight row adds
 * rᵢₖ = 0 where the JavaScript loop skips it).
 */
function packedSoftmaxLoss(
  theta: Float64Array, grad: Float64Array, packed: PackedRows, n: number, p: number, K: number, codes: Int32Array, weights: Float64Array,
  scratch: { v: Float64Array; z: Float64Array; r: Float64Array },
): number {
  const Kp = K * p;
  const { v, z, r } = scratch;
  for (let k = 0; k < K; k++) {
    v.set(theta.subarray(k * p, (k + 1) * p));
    v[p] = theta[Kp + k];
    const t = packed.scores(v);
    for (let i = 0; i < n; i++) z[i * K + k] = t[i];
  }
  let loss = 0;
  for (let i = 0, o = 0; i < n; i++, o += K) {
    const w = weights[i];
    if (w === 0) {
      for (let k = 0; k < K; k++) r[o + k] = 0;
      continue;
    }
    let max = -Infinity;
    for (let k = 0; k < K; k++) if (z[o + k] > max) max = z[o + k];
    const y = codes[i];
    const zy = z[o + y];
    let sum = 0;
    for (let k = 0; k < K; k++) sum += (z[o + k] = Math.exp(z[o + k] - max));
    loss += w * (max + Math.log(sum) - zy);
    const ws = w / sum;
    for (let k = 0; k < K; k++) r[o + k] = ws * z[o + k] - (k === y ? w : 0);
  }
  const rk = packed.weights;
  for (let k = 0; k < K; k++) {
    for (let i = 0; i < n; i++) rk[i] = r[i * K + k];
    const sums = packed.columnSums();
    for (let j = 0; j < p; j++) grad[k * p + j] = sums[j];
    grad[Kp + k] = sums[p];
  }
  return loss;
}

/**
 * Σ wᵢ·(logsumexp(zᵢ) − z_{i,yᵢ}) over K classes with z_{ik} = b_k + W_k·xᵢ, writing its
 * gradient (not yet divided by Σw) into `grad`. K exps and one log per row: the
 * probabilities reuse the exps of the shifted scores.
 */
function softmaxLoss(theta: Float64Array, grad: Float64Array, Z: Float64Array, n: number, p: number, K: number, codes: Int32Array, weights: Float64Array): number {
  const Kp = K * p;
  const z = new Float64Array(K);
  const g = new Float64Array(Kp + K);
  let loss = 0;
  for (let i = 0, o = 0; i < n; i++, o += p) {
    const w = weights[i];
    if (w === 0) continue;
    let max = -Infinity;
    for (let k = 0, wo = 0; k < K; k++, wo += p) {
      let s = theta[Kp + k];
      for (let j = 0; j < p; j++) s += theta[wo + j] * Z[o + j];
      z[k] = s;
      if (s > max) max = s;
    }
    const y = codes[i];
    const zy = z[y];
    let sum = 0;
    for (let k = 0; k < K; k++) sum += (z[k] = Math.exp(z[k] - max));
    loss += w * (max + Math.log(sum) - zy);
    const ws = w / sum;
    for (let k = 0, wo = 0; k < K; k++, wo += p) {
      const r = ws * z[k] - (k === y ? w : 0);
      for (let j = 0; j < p; j++) g[wo + j] += r * Z[o + j];
      g[Kp + k] += r;
    }
  }
  grad.set(g);
  return loss;
}

/**
 * `sparseBinaryLoss` with the scores and the gradient's sums by the WebAssembly kernels
 * (`packSparseRows`), in the same order, so the same bits: the scores b + Σ θ[column]·value,
 * the per-row loss and residual here (0 for a zero-weight row, which the JavaScript loop
 * skips), then Σᵢ rᵢ·xᵢ by scatter.
 */
function packedSparseBinaryLoss(theta: Float64Array, grad: Float64Array, sparse: PackedSparseRows, n: number, p: number, codes: Int32Array, weights: Float64Array): number {
  const t = sparse.scores(theta, theta[p]);
  const r = sparse.residuals;
  let gb = 0;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (w === 0) {
      r[i] = 0;
      continue;
    }
    const ti = t[i];
    const y = codes[i];
    const e = Math.exp(-Math.abs(ti));
    const s = 1 / (1 + e);
    loss += w * ((ti > 0 ? ti : 0) + Math.log1p(e) - y * ti);
    const ri = (r[i] = w * ((ti >= 0 ? s : e * s) - y));
    gb += ri;
  }
  grad.set(sparse.residualSums());
  grad[p] = gb;
  return loss;
}

/** `binaryLoss` over sparse rows. */
function sparseBinaryLoss(theta: Float64Array, grad: Float64Array, rows: SparseRows, n: number, p: number, codes: Int32Array, weights: Float64Array): number {
  const { rowStart, column, value } = rows;
  const g = new Float64Array(p);
  const b = theta[p];
  let gb = 0;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (w === 0) continue;
    const start = rowStart[i];
    const end = rowStart[i + 1];
    let t = b;
    for (let q = start; q < end; q++) t += theta[column[q]] * value[q];
    const y = codes[i];
    const e = Math.exp(-Math.abs(t));
    const s = 1 / (1 + e);
    loss += w * ((t > 0 ? t : 0) + Math.log1p(e) - y * t);
    const r = w * ((t >= 0 ? s : e * s) - y);
    for (let q = start; q < end; q++) g[column[q]] += r * value[q];
    gb += r;
  }
  grad.set(g);
  grad[p] = gb;
  return loss;
}

/** `softmaxLoss` over sparse rows. */
function sparseSoftmaxLoss(theta: Float64Array, grad: Float64Array, rows: SparseRows, n: number, p: number, K: number, codes: Int32Array, weights: Float64Array): number {
  const { rowStart, column, value } = rows;
  const Kp = K * p;
  const z = new Float64Array(K);
  const g = new Float64Array(Kp + K);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (w === 0) continue;
    const start = rowStart[i];
    const end = rowStart[i + 1];
    let max = -Infinity;
    for (let k = 0, wo = 0; k < K; k++, wo += p) {
      let s = theta[Kp + k];
      for (let q = start; q < end; q++) s += theta[wo + column[q]] * value[q];
      z[k] = s;
      if (s > max) max = s;
    }
    const y = codes[i];
    const zy = z[y];
    let sum = 0;
    for (let k = 0; k < K; k++) sum += (z[k] = Math.exp(z[k] - max));
    loss += w * (max + Math.log(sum) - zy);
    const ws = w / sum;
    for (let k = 0, wo = 0; k < K; k++, wo += p) {
      const r = ws * z[k] - (k === y ? w : 0);
      for (let q = start; q < end; q++) g[wo + column[q]] += r * value[q];
      g[Kp + k] += r;
    }
  }
  grad.set(g);
  return loss;
}
