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

// Why the one-output passes look the way they do (each step is ~all of an EBM's fit time):
// - The row loops are top-level functions taking every array as an argument. As closures over a
//   pass's arrays they ran ~1.5× slower once a second pass existed (every bag makes one): V8 then
//   compiles them without the closure's arrays as constants and reloads them on each row.
// - G and H are accumulated interleaved (GH[2c], GH[2c+1]): one cache line per row's cell instead
//   of two, then copied out. Each cell still sums the same terms in the same row order, so the
//   histograms are bit for bit those of separate arrays.
// - Unit weights (no sampleWeight) get loops without the weight: 1 · x is exactly x.
// - A histogram is a step with a zero update: e · e^−0 = e · 1 is exactly e.

function logisticPass(y: Float64Array, w: Float64Array, start: Float64Array): GradientPass {
  const e = Float64Array.from(start, (s) => Math.exp(-s));
  const unit = w.every((v) => v === 1);
  let factor: Float64Array = new Float64Array(0);
  let GH: Float64Array = new Float64Array(0);
  const step = (cells: Uint16Array, update: Float64Array, next: Uint16Array, G: Float64Array, H: Float64Array) => {
    if (factor.length < update.length) factor = new Float64Array(update.length);
    exponentials(update, factor);
    GH = zeroed(GH, 2 * G.length);
    if (unit) logisticStepUnit(e, y, factor, cells, next, GH);
    else logisticStepWeighted(e, y, w, factor, cells, next, GH);
    deinterleave(GH, G, H);
  };
  return withZeroStepHistogram(step);
}

// A pass whose histogram is its step with a zero update: exact, as the notes above say for each loss.
function withZeroStepHistogram(step: GradientPass["step"]): GradientPass {
  let zero: Float64Array = new Float64Array(0);
  return {
    histogram(cells, G, H) {
      zero = zeroed(zero, G.length);
      step(cells, zero, cells, G, H);
    },
    step,
  };
}

// factor[c] = e^−update[c]. An update holds a few leaf values over many cells (a pair term:
// 4 over ~1,000), so a run of equal values reuses the exponential instead of recomputing it.
function exponentials(update: Float64Array, factor: Float64Array): void {
  let last = NaN;
  let lastFactor = NaN;
  for (let c = 0; c < update.length; c++) {
    const u = update[c];
    if (u !== last) {
      last = u;
      lastFactor = Math.exp(-u);
    }
    factor[c] = lastFactor;
  }
}

function logisticStepUnit(e: Float64Array, y: Float64Array, factor: Float64Array, cells: Uint16Array, next: Uint16Array, GH: Float64Array): void {
  for (let i = 0; i < e.length; i++) {
    const ei = e[i] * factor[cells[i]];
    e[i] = ei;
    const p = 1 / (1 + ei);
    const c = next[i] << 1;
    GH[c] += p - y[i];
    GH[c + 1] += Math.max(p * (1 - p), 1e-16);
  }
}

function logisticStepWeighted(
  e: Float64Array, y: Float64Array, w: Float64Array, factor: Float64Array, cells: Uint16Array, next: Uint16Array, GH: Float64Array,
): void {
  for (let i = 0; i < e.length; i++) {
    const ei = e[i] * factor[cells[i]];
    e[i] = ei;
    const p = 1 / (1 + ei);
    const c = next[i] << 1;
    const wi = w[i];
    GH[c] += wi * (p - y[i]);
    GH[c + 1] += wi * Math.max(p * (1 - p), 1e-16);
  }
}

function squaredPass(y: Float64Array, w: Float64Array, start: Float64Array): GradientPass {
  const residual = Float64Array.from(start, (s, i) => s - y[i]);
  const unit = w.every((v) => v === 1);
  let GH: Float64Array = new Float64Array(0);
  const step = (cells: Uint16Array, update: Float64Array, next: Uint16Array, G: Float64Array, H: Float64Array) => {
    GH = zeroed(GH, 2 * G.length);
    if (unit) squaredStepUnit(residual, update, cells, next, GH);
    else squaredStepWeighted(residual, w, update, cells, next, GH);
    deinterleave(GH, G, H);
  };
  // r + 0 is exactly r (a residual of −0 becomes +0, which sums the same).
  return withZeroStepHistogram(step);
}

function squaredStepUnit(residual: Float64Array, update: Float64Array, cells: Uint16Array, next: Uint16Array, GH: Float64Array): void {
  for (let i = 0; i < residual.length; i++) {
    const r = residual[i] + update[cells[i]];
    residual[i] = r;
    const c = next[i] << 1;
    GH[c] += r;
    GH[c + 1] += 1;
  }
}

function squaredStepWeighted(
  residual: Float64Array, w: Float64Array, update: Float64Array, cells: Uint16Array, next: Uint16Array, GH: Float64Array,
): void {
  for (let i = 0; i < residual.length; i++) {
    const r = residual[i] + update[cells[i]];
    residual[i] = r;
    const c = next[i] << 1;
    const wi = w[i];
    GH[c] += wi * r;
    GH[c + 1] += wi;
  }
}

// A scratch array of at least n numbers, its first n zero.
function zeroed(scratch: Float64Array, n: number): Float64Array {
  if (scratch.length < n) return new Float64Array(n);
  scratch.fill(0, 0, n);
  return scratch;
}

function deinterleave(GH: Float64Array, G: Float64Array, H: Float64Array): void {
  for (let c = 0; c < G.length; c++) {
    G[c] = GH[2 * c];
    H[c] = GH[2 * c + 1];
  }
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
