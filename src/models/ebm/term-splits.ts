import { SplitScratch } from "./split-scratch.ts";

/**
 * The shallow trees an EBM boosts on one term's histogram (per-cell sums of gradients G,
 * hessians H and row counts C; K outputs share the cells). A split is scored by the Newton
 * gain Σ_k (G_L²/H_L + G_R²/H_R − G²/H); every leaf keeps at least `minLeaf` rows.
 */
export interface TermSplit {
  /** The leaf of each cell (a scratch array: read it before the next split; it may run past the cells). */
  leafOf: Int32Array;
  nLeaves: number;
}

/**
 * Main term: at most three leaves over the ordered bins (InterpretML's max_leaves = 3): the
 * best cut, then the best second cut inside either side. The missing bin (0) sits first.
 * Undefined when no cut leaves `minLeaf` rows on both sides.
 *
 * @example
 * mainSplit(Float64Array.from([0, -4, 4]), Float64Array.from([0, 4, 4]), Float64Array.from([0, 4, 4]), 1, 1);
 * // { leafOf: Int32Array [0, 0, 1], nLeaves: 2 }
 */
export function mainSplit(
  G: Float64Array, H: Float64Array, C: Float64Array, K: number, minLeaf: number, scratch = new SplitScratch(),
): TermSplit | undefined {
  const n = C.length;
  const pg = prefix(G, n, K, scratch.floats(0, (n + 1) * K));
  const ph = prefix(H, n, K, scratch.floats(1, (n + 1) * K));
  const pc = prefix(C, n, 1, scratch.floats(2, n + 1));
  const first = bestCut(pg, ph, pc, K, 0, n - 1, minLeaf);
  if (!first) return undefined;
  const left = bestCut(pg, ph, pc, K, 0, first.cut, minLeaf);
  const right = bestCut(pg, ph, pc, K, first.cut + 1, n - 1, minLeaf);
  const leafOf = scratch.leafMap(n);
  leafOf.fill(0, 0, first.cut + 1);
  leafOf.fill(1, first.cut + 1, n);
  const second = !left ? right : !right ? left : left.gain >= right.gain ? left : right;
  if (!second || second.gain <= 0) return { leafOf, nLeaves: 2 };
  // The new leaf (2) is the upper part of whichever side was cut again.
  const end = second === left ? first.cut : n - 1;
  for (let b = second.cut + 1; b <= end; b++) leafOf[b] = 2;
  return { leafOf, nLeaves: 3 };
}

/**
 * Pair term: the best four quadrants, one cut on each feature (the split FAST scores, Lou et
 * al. 2013). Cells are `a * nb + b`. Undefined when no pair of cuts leaves `minLeaf` rows in
 * every quadrant.
 *
 * @example
 * bestQuadrants(G, H, C, 3, 3, 1, 1)?.gain;
 */
export function bestQuadrants(
  G: Float64Array, H: Float64Array, C: Float64Array, na: number, nb: number, K: number, minLeaf: number, scratch = new SplitScratch(),
): { ca: number; cb: number; gain: number } | undefined {
  // Column prefix sums over every row (T*) and over the rows ≤ ca (U*, grown one row per ca):
  // each quadrant is then a difference of four numbers. O(na · nb · K), no allocation per cut.
  const zeroed = (slot: number, n: number) => scratch.floats(slot, n).fill(0, 0, n);
  const TG = zeroed(0, nb * K);
  const TH = zeroed(1, nb * K);
  const TC = zeroed(2, nb);
  for (let a = 0; a < na; a++) addRowPrefix(G, H, C, a, nb, K, TG, TH, TC);
  const UG = zeroed(3, nb * K);
  const UH = zeroed(4, nb * K);
  const UC = zeroed(5, nb);
  const last = nb - 1;
  let parent = 0;
  for (let k = 0; k < K; k++) parent += term(TG[last * K + k], TH[last * K + k]);
  let best: { ca: number; cb: number; gain: number } | undefined;
  for (let ca = 0; ca < na - 1; ca++) {
    addRowPrefix(G, H, C, ca, nb, K, UG, UH, UC);
    const row = K === 1
      ? bestColumnCutOneOutput(UG, UH, UC, TG, TH, TC, nb, parent, minLeaf)
      : bestColumnCut(UG, UH, UC, TG, TH, TC, nb, K, parent, minLeaf);
    if (row && (!best || row.gain > best.gain)) best = { ca, cb: row.cb, gain: row.gain };
  }
  return best;
}

