import { choleskyFactor, choleskySolve } from "./cholesky.ts";
import { minimizeLbfgs, type LbfgsResult, type Objective } from "./lbfgs.ts";
import { weightSum, type LogisticProblem, type RowCurvature } from "./logistic-objective.ts";
import type { PackedRows } from "./wasm/packed-gram.ts";

/** Rows folded into the Hessian per pass over its triangle (as in `weightedGram`). */
const BLOCK = 8;
const EPS = 2.220446049250313e-16;

/**
 * Minimizes the smooth (l2 or unpenalized) logistic objective of `logisticObjective` with
 * Newton's method: the exact Hessian (K(p+1) square, blocks Σ wᵢ(Pᵢₖδₖₗ − PᵢₖPᵢₗ)·z̃ᵢz̃ᵢᵀ over the
 * standardized rows z̃ = [z, 1]), a Cholesky solve and a backtracking Armijo line search. Near
 * the optimum each step squares the error, so a fit takes a handful of passes where L-BFGS may
 * take a hundred on correlated columns. Each pass costs n·(K(p+1))²/2 multiply-adds, so it is
 * for few parameters and dense rows only. Same stopping tests as `minimizeLbfgs` (largest
 * gradient component ≤ tol; no decreasing step; a relative decrease at rounding level), same
 * iteration budget. Should the Hessian not factor (no penalty, separable classes), L-BFGS
 * goes on from the current point with the iterations left.
 *
 * @example
 * const { objective, size } = logisticObjective(problem);
 * minimizeLogisticNewton(problem, objective, size, { maxIter: 100, tol: 1e-4 }).x;
 */
export function minimizeLogisticNewton(
  problem: LogisticProblem,
  objective: Objective,
  size: number,
  { maxIter, tol }: { maxIter: number; tol: number },
): LbfgsResult {
  // With packed rows ([z, 1]) each Hessian block is one weighted Gram matrix in WebAssembly.
  const packed = problem.packed;
  const x = new Float64Array(size);
  const g = new Float64Array(size);
  const xNew = new Float64Array(size);
  const gNew = new Float64Array(size);
  let f = objective(x, g);
  let iterations = 0;
  for (;;) {
    if (maxAbs(g) <= tol) return { x, value: f, iterations, converged: true };
    if (iterations >= maxIter) return { x, value: f, iterations, converged: false };
    const L = choleskyFactor(logisticHessian(problem, x, packed), size);
    if (!L) {
      const rest = minimizeLbfgs(objective, x, { maxIter: maxIter - iterations, tol });
      return { ...rest, iterations: iterations + rest.iterations };
    }
    iterations++;
    const d = choleskySolve(L, size, g);
    let slope = 0;
    for (let q = 0; q < size; q++) { d[q] = -d[q]; slope += d[q] * g[q]; }
    let step = 1;
    let accepted = false;
    let fNew = Infinity;
    for (let tries = 0; tries < 60; tries++) {
      for (let q = 0; q < size; q++) xNew[q] = x[q] + step * d[q];
      fNew = objective(xNew, gNew);
      if (fNew <= f + 1e-4 * step * slope) { accepted = true; break; }
      step *= 0.5;
    }
    // No step decreases f: the optimum to machine precision.
    if (!accepted) return { x, value: f, iterations, converged: true };
    const fOld = f;
    x.set(xNew); g.set(gNew); f = fNew;
    if (fOld - f <= 64 * EPS * Math.max(Math.abs(fOld), Math.abs(f), 1)) {
      return { x, value: f, iterations, converged: true };
    }
  }
}

/**
 * The Hessian of `logisticObjective`'s objective at θ = [W (K × p), b (K)], size × size
 * row-major, from dense stored rows v (standardized value z = v × factor − shift). The sums
 * run over the stored rows as they are, [v, 1] outer products, and are moved to the
 * standardized scale once at the end (z̃ = M·ṽ, so Σ c·z̃z̃ᵀ = M·(Σ c·ṽṽᵀ)·Mᵀ): no row is copied.
 * A fixed intercept (`fitIntercept: false`) gets an identity row, so Newton never moves it.
 */
