/** A smooth objective: writes the gradient at `x` into `grad` and returns the value. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

/** Options of `minimizeLbfgs`. */
export interface LbfgsOptions {
  /** Most iterations (each one line search). */
  maxIter: number;
  /** Converged when the largest |(pseudo-)gradient| component is at most this. */
  tol: number;
  /** Per-coordinate L1 weights: minimizes f(x) + Σ l1[j]·|x[j]| with OWL-QN. Omit for plain L-BFGS. */
  l1?: Float64Array;
  /** Correction pairs kept (default 10). */
  memory?: number;
  /** Per-coordinate sign constraints: +1 keeps x[j] ≥ 0, −1 keeps x[j] ≤ 0, 0 leaves it free. Omit for none. */
  signs?: Int8Array;
}

/** What `minimizeLbfgs` found. */
export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  /** False only when maxIter ran out before the gradient test (or the line search) stopped it. */
  converged: boolean;
}

const EPS = 2.220446049250313e-16;

/**
 * Minimizes a smooth convex objective with L-BFGS (Nocedal 1980), or, when `l1` weights are
 * given, f(x) + Σ l1[j]|x[j]| with OWL-QN (Andrew & Gao 2007): the same two-loop recursion on
 * the pseudo-gradient, with steps kept inside the current orthant. Backtracking Armijo line
 * search; on a convex objective every accepted step has positive curvature s·y. Sign
 * constraints are kept the same way: a coordinate at 0 whose gradient points out of its
 * half-line is held there (its projected gradient is 0), and a step never crosses 0.
 *
 * @example
 * const r = minimizeLbfgs((x, g) => { g[0] = 2 * (x[0] - 3); return (x[0] - 3) ** 2; },
 *   new Float64Array(1), { maxIter: 100, tol: 1e-8 });
 * r.x[0]; // ≈ 3
 */
export function minimizeLbfgs(objective: Objective, x0: Float64Array, options: LbfgsOptions): LbfgsResult {
  const n = x0.length;
  const m = options.memory ?? 10;
  const l1 = options.l1;
  const signs = options.signs;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  const pg = new Float64Array(n);
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(m);

  let f = objective(x, g) + l1Norm(x, l1);
  let iterations = 0;
  for (;;) {
    pseudoGradient(x, g, l1, pg);
    if (signs) holdAtBounds(x, signs, pg);
    if (maxAbs(pg) <= options.tol) return { x, value: f, iterations, converged: true };
    if (iterations >= options.maxIter) return { x, value: f, iterations, converged: false };
    iterations++;

    // Two-loop recursion: d = -H·pg.
    for (let j = 0; j < n; j++) d[j] = -pg[j];
    for (let i = S.length - 1; i >= 0; i--) {
      alpha[i] = rho[i] * dot(S[i], d);
      axpy(-alpha[i], Y[i], d);
    }
    if (S.length > 0) {
      const last = S.length - 1;
      const gamma = dot(S[last], Y[last]) / dot(Y[last], Y[last]);
      for (let j = 0; j < n; j++) d[j] *= gamma;
    }
    for (let i = 0; i < S.length; i++) {
      const beta = rho[i] * dot(Y[i], d);
      axpy(alpha[i] - beta, S[i], d);
    }
    // OWL-QN: keep only components that descend along the pseudo-gradient.
    if (l1) for (let j = 0; j < n; j++) if (d[j] * pg[j] >= 0) d[j] = 0;
    // Sign constraints: a coordinate held at 0 stays there.
    if (signs) for (let j = 0; j < n; j++) if (signs[j] !== 0 && x[j] === 0 && signs[j] * d[j] <= 0) d[j] = 0;
    let slope = dot(d, pg);
    if (!(slope < 0)) {
      // The quasi-Newton direction lost descent (rounding): restart from steepest descent.
      S.length = 0; Y.length = 0; rho.length = 0;
      for (let j = 0; j < n; j++) d[j] = -pg[j];
      slope = -dot(pg, pg);
    }

    let step = S.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    let fNew = Infinity;
    let accepted = false;
    for (let tries = 0; tries < 60; tries++) {
      for (let j = 0; j < n; j++) {
        let v = x[j] + step * d[j];
        // OWL-QN: a coordinate may not cross zero within one step.
        if (l1 && l1[j] > 0) {
          const orthant = x[j] !== 0 ? Math.sign(x[j]) : -Math.sign(pg[j]);
          if (v * orthant <= 0) v = 0;
        }
        if (signs && signs[j] * v < 0) v = 0;
        xNew[j] = v;
      }
      fNew = objective(xNew, gNew) + l1Norm(xNew, l1);
      let decrease = 0;
      for (let j = 0; j < n; j++) decrease += pg[j] * (xNew[j] - x[j]);
      if (fNew <= f + 1e-4 * decrease) { accepted = true; break; }
      step *= 0.5;
    }
    // No step decreases f: we are at the optimum to machine precision.
    if (!accepted) return { x, value: f, iterations, converged: true };

    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let j = 0; j < n; j++) { s[j] = xNew[j] - x[j]; y[j] = gNew[j] - g[j]; }
    const sy = dot(s, y);
    if (sy > EPS * dot(y, y)) {
      if (S.length === m) { S.shift(); Y.shift(); rho.shift(); }
      S.push(s); Y.push(y); rho.push(1 / sy);
    }
    const fOld = f;
    x.set(xNew); g.set(gNew); f = fNew;
    // Relative decrease at rounding level (scipy's factr test): nothing more to gain.
    if ((fOld - f) <= 64 * EPS * Math.max(Math.abs(fOld), Math.abs(f), 1)) {
      return { x, value: f, iterations, converged: true };
    }
  }
}

// Projected gradient: zero where x[j] sits at its bound 0 and descent would leave the half-line.
function holdAtBounds(x: Float64Array, signs: Int8Array, pg: Float64Array): void {
  for (let j = 0; j < x.length; j++) if (signs[j] !== 0 && x[j] === 0 && signs[j] * pg[j] > 0) pg[j] = 0;
}

function pseudoGradient(x: Float64Array, g: Float64Array, l1: Float64Array | undefined, out: Float64Array): void {
  for (let j = 0; j < x.length; j++) {
    const lam = l1 ? l1[j] : 0;
    if (lam === 0) out[j] = g[j];
    else if (x[j] > 0) out[j] = g[j] + lam;
    else if (x[j] < 0) out[j] = g[j] - lam;
    else if (g[j] + lam < 0) out[j] = g[j] + lam;
    else if (g[j] - lam > 0) out[j] = g[j] - lam;
    else out[j] = 0;
  }
}

function l1Norm(x: Float64Array, l1: Float64Array | undefined): number {
  if (!l1) return 0;
  let s = 0;
  for (let j = 0; j < x.length; j++) s += l1[j] * Math.abs(x[j]);
  return s;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let j = 0; j < x.length; j++) y[j] += a * x[j];
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let j = 0; j < a.length; j++) m = Math.max(m, Math.abs(a[j]));
  return m;
}