// The best column cut cb with the rows ≤ ca on top (U*: their column prefix sums, T*: every
// row's): the first best in cb order, so over the ca the first best pair in (ca, cb) order.
function bestColumnCut(
  UG: Float64Array, UH: Float64Array, UC: Float64Array, TG: Float64Array, TH: Float64Array, TC: Float64Array,
  nb: number, K: number, parent: number, minLeaf: number,
): { cb: number; gain: number } | undefined {
  const last = nb - 1;
  let bestAt = -1;
  let bestGain = 0;
  for (let cb = 0; cb < last; cb++) {
    const topLeft = UC[cb];
    const topRight = UC[last] - topLeft;
    const bottomLeft = TC[cb] - topLeft;
    const bottomRight = TC[last] - UC[last] - bottomLeft;
    if (topLeft < minLeaf || topRight < minLeaf || bottomLeft < minLeaf || bottomRight < minLeaf) continue;
    let gain = -parent;
    for (let k = 0; k < K; k++) {
      const b = cb * K + k;
      const e = last * K + k;
      const g1 = UG[b], h1 = UH[b];
      const g2 = UG[e] - g1, h2 = UH[e] - h1;
      const g3 = TG[b] - g1, h3 = TH[b] - h1;
      const g4 = TG[e] - UG[e] - g3, h4 = TH[e] - UH[e] - h3;
      gain += term(g1, h1) + term(g2, h2) + term(g3, h3) + term(g4, h4);
    }
    if (bestAt < 0 || gain > bestGain) {
      bestAt = cb;
      bestGain = gain;
    }
  }
  return bestAt < 0 ? undefined : { cb: bestAt, gain: bestGain };
}

// bestColumnCut for one output, the same sums in the same order without the loop over outputs.
function bestColumnCutOneOutput(
  UG: Float64Array, UH: Float64Array, UC: Float64Array, TG: Float64Array, TH: Float64Array, TC: Float64Array,
  nb: number, parent: number, minLeaf: number,
): { cb: number; gain: number } | undefined {
  const last = nb - 1;
  const topG = UG[last], topH = UH[last], topCount = UC[last];
  const bottomG = TG[last] - topG, bottomH = TH[last] - topH, bottomCount = TC[last] - topCount;
  let bestAt = -1;
  let bestGain = 0;
  for (let cb = 0; cb < last; cb++) {
    const topLeft = UC[cb];
    const bottomLeft = TC[cb] - topLeft;
    if (topLeft < minLeaf || topCount - topLeft < minLeaf || bottomLeft < minLeaf || bottomCount - bottomLeft < minLeaf) continue;
    const g1 = UG[cb], h1 = UH[cb];
    const g3 = TG[cb] - g1, h3 = TH[cb] - h1;
    const gain = -parent + (term(g1, h1) + term(topG - g1, topH - h1) + term(g3, h3) + term(bottomG - g3, bottomH - h3));
    if (bestAt < 0 || gain > bestGain) {
      bestAt = cb;
      bestGain = gain;
    }
  }
  return bestAt < 0 ? undefined : { cb: bestAt, gain: bestGain };
}

// Adds row a's running sums over the columns (Σ_{b' ≤ b}) to the accumulators.
function addRowPrefix(
  G: Float64Array, H: Float64Array, C: Float64Array, a: number, nb: number, K: number, AG: Float64Array, AH: Float64Array, AC: Float64Array,
): void {
  let count = 0;
  if (K === 1) {
    // One output: the same running sums in one loop instead of two.
    let g = 0;
    let h = 0;
    for (let b = 0; b < nb; b++) {
      const cell = a * nb + b;
      AC[b] += count += C[cell];
      AG[b] += g += G[cell];
      AH[b] += h += H[cell];
    }
    return;
  }
  for (let b = 0; b < nb; b++) {
    count += C[a * nb + b];
    AC[b] += count;
  }
  for (let k = 0; k < K; k++) {
    let g = 0;
    let h = 0;
    for (let b = 0; b < nb; b++) {
      g += G[(a * nb + b) * K + k];
      h += H[(a * nb + b) * K + k];
      AG[b * K + k] += g;
      AH[b * K + k] += h;
    }
  }
}