function logisticHessian(problem: LogisticProblem, theta: Float64Array, packed: PackedRows | undefined): Float64Array {
  const { Z, n, p, nClasses, weights, scales, penalty, C, fitIntercept } = problem;
  if (!Z) throw new Error("logisticHessian needs dense rows.");
  const K = nClasses === 2 ? 1 : nClasses;
  const q = p + 1;
  const factors = problem.factors ?? new Float64Array(p).fill(1);
  const shifts = problem.shifts ?? new Float64Array(p);
  // Scores on stored rows: b_k − W_k·s + (W_k ∘ f)·v.
  const moved = new Float64Array(K * q);
  // Summed as the objective's affine map sums them, so the binary scores match its bit for bit
  // and the curvature it left (`RowCurvature`) is found.
  for (let k = 0; k < K; k++) {
    let s = 0;
    for (let j = 0; j < p; j++) {
      moved[k * q + j] = theta[k * p + j] * factors[j];
      s += theta[k * p + j] * shifts[j];
    }
    moved[k * q + p] = theta[K * p + k] - s;
  }
  // S[pair] is the upper triangle (row-major q × q) of Σ c_kl,i ṽᵢṽᵢᵀ for classes k ≤ l.
  const pairs = (K * (K + 1)) / 2;
  const S = new Float64Array(pairs * q * q);
  if (K > 1) {
    if (packed) packedMultinomialSums(packed, n, p, K, moved, weights, S);
    else multinomialSums(Z, n, p, K, moved, weights, S);
  } else if (packed) packedBinarySums(packed, n, moved, weights, S, problem.curvature);
  else binarySums(Z, n, p, moved, weights, S);
  const wSum = weightSum(problem);
  for (let pair = 0; pair < pairs; pair++) toStandardized(S, pair * q * q, p, factors, shifts);
  return assemble(S, p, K, wSum, scales, penalty === "l2" ? 1 / (C * wSum) : 0, fitIntercept);
}

/**
 * The binary case of the sums, S = Σ wᵢσ(tᵢ)(1 − σ(tᵢ))·ṽᵢṽᵢᵀ (upper triangle), in one loop
 * nest with no calls: V8 optimizes it on the stack within the first fit (a loop that calls
 * small kernels 2,000 times per pass stays slow for the first few full-size fits).
 */
function binarySums(Z: Float64Array, n: number, p: number, moved: Float64Array, weights: Float64Array, S: Float64Array): void {
  const q = p + 1;
  const c = new Float64Array(BLOCK);
  const tail = new Float64Array(BLOCK * p);
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const m = Math.min(BLOCK, n - i0);
    for (let b = 0; b < BLOCK; b++) {
      const w = b < m ? weights[i0 + b] : 0;
      if (w === 0) { c[b] = 0; continue; }
      const o = (i0 + b) * p;
      let t = moved[p];
      for (let j = 0; j < p; j++) t += moved[j] * Z[o + j];
      const e = Math.exp(-Math.abs(t));
      c[b] = (w * e) / ((1 + e) * (1 + e));
    }
    let R = Z;
    let o = i0 * p;
    if (m < BLOCK) {
      tail.set(Z.subarray(i0 * p, n * p));
      R = tail;
      o = 0;
    }
    const c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3], c4 = c[4], c5 = c[5], c6 = c[6], c7 = c[7];
    const o1 = o + p, o2 = o1 + p, o3 = o2 + p, o4 = o3 + p, o5 = o4 + p, o6 = o5 + p, o7 = o6 + p;
    for (let j = 0; j < p; j++) {
      const a0 = c0 * R[o + j], a1 = c1 * R[o1 + j], a2 = c2 * R[o2 + j], a3 = c3 * R[o3 + j];
      const a4 = c4 * R[o4 + j], a5 = c5 * R[o5 + j], a6 = c6 * R[o6 + j], a7 = c7 * R[o7 + j];
      const row = j * q;
      for (let k = j; k < p; k++) {
        S[row + k] += (a0 * R[o + k] + a1 * R[o1 + k] + a2 * R[o2 + k] + a3 * R[o3 + k])
          + (a4 * R[o4 + k] + a5 * R[o5 + k] + a6 * R[o6 + k] + a7 * R[o7 + k]);
      }
      S[row + p] += (a0 + a1 + a2 + a3) + (a4 + a5 + a6 + a7);
    }
    S[p * q + p] += (c0 + c1 + c2 + c3) + (c4 + c5 + c6 + c7);
  }
}

