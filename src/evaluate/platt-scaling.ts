import type { Calibrator } from "./calibrator.ts";
import { binaryTargets } from "./binary-targets.ts";

/**
 * Platt scaling (Platt 1999): p = 1 / (1 + exp(a·s + b)), fitted on held-out scores (distill: out-of-fold predictions) by
 * Newton's method with backtracking (Lin, Lin & Weng 2007) on Platt's smoothed targets
 * (N₊+1)/(N₊+2) and 1/(N₋+2), as scikit-learn's `CalibratedClassifierCV(method="sigmoid")`.
 * `y` holds booleans or 0/1 (1 = positive).
 *
 * @example
 * const platt = plattScaling(valProba.map((p) => p[1]), valGold.map((g) => g === "spam"));
 * platt.transform(testProba.map((p) => p[1]));
 */
export function plattScaling(scores: ArrayLike<number>, y: ArrayLike<number | boolean>): Calibrator {
  const t0 = binaryTargets(scores, y, "plattScaling");
  const n = t0.length;
  let pos = 0;
  for (let i = 0; i < n; i++) pos += t0[i];
  const neg = n - pos;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  const t = Float64Array.from(t0, (v) => (v === 1 ? hi : lo));
  const f = Float64Array.from(scores);
  const objective = (A: number, B: number) => {
    let v = 0;
    for (let i = 0; i < n; i++) {
      const z = f[i] * A + B;
      v += z >= 0 ? t[i] * z + Math.log1p(Math.exp(-z)) : (t[i] - 1) * z + Math.log1p(Math.exp(z));
    }
    return v;
  };
  let A = 0;
  let B = Math.log((neg + 1) / (pos + 1));
  let fval = objective(A, B);
  for (let it = 0; it < 200; it++) {
    let h11 = 1e-12;
    let h22 = 1e-12;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < n; i++) {
      const z = f[i] * A + B;
      // p = P(y = 1) = 1 / (1 + e^z), computed without overflow.
      const p = z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
      const q = 1 - p;
      const d2 = p * q;
      h11 += f[i] * f[i] * d2;
      h22 += d2;
      h21 += f[i] * d2;
      const d1 = t[i] - p;
      g1 += f[i] * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < 1e-12 && Math.abs(g2) < 1e-12) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    while (step >= 1e-12) {
      const nA = A + step * dA;
      const nB = B + step * dB;
      const nf = objective(nA, nB);
      if (nf < fval + 1e-4 * step * gd) {
        A = nA;
        B = nB;
        fval = nf;
        break;
      }
      step /= 2;
    }
    if (step < 1e-12) break;
  }
  const a = A;
  const b = B;
  return {
    kind: "platt",
    params: { a, b },
    transform: (s) => Array.from(s, (v) => 1 / (1 + Math.exp(a * v + b))),
  };
}
