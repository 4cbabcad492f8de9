/**
 * The shallow trees an EBM boosts on one term's histogram (per-cell sums of gradients G,
 * hessians H and row counts C; K outputs share the cells). A split is scored by the Newton
 * gain Σ_k (G_L²/H_L + G_R²/H_R − G²/H); every leaf keeps at least `minLeaf` rows.
 */
export interface TermSplit {
  /** The leaf of each cell. */
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
export function mainSplit(G: Float64Array, H: Float64Array, C: Float64Array, K: number, minLeaf: number): TermSplit | undefined {
  const n = C.length;
  const pg = prefix(G, n, K);
  const ph = prefix(H, n, K);
  const pc = prefix(C, n, 1);
  const first = bestCut(pg, ph, pc, K, 0, n - 1, minLeaf);
  if (!first) return undefined;
  const left = bestCut(pg, ph, pc, K, 0, first.cut, minLeaf);
  const right = bestCut(pg, ph, pc, K, first.cut + 1, n - 1, minLeaf);
  const leafOf = new Int32Array(n);
  for (let b = first.cut + 1; b < n; b++) leafOf[b] = 1;
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
  G: Float64Array, H: Float64Array, C: Float64Array, na: number, nb: number, K: number, minLeaf: number,
): { ca: number; cb: number; gain: number } | undefined {
  // Column prefix sums over every row (T*) and over the rows ≤ ca (U*, grown one row per ca):
  // each quadrant is then a difference of four numbers. O(na · nb · K), no allocation per cut.
  const TG = new Float64Array(nb * K);
  const TH = new Float64Array(nb * K);
  const TC = new Float64Array(nb);
  for (let a = 0; a < na; a++) addRowPrefix(G, H, C, a, nb, K, TG, TH, TC);
  const UG = new Float64Array(nb * K);
  const UH = new Float64Array(nb * K);
  const UC = new Float64Array(nb);
  const last = nb - 1;
  let parent = 0;
  for (let k = 0; k < K; k++) parent += term(TG[last * K + k], TH[last * K + k]);
  let best: { ca: number; cb: number; gain: number } | undefined;
  for (let ca = 0; ca < na - 1; ca++) {
    addRowPrefix(G, H, C, ca, nb, K, UG, UH, UC);
    for (let cb = 0; cb < nb - 1; cb++) {
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
      if (!best || gain > best.gain) best = { ca, cb, gain };
    }
  }
  return best;
}

// Adds row a's running sums over the columns (Σ_{b' ≤ b}) to the accumulators.
function addRowPrefix(
  G: Float64Array, H: Float64Array, C: Float64Array, a: number, nb: number, K: number, AG: Float64Array, AH: Float64Array, AC: Float64Array,
): void {
  let count = 0;
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
  G: Float64Array, H: Float64Array, C: Float64Array, na: number, nb: number, K: number, minLeaf: number,
): TermSplit | undefined {
  const q = bestQuadrants(G, H, C, na, nb, K, minLeaf);
  if (!q) return undefined;
  const leafOf = new Int32Array(na * nb);
  for (let a = 0; a < na; a++) for (let b = 0; b < nb; b++) leafOf[a * nb + b] = (a > q.ca ? 2 : 0) + (b > q.cb ? 1 : 0);
  return { leafOf, nLeaves: 4 };
}

function bestCut(
  pg: Float64Array, ph: Float64Array, pc: Float64Array, K: number, lo: number, hi: number, minLeaf: number,
): { cut: number; gain: number } | undefined {
  let best: { cut: number; gain: number } | undefined;
  const count = (a: number, b: number) => pc[b + 1] - pc[a];
  let parent = 0;
  for (let k = 0; k < K; k++) parent += term(pg[(hi + 1) * K + k] - pg[lo * K + k], ph[(hi + 1) * K + k] - ph[lo * K + k]);
  for (let c = lo; c < hi; c++) {
    if (count(lo, c) < minLeaf || count(c + 1, hi) < minLeaf) continue;
    let gain = -parent;
    for (let k = 0; k < K; k++) {
      gain += term(pg[(c + 1) * K + k] - pg[lo * K + k], ph[(c + 1) * K + k] - ph[lo * K + k]);
      gain += term(pg[(hi + 1) * K + k] - pg[(c + 1) * K + k], ph[(hi + 1) * K + k] - ph[(c + 1) * K + k]);
    }
    if (!best || gain > best.gain) best = { cut: c, gain };
  }
  return best;
}

// G²/H of one leaf; a leaf without hessian mass contributes nothing.
function term(g: number, h: number): number {
  return h > 1e-12 ? (g * g) / h : 0;
}

// Running sums over cells: out[(b+1)K + k] = Σ_{b' ≤ b} v[b'K + k].
function prefix(v: Float64Array, n: number, K: number): Float64Array {
  const out = new Float64Array((n + 1) * K);
  for (let b = 0; b < n; b++) for (let k = 0; k < K; k++) out[(b + 1) * K + k] = out[b * K + k] + v[b * K + k];
  return out;
}