/**
 * `binarySums` on rows packed as [v, 1]: the curvature wᵢσ(tᵢ)(1 − σ(tᵢ)) of each row (left by
 * the loss when it was last evaluated at these parameters, as it is after an accepted step;
 * else from the scores by the WebAssembly kernel and Math.exp), then one weighted Gram matrix
 * (p + 1 square, which is S for the single class pair).
 */
function packedBinarySums(packed: PackedRows, n: number, moved: Float64Array, weights: Float64Array, S: Float64Array, curvature: RowCurvature | undefined): void {
  const c = packed.weights;
  if (curvature && sameValues(curvature.theta, moved)) {
    c.set(curvature.values);
  } else {
    const t = packed.dots(moved);
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      const e = Math.exp(-Math.abs(t[i]));
      c[i] = (w * e) / ((1 + e) * (1 + e));
    }
  }
  S.set(packed.gram());
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  for (let j = 0; j < b.length; j++) if (a[j] !== b[j]) return false;
  return true;
}

/**
 * `multinomialSums` on rows packed as [v, 1]: each class's scores by the WebAssembly kernel,
 * the probabilities P of each row here, then per class pair k ≤ l one weighted Gram matrix
 * with weights wᵢ(Pᵢₖδₖₗ − PᵢₖPᵢₗ), which is that pair's block of S.
 */
function packedMultinomialSums(packed: PackedRows, n: number, p: number, K: number, moved: Float64Array, weights: Float64Array, S: Float64Array): void {
  const q = p + 1;
  const P = new Float64Array(n * K); // row-major: row i's probabilities at i·K
  for (let k = 0; k < K; k++) {
    const t = packed.dots(moved.subarray(k * q, (k + 1) * q));
    for (let i = 0; i < n; i++) P[i * K + k] = t[i];
  }
  for (let i = 0, o = 0; i < n; i++, o += K) {
    let max = -Infinity;
    for (let k = 0; k < K; k++) if (P[o + k] > max) max = P[o + k];
    let sum = 0;
    for (let k = 0; k < K; k++) sum += (P[o + k] = Math.exp(P[o + k] - max));
    for (let k = 0; k < K; k++) P[o + k] /= sum;
  }
  const c = packed.weights;
  for (let k = 0, pair = 0; k < K; k++) {
    for (let l = k; l < K; l++, pair++) {
      for (let i = 0, o = 0; i < n; i++, o += K) c[i] = weights[i] * ((k === l ? P[o + k] : 0) - P[o + k] * P[o + l]);
      S.set(packed.gram(), pair * q * q);
    }
  }
}

/**
 * The multinomial sums: per row, the probabilities P from the scores under the moved
 * parameters, the triangle of ṽṽᵀ once, then S_kl += w·(Pₖδₖₗ − PₖPₗ)·ṽṽᵀ for every class pair
 * k ≤ l (one short multiply-add loop per pair).
 */
function multinomialSums(Z: Float64Array, n: number, p: number, K: number, moved: Float64Array, weights: Float64Array, S: Float64Array): void {
  const q = p + 1;
  const T = (q * (q + 1)) / 2; // triangle entries, packed row by row
  const pairs = (K * (K + 1)) / 2;
  const packed = new Float64Array(pairs * T);
  const P = new Float64Array(K);
  const outer = new Float64Array(T);
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (w === 0) continue;
    const o = i * p;
    let max = -Infinity;
    for (let k = 0; k < K; k++) {
      let t = moved[k * q + p];
      for (let j = 0; j < p; j++) t += moved[k * q + j] * Z[o + j];
      P[k] = t;
      if (t > max) max = t;
    }
    let sum = 0;
    for (let k = 0; k < K; k++) sum += (P[k] = Math.exp(P[k] - max));
    for (let k = 0; k < K; k++) P[k] /= sum;
    let e = 0;
    for (let j = 0; j < p; j++) {
      const v = Z[o + j];
      for (let m = j; m < p; m++) outer[e++] = v * Z[o + m];
      outer[e++] = v;
    }
    outer[e] = 1;
    // One flat multiply-add loop per class pair over the packed triangle.
    for (let k = 0, at = 0; k < K; k++) {
      for (let l = k; l < K; l++, at += T) {
        const c = w * ((k === l ? P[k] : 0) - P[k] * P[l]);
        for (let x = 0; x < T; x++) packed[at + x] += c * outer[x];
      }
    }
  }
  for (let pair = 0; pair < pairs; pair++) {
    let e = pair * T;
    for (let j = 0; j < q; j++) for (let m = j; m < q; m++) S[pair * q * q + j * q + m] = packed[e++];
  }
}

