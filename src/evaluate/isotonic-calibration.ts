import type { Calibrator } from "./calibrator.ts";
import { binaryTargets } from "./binary-targets.ts";

/**
 * Isotonic calibration: the non-decreasing step fit of the labels on the scores by
 * pool-adjacent-violators (ties in the score averaged first), clipped to [0, 1],
 * interpolated linearly between breakpoints and clamped outside them, as scikit-learn's
 * `IsotonicRegression(out_of_bounds="clip", y_min=0, y_max=1)`. Needs more validation rows
 * than Platt scaling to avoid overfitting.
 *
 * @example
 * const iso = isotonicCalibration(valScores, valIsPositive);
 * iso.transform([0.2, 0.9]);
 */
export function isotonicCalibration(scores: ArrayLike<number>, y: ArrayLike<number | boolean>): Calibrator {
  const t = binaryTargets(scores, y, "isotonicCalibration");
  const order = Array.from({ length: t.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  // Pool tied scores into one weighted point.
  const xs: number[] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  for (const i of order) {
    const last = xs.length - 1;
    if (last >= 0 && xs[last] === scores[i]) {
      ys[last] = (ys[last] * ws[last] + t[i]) / (ws[last] + 1);
      ws[last] += 1;
    } else {
      xs.push(scores[i]);
      ys.push(t[i]);
      ws.push(1);
    }
  }
  // Pool adjacent violators: blocks of (mean, weight, span).
  const mean: number[] = [];
  const weight: number[] = [];
  const size: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    mean.push(ys[i]);
    weight.push(ws[i]);
    size.push(1);
    while (mean.length > 1 && mean[mean.length - 2] > mean[mean.length - 1]) {
      const w = weight[weight.length - 2] + weight[weight.length - 1];
      const m = (mean[mean.length - 2] * weight[weight.length - 2] + mean[mean.length - 1] * weight[weight.length - 1]) / w;
      const s = size[size.length - 2] + size[size.length - 1];
      mean.length -= 1;
      weight.length -= 1;
      size.length -= 1;
      mean[mean.length - 1] = m;
      weight[weight.length - 1] = w;
      size[size.length - 1] = s;
    }
  }
  const fitted: number[] = [];
  mean.forEach((m, b) => {
    for (let r = 0; r < size[b]; r++) fitted.push(Math.min(1, Math.max(0, m)));
  });
  const x = xs;
  const yFit = fitted;
  return {
    kind: "isotonic",
    params: { x: [...x], y: [...yFit] },
    transform: (s) => Array.from(s, (v) => interpolate(x, yFit, v)),
  };
}

function interpolate(x: number[], y: number[], v: number): number {
  if (v <= x[0]) return y[0];
  if (v >= x[x.length - 1]) return y[y.length - 1];
  let lo = 0;
  let hi = x.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= v) lo = mid;
    else hi = mid;
  }
  return y[lo] + ((y[hi] - y[lo]) * (v - x[lo])) / (x[hi] - x[lo]);
}
