const EPS = 2.220446049250313e-16;

/**
 * The minimum-norm least-squares solution of A·w ≈ b (A is n × p, row-major), with rank found
 * by Householder QR with column pivoting and a complete orthogonal decomposition for
 * rank-deficient A — the answer LAPACK's `gelsd` (and so scikit-learn's LinearRegression)
 * gives: duplicated columns share their weight equally. Columns whose pivot falls below
 * max(n, p)·ε·|R₀₀| count as dependent. Does not modify its inputs.
 *
 * @example
 * minNormLeastSquares(new Float64Array([1, 1, 1, 1]), 2, 2, new Float64Array([2, 2])); // [1, 1]
 */
export function minNormLeastSquares(A0: Float64Array, n: number, p: number, b0: Float64Array): { w: Float64Array; rank: number } {
  const A = Float64Array.from(A0);
  const b = Float64Array.from(b0);
  const perm = Int32Array.from({ length: p }, (_, j) => j);
  const steps = Math.min(n, p);
  const diag = new Float64Array(steps);
  let rank = 0;
  const norms = new Float64Array(p);
  const sums = new Float64Array(p);
  // Row-major A: every pass below walks whole rows, so memory is read in order.
  for (let k = 0; k < steps; k++) {
    // Pivot: the remaining column with the largest norm below row k.
    norms.fill(0);
    for (let i = k; i < n; i++) {
      const o = i * p;
      for (let j = k; j < p; j++) norms[j] += A[o + j] * A[o + j];
    }
    let best = k;
    for (let j = k + 1; j < p; j++) if (norms[j] > norms[best]) best = j;
    if (best !== k) {
      for (let i = 0; i < n; i++) { const t = A[i * p + k]; A[i * p + k] = A[i * p + best]; A[i * p + best] = t; }
      const t = perm[k]; perm[k] = perm[best]; perm[best] = t;
    }
    const norm = Math.sqrt(norms[best]);
    if (norm === 0 || (k > 0 && norm <= Math.max(n, p) * EPS * Math.abs(diag[0]))) break;
    rank++;
    const alpha = A[k * p + k] > 0 ? -norm : norm;
    A[k * p + k] -= alpha; // v = x − alpha·e₁, stored in column k from row k down
    let vv = 0;
    let vb = 0;
    sums.fill(0);
    for (let i = k; i < n; i++) {
      const o = i * p;
      const v = A[o + k];
      vv += v * v;
      vb += v * b[i];
      for (let j = k + 1; j < p; j++) sums[j] += v * A[o + j];
    }
    const beta = 2 / vv;
    for (let i = k; i < n; i++) {
      const o = i * p;
      const v = beta * A[o + k];
      for (let j = k + 1; j < p; j++) A[o + j] -= sums[j] * v;
      b[i] -= vb * v;
    }
    diag[k] = alpha;
  }
  const r = rank;
  // R = [R11 R12] (r × p, upper trapezoidal): R[k][k] = diag[k], R[k][j>k] = A[k][j].
  const R = (k: number, j: number): number => (j === k ? diag[k] : j > k ? A[k * p + j] : 0);
  const u = new Float64Array(p);
  if (r === p) {
    for (let k = r - 1; k >= 0; k--) {
      let s = b[k];
      for (let j = k + 1; j < p; j++) s -= R(k, j) * u[j];
      u[k] = s / diag[k];
    }
  } else if (r > 0) {
    // Minimum norm: T = Rᵀ (p × r) = Q₂R₂, then u = Q₂·[R₂⁻ᵀ c; 0].
    const T = new Float64Array(p * r);
    for (let k = 0; k < r; k++) for (let j = k; j < p; j++) T[j * r + k] = R(k, j);
    const d2 = new Float64Array(r);
    const betas = new Float64Array(r);
    for (let k = 0; k < r; k++) {
      let nrm = 0;
      for (let i = k; i < p; i++) nrm += T[i * r + k] ** 2;
      nrm = Math.sqrt(nrm);
      const alpha = T[k * r + k] > 0 ? -nrm : nrm;
      T[k * r + k] -= alpha;
      let vv = 0;
      for (let i = k; i < p; i++) vv += T[i * r + k] ** 2;
      betas[k] = vv > 0 ? 2 / vv : 0;
      for (let j = k + 1; j < r; j++) {
        let s = 0;
        for (let i = k; i < p; i++) s += T[i * r + k] * T[i * r + j];
        s *= betas[k];
        for (let i = k; i < p; i++) T[i * r + j] -= s * T[i * r + k];
      }
      d2[k] = alpha;
    }
    // R₂ᵀ z = c (forward substitution; R₂[k][j] = d2[k] on the diagonal, T[k][j] above it).
    for (let k = 0; k < r; k++) {
      let s = b[k];
      for (let j = 0; j < k; j++) s -= T[j * r + k] * u[j];
      u[k] = s / d2[k];
    }
    // u = Q₂·[z; 0]: apply the reflectors in reverse order.
    for (let k = r - 1; k >= 0; k--) {
      let s = 0;
      for (let i = k; i < p; i++) s += T[i * r + k] * u[i];
      s *= betas[k];
      for (let i = k; i < p; i++) u[i] -= s * T[i * r + k];
    }
  }
  const w = new Float64Array(p);
  for (let k = 0; k < p; k++) w[perm[k]] = u[k];
  return { w, rank };
}