/** The quadrant split of a pair term as leaves (0..3) per cell; undefined when none is allowed. */
export function pairSplit(
  G: Float64Array, H: Float64Array, C: Float64Array, na: number, nb: number, K: number, minLeaf: number, scratch = new SplitScratch(),
): TermSplit | undefined {
  const q = bestQuadrants(G, H, C, na, nb, K, minLeaf, scratch);
  if (!q) return undefined;
  const leafOf = scratch.leafMap(na * nb);
  // Leaf (a > ca ? 2 : 0) + (b > cb ? 1 : 0), filled a row's two runs at a time.
  for (let a = 0; a < na; a++) {
    const top = a > q.ca ? 2 : 0;
    leafOf.fill(top, a * nb, a * nb + q.cb + 1);
    leafOf.fill(top + 1, a * nb + q.cb + 1, (a + 1) * nb);
  }
  return { leafOf, nLeaves: 4 };
}

// The best single cut of bins lo..hi (cut c: lo..c | c+1..hi) from prefix sums. Plain loops
// over locals, one result object: with a closure for the counts and an object per better cut
// it took ~5× longer, and a main term runs three of these per boosting step.
function bestCut(
  pg: Float64Array, ph: Float64Array, pc: Float64Array, K: number, lo: number, hi: number, minLeaf: number,
): { cut: number; gain: number } | undefined {
  if (K === 1) return bestCutOneOutput(pg, ph, pc, lo, hi, minLeaf);
  const countLo = pc[lo];
  const countHi = pc[hi + 1];
  let parent = 0;
  for (let k = 0; k < K; k++) parent += term(pg[(hi + 1) * K + k] - pg[lo * K + k], ph[(hi + 1) * K + k] - ph[lo * K + k]);
  let bestAt = -1;
  let bestGain = 0;
  for (let c = lo; c < hi; c++) {
    const count = pc[c + 1];
    if (count - countLo < minLeaf || countHi - count < minLeaf) continue;
    let gain = -parent;
    for (let k = 0; k < K; k++) {
      const g = pg[(c + 1) * K + k];
      const h = ph[(c + 1) * K + k];
      gain += term(g - pg[lo * K + k], h - ph[lo * K + k]);
      gain += term(pg[(hi + 1) * K + k] - g, ph[(hi + 1) * K + k] - h);
    }
    if (bestAt < 0 || gain > bestGain) {
      bestAt = c;
      bestGain = gain;
    }
  }
  return bestAt < 0 ? undefined : { cut: bestAt, gain: bestGain };
}

// bestCut for one output (binary and regression: nearly every fit), the same sums in the same
// order without the loop over outputs, which V8 does not unroll.
function bestCutOneOutput(
  pg: Float64Array, ph: Float64Array, pc: Float64Array, lo: number, hi: number, minLeaf: number,
): { cut: number; gain: number } | undefined {
  const g0 = pg[lo], h0 = ph[lo], count0 = pc[lo];
  const gAll = pg[hi + 1], hAll = ph[hi + 1], countAll = pc[hi + 1];
  const parent = term(gAll - g0, hAll - h0);
  let bestAt = -1;
  let bestGain = 0;
  for (let c = lo; c < hi; c++) {
    const g = pg[c + 1], h = ph[c + 1], count = pc[c + 1];
    if (count - count0 < minLeaf || countAll - count < minLeaf) continue;
    const gain = -parent + term(g - g0, h - h0) + term(gAll - g, hAll - h);
    if (bestAt < 0 || gain > bestGain) {
      bestAt = c;
      bestGain = gain;
    }
  }
  return bestAt < 0 ? undefined : { cut: bestAt, gain: bestGain };
}

// G²/H of one leaf; a leaf without hessian mass contributes nothing.
function term(g: number, h: number): number {
  return h > 1e-12 ? (g * g) / h : 0;
}

// Running sums over cells: out[(b+1)K + k] = Σ_{b' ≤ b} v[b'K + k].
function prefix(v: Float64Array, n: number, K: number, out: Float64Array): Float64Array {
  for (let k = 0; k < K; k++) {
    out[k] = 0;
    let sum = 0;
    for (let b = 0; b < n; b++) out[(b + 1) * K + k] = sum += v[b * K + k];
  }
  return out;
}
