import type { EBMLoss } from "./ebm-loss.ts";

/**
 * The training rows' state while a cyclic boosting runs, advanced in one fused pass per step:
 * add the step's per-cell update to every row's score, recompute the row's gradient and
 * hessian, and add them straight into the next term's histogram. One read of the rows per step
 * instead of four (apply, gradients, histogram, and the validation side apart).
 */
export interface GradientPass {
  /** Histograms G, H (nCells × K) of the current gradients over `cells`. */
  histogram(cells: Uint16Array, G: Float64Array, H: Float64Array): void;
  /** Adds `update[cell]` to each row's scores, then accumulates the new gradients over `next` into G, H. */
  step(cells: Uint16Array, update: Float64Array, next: Uint16Array, G: Float64Array, H: Float64Array): void;
}

/**
 * The fused pass for a loss: specialised loops for one output (logistic keeps e^−score per
 * row and multiplies it by e^−update per cell, so no row needs an exp), a generic one otherwise.
 *
 * @example
 * const pass = gradientPass(ebmLoss(2), y, w, start);
 * pass.histogram(cells0, G, H);
 */
export function gradientPass(loss: EBMLoss, y: Float64Array, w: Float64Array, start: Float64Array): GradientPass {
  if (loss.name === "logistic") return logisticPass(y, w, start);
  if (loss.name === "squared_error") return squaredPass(y, w, start);
  return genericPass(loss, y, w, start);
}

function logisticPass(y: Float64Array, w: Float64Array, start: Float64Array): GradientPass {
  const n = y.length;
  const e = Float64Array.from(start, (s) => Math.exp(-s));
  let factor = new Float64Array(0);
  return {
    histogram(cells, G, H) {
      G.fill(0);
      H.fill(0);
      for (let i = 0; i < n; i++) {
        const p = 1 / (1 + e[i]);
        const c = cells[i];
        G[c] += w[i] * (p - y[i]);
        H[c] += w[i] * Math.max(p * (1 - p), 1e-16);
      }
    },
    step(cells, update, next, G, H) {
      if (factor.length < update.length) factor = new Float64Array(update.length);
      for (let c = 0; c < update.length; c++) factor[c] = Math.exp(-update[c]);
      G.fill(0);
      H.fill(0);
      for (let i = 0; i < n; i++) {
        const ei = (e[i] *= factor[cells[i]]);
        const p = 1 / (1 + ei);
        const c = next[i];
        G[c] += w[i] * (p - y[i]);
        H[c] += w[i] * Math.max(p * (1 - p), 1e-16);
      }
    },
  };
}

function squaredPass(y: Float64Array, w: Float64Array, start: Float64Array): GradientPass {
  const n = y.length;
  const residual = Float64Array.from(start, (s, i) => s - y[i]);
  return {
    histogram(cells, G, H) {
      G.fill(0);
      H.fill(0);
      for (let i = 0; i < n; i++) {
        G[cells[i]] += w[i] * residual[i];
        H[cells[i]] += w[i];
      }
    },
    step(cells, update, next, G, H) {
      G.fill(0);
      H.fill(0);
      for (let i = 0; i < n; i++) {
        const r = (residual[i] += update[cells[i]]);
        const c = next[i];
        G[c] += w[i] * r;
        H[c] += w[i];
      }
    },
  };
}

function genericPass(loss: EBMLoss, y: Float64Array, w: Float64Array, start: Float64Array): GradientPass {
  const K = loss.nOutputs;
  const n = y.length;
  const s = start.slice();
  const g = new Float64Array(n * K);
  const h = new Float64Array(n * K);
  const accumulate = (cells: Uint16Array, G: Float64Array, H: Float64Array) => {
    G.fill(0);
    H.fill(0);
    for (let i = 0; i < n; i++) {
      const c = cells[i] * K;
      for (let k = 0; k < K; k++) {
        G[c + k] += g[i * K + k];
        H[c + k] += h[i * K + k];
      }
    }
  };
  loss.gradients(s, y, w, g, h);
  return {
    histogram: accumulate,
    step(cells, update, next, G, H) {
      for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) s[i * K + k] += update[cells[i] * K + k];
      loss.gradients(s, y, w, g, h);
      accumulate(next, G, H);
    },
  };
}
