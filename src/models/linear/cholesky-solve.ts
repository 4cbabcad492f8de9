/**
 * Solves G·x = h for a symmetric positive-definite G (p × p, row-major) by Cholesky
 * factorization. Returns undefined when G is not numerically positive definite, so the
 * caller can fall back to a rank-revealing solver. Does not modify its inputs.
 *
 * @example
 * choleskySolve(new Float64Array([4, 2, 2, 3]), 2, new Float64Array([6, 5])); // [1, 1]
 */
export function choleskySolve(G: Float64Array, p: number, h: Float64Array): Float64Array | undefined {
  const L = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let d = G[j * p + j];
    for (let k = 0; k < j; k++) d -= L[j * p + k] ** 2;
    if (!(d > 1e-14 * Math.abs(G[j * p + j])) || d <= 0) return undefined;
    const ljj = Math.sqrt(d);
    L[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = G[i * p + j];
      for (let k = 0; k < j; k++) s -= L[i * p + k] * L[j * p + k];
      L[i * p + j] = s / ljj;
    }
  }
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