/**
 * The upper triangle of S = Σ c·ṽṽᵀ (stored rows) replaced by M·S·Mᵀ, the same sum over
 * standardized rows: z̃ = M·ṽ with M = [[diag f, −s], [0, 1]].
 */
function toStandardized(S: Float64Array, at: number, p: number, f: Float64Array, s: Float64Array): void {
  const q = p + 1;
  const full = (j: number, m: number): number => (j <= m ? S[at + j * q + m] : S[at + m * q + j]);
  const out = new Float64Array(q * q);
  // M·S·Mᵀ[j][m] = Σ_a Σ_b M[j][a]·S[a][b]·M[m][b], where row j of M has f_j at j and −s_j at p.
  const mRow = (j: number, b: number): number => (j === p ? full(p, b) : f[j] * full(j, b) - s[j] * full(p, b));
  for (let j = 0; j < q; j++) {
    for (let m = j; m < q; m++) {
      out[j * q + m] = m === p ? mRow(j, p) : f[m] * mRow(j, m) - s[m] * mRow(j, p);
    }
  }
  for (let j = 0; j < q; j++) for (let m = j; m < q; m++) S[at + j * q + m] = out[j * q + m];
}

/**
 * The pair triangles laid out in θ's order ((k, j) at k·p + j, intercept k at K·p + k), divided
 * by Σw as the objective is, plus the l2 term's diagonal.
 */
function assemble(S: Float64Array, p: number, K: number, wSum: number, scales: Float64Array, reg: number, fitIntercept: boolean): Float64Array {
  const q = p + 1;
  const size = K * q;
  const H = new Float64Array(size * size);
  const at = (k: number, j: number): number => (j < p ? k * p + j : K * p + k);
  for (let k = 0, pair = 0; k < K; k++) {
    for (let l = k; l < K; l++, pair++) {
      const base = pair * q * q;
      for (let j = 0; j < q; j++) {
        for (let m = j; m < q; m++) {
          const v = S[base + j * q + m] / wSum;
          const r1 = at(k, j), c1 = at(l, m), r2 = at(k, m), c2 = at(l, j);
          H[r1 * size + c1] = H[c1 * size + r1] = v;
          H[r2 * size + c2] = H[c2 * size + r2] = v;
        }
      }
    }
  }
  if (reg > 0) for (let k = 0; k < K; k++) for (let j = 0; j < p; j++) H[(k * p + j) * (size + 1)] += reg / (scales[j] * scales[j]);
  // Softmax scores move together for free: adding one value to a column (or to the intercepts)
  // of every class changes no probability, so H is singular along u = (1, …, 1)/√K in that
  // column. The gradient is orthogonal to u, so adding u·uᵀ leaves the Newton step unchanged
  // and makes H factor. The l2 penalty already fixes the coefficient columns.
  if (K > 1) {
    for (let j = reg > 0 ? p : 0; j <= p; j++) {
      if (j === p && !fitIntercept) continue;
      for (let k = 0; k < K; k++) for (let l = 0; l < K; l++) H[at(k, j) * size + at(l, j)] += 1 / K;
    }
  }
  if (!fitIntercept) {
    for (let k = 0; k < K; k++) {
      const r = K * p + k;
      for (let s = 0; s < size; s++) H[r * size + s] = H[s * size + r] = 0;
      H[r * size + r] = 1;
    }
  }
  return H;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let j = 0; j < a.length; j++) m = Math.max(m, Math.abs(a[j]));
  return m;
}
