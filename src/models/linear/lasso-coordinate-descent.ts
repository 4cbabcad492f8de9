/** What `lassoCoordinateDescent` found. */
export interface LassoResult {
  w: Float64Array;
  iterations: number;
  converged: boolean;
  /** Duality gap at the end (same units as the objective ½‖r‖² + λ‖w‖₁). */
  gap: number;
}

/**
 * Minimizes ½·wᵀGw − wᵀq + ½·yy + λ‖w‖₁ (that is ½‖y − Xw‖² + λ‖w‖₁ given the Gram matrix
 * G = XᵀX, q = Xᵀy and yy = yᵀy) by cyclic coordinate descent, stopping like scikit-learn's
 * `enet_coordinate_descent_gram`: when the largest coordinate change is below tol relative to
 * the largest coefficient, the duality gap is checked against tol·yy. With `signs` (+1: w ≥ 0,
 * −1: w ≤ 0, 0: free) each coordinate step is clamped to its half-line, which is the exact
 * minimizer of that one-dimensional convex step; the lasso's duality gap no longer applies, so
 * the run stops on the coordinate change alone. λ = 0 solves least squares (or ridge, with the
 * penalty on G's diagonal) under the sign constraints.
 *
 * @example
 * lassoCoordinateDescent(new Float64Array([1]), new Float64Array([3]), 9, 1, 1, { maxIter: 100, tol: 1e-8 }).w; // [2]
 */
export function lassoCoordinateDescent(
  G: Float64Array,
  q: Float64Array,
  yy: number,
  p: number,
  lambda: number,
  { maxIter, tol, signs }: { maxIter: number; tol: number; signs?: Int8Array },
): LassoResult {
  const w = new Float64Array(p);
  const H = new Float64Array(p); // G·w, kept current
  const gapTol = tol * yy;
  let gap = Infinity;
  for (let iter = 1; iter <= maxIter; iter++) {
    let dwMax = 0;
    let wMax = 0;
    for (let j = 0; j < p; j++) {
      const gjj = G[j * p + j];
      if (gjj === 0) continue;
      const old = w[j];
      const rho = q[j] - H[j] + gjj * old;
      let next = Math.sign(rho) * Math.max(Math.abs(rho) - lambda, 0) / gjj;
      if (signs && signs[j] * next < 0) next = 0;
      const delta = next - old;
      if (delta !== 0) {
        w[j] = next;
        for (let k = 0; k < p; k++) H[k] += G[k * p + j] * delta;
      }
      dwMax = Math.max(dwMax, Math.abs(delta));
      wMax = Math.max(wMax, Math.abs(next));
    }
    if (signs && (wMax === 0 || dwMax / wMax < tol)) return { w, iterations: iter, converged: true, gap: NaN };
    if (!signs && (wMax === 0 || dwMax / wMax < tol || iter === maxIter)) {
      gap = dualityGap(w, H, q, yy, p, lambda);
      if (gap < gapTol) return { w, iterations: iter, converged: true, gap };
    }
  }
  return { w, iterations: maxIter, converged: false, gap };
}

function dualityGap(w: Float64Array, H: Float64Array, q: Float64Array, yy: number, p: number, lambda: number): number {
  let wq = 0;
  let wH = 0;
  let l1 = 0;
  let dualNorm = 0;
  for (let j = 0; j < p; j++) {
    wq += w[j] * q[j];
    wH += w[j] * H[j];
    l1 += Math.abs(w[j]);
    dualNorm = Math.max(dualNorm, Math.abs(q[j] - H[j]));
  }
  const rNorm2 = Math.max(yy - 2 * wq + wH, 0);
  let gap: number;
  let scale = 1;
  if (dualNorm > lambda) {
    scale = lambda / dualNorm;
    gap = 0.5 * (rNorm2 + rNorm2 * scale * scale);
  } else gap = rNorm2;
  return gap + lambda * l1 - scale * yy + scale * wq;
}
