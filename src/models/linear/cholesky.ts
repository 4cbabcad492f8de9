/**
 * Cholesky factor L (lower, row-major p × p) of a symmetric positive-definite G = L·Lᵀ, or
 * undefined when some pivot falls to `minPivot` × its diagonal entry or below: G is singular or
 * too ill-conditioned for the normal equations, and the caller falls back to QR. For a Gram
 * matrix the ratio pivot/diagonal is 1 − R² of that column on the earlier ones (1 / VIF).
 *
 * @example
 * choleskyFactor(new Float64Array([4, 2, 2, 3]), 2); // Float64Array [2, 0, 1, 1.414…]
 */
export function choleskyFactor(G: Float64Array, p: number, minPivot = 1e-14): Float64Array | undefined {
  const L = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let d = G[j * p + j];
    for (let k = 0; k < j; k++) d -= L[j * p + k] ** 2;
    if (!(d > minPivot * G[j * p + j])) return undefined;
    const ljj = Math.sqrt(d);
    L[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = G[i * p + j];
      for (let k = 0; k < j; k++) s -= L[i * p + k] * L[j * p + k];
      L[i * p + j] = s / ljj;
    }
  }
  return L;
}

/**
 * Solves L·Lᵀ·x = h given the factor from `choleskyFactor`.
 *
 * @example
 * choleskySolve(choleskyFactor(new Float64Array([4, 2, 2, 3]), 2)!, 2, new Float64Array([6, 5])); // [1, 1]
 */
export function choleskySolve(L: Float64Array, p: number, h: Float64Array): Float64Array {
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = h[i];
    for (let k = 0; k < i; k++) s -= L[i * p + k] * z[k];
    z[i] = s / L[i * p + i];
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < p; k++) s -= L[k * p + i] * x[k];
    x[i] = s / L[i * p + i];
  }
  return x;
}
