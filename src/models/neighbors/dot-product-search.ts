import { dotKernel, type DotKernel } from "./wasm/dot-kernel.ts";
import { insertNeighbor } from "./insert-neighbor.ts";

/**
 * What the search reads of the prepared training rows (`PreparedRows` of nearest-neighbors.ts
 * has these fields; declared here so the two files do not import each other).
 */
interface SearchedRows {
  metric: "euclidean" | "manhattan" | "cosine";
  n: number;
  p: number;
  data: Float64Array;
}

/**
 * Cost model choosing between the SIMD kernel and the column index, measured on the spam
 * TF-IDF benchmark set (4,534 × 300, 11% non-zeros; Node 20, x86-64): the kernel costs about
 * 0.07 ns per (query, training value) of the columns it reads, the column index about 5.8 ns
 * per product of a query's non-zero with its column's. Either gives the same answer.
 */
const KERNEL_NS_PER_VALUE = 0.07;
const SPARSE_NS_PER_PRODUCT = 5.8;
/**
 * The SIMD kernel meets blocks of this many queries with tiles of this many training rows: a
 * tile of 20-column rows (40 KB) stays in cache while the block passes over it, and the
 * block's results (128 KB) are read back while still in cache.
 */
const QUERY_BLOCK = 64;
const TRAIN_BLOCK = 256;
const UNIT_ROUNDOFF = 2 ** -53;
/**
 * The kernel's float32 pre-filter (sum + add ≤ cap, in scaled units) must pass every row whose
 * float64 lower bound reaches the cap. Both sides are off by under 2⁻²³·scale²(‖q‖² + 2‖t‖² +
 * |base|) (float32's sum of sum and add, and float64's roundings of the bound), as |sum| ≤
 * scale²(‖q‖² + ‖t‖²); widening the cap by this share of scale²(‖q‖² + |base|) and lowering
 * each add by three times its share of scale²‖t‖² covers that eight times over.
 */
const PREFILTER_MARGIN = 2 ** -20;

/** Bound terms and, by density, a SIMD kernel or a column index of the prepared training rows, built once per fit. */
export interface DotSearchIndex {
  /** Subtracted from every row before the dot products (column means; zeros for cosine or sparse rows). */
  center: Float64Array;
  /** Relative slack s and absolute slack η of the bounds (see `boundSlack`). */
  slack: number;
  absolute: number;
  /** Per training row: the lower bound's share, ‖t‖²(1 − s) (euclidean) or −s‖t‖² (cosine); t centred. */
  addLo: Float64Array;
  /** Per training row: what the upper bound adds to the lower one, 2s‖t‖². */
  gapHi: Float64Array;
  /** Dense rows: the rows in WebAssembly memory, for the SIMD kernel. */
  dense?: DotKernel;
  /** Compressed columns (start, rows, values) for very sparse rows, where the cost model prefers them. */
  sparse?: { start: Int32Array; rows: Int32Array; values: Float64Array };
}

/**
 * The bounds' slack for rows of p columns: every computed distance d̃ of the plain search lies
 * within ±(s(‖q‖² + ‖t‖²) + η) of ‖q‖² + ‖t‖² − 2q̃·t (q, t centred; q̃·t the computed dot product).
 *
 * Float64 (sparse rows): |q̃·t − q·t| ≤ γ_p Σ|q_j t_j| ≤ γ_p (‖q‖² + ‖t‖²) / 2 in any summation
 * order, and the plain search's own distance is off by at most γ_(p+3)·d ≤ γ_(p+3)·2(‖q‖² + ‖t‖²):
 * s = (8p + 64)·u covers both twice over, with the few additions that form the bounds (each off
 * by at most 4u(‖q‖² + ‖t‖²)).
 *
 * Float32 (the SIMD kernel): each product meets p + 2 roundings of float32 (two conversions, the
 * product, at most p − 1 additions), so |q̃·t − q·t| ≤ γ32_(p+2) Σ|q_j t_j| with γ32_m ≈ m·2⁻²⁴;
 * s = (2p + 16)·2⁻²⁴ covers it twice over, and with it every float64 rounding above (centring
 * the rows included: it moves d by under 8u(‖q‖² + ‖t‖²)), which are 2⁻²⁹ times smaller.
 * Values that float32 holds only as subnormals add at most 2⁻¹⁴⁶ per column, in the units of
 * the kernel's power-of-two scale: η = (p + 1)·2⁻¹⁴⁶ / scale².
 */
function boundSlack(p: number, kernel: DotKernel | undefined): { slack: number; absolute: number } {
  if (!kernel) return { slack: (8 * p + 64) * UNIT_ROUNDOFF, absolute: (p + 2) * 2 ** -1070 };
  return { slack: (2 * p + 16) * 2 ** -24, absolute: (p + 1) * 2 ** -146 / kernel.scale ** 2 + 2 ** -1060 };
}

/**
 * Bound terms and, by density, a SIMD kernel (dense rows, centred on the column means for
 * euclidean) or a column index (sparse rows) of the prepared training rows; undefined when a
 * norm is so large that the dot-product identity could overflow, or dense rows find no
 * WebAssembly SIMD (the caller then searches exactly only).
 *
 * @example
 * const index = dotSearchIndex(prepareRows(new Float64Array([0, 0, 1, 0]), 2, 2, "euclidean"));
 */
export function dotSearchIndex(prepared: SearchedRows): DotSearchIndex | undefined {
  const { n, p, data, metric } = prepared;
  // One pass for what every later choice needs.
  const stats = rowStats(data, n, p);
  const { perColumn, sums } = stats;
  // A query like the training rows has column j non-zero with chance d = perColumn[j] / n: the
  // column index then meets perColumn[j] training values, and the kernel reads the column for
  // a group of four queries unless all four are zero (chance (1 − d)⁴).
  let products = 0;
  let kernelColumns = 0;
  for (let j = 0; j < p; j++) {
    products += (perColumn[j] * perColumn[j]) / n;
    kernelColumns += 1 - (1 - perColumn[j] / n) ** 4;
  }
  const dense = products * SPARSE_NS_PER_PRODUCT >= n * kernelColumns * KERNEL_NS_PER_VALUE;
  let { norms, largest } = stats;
  let rows = data;
  const center = new Float64Array(p);
  if (dense && metric === "euclidean" && worthCentring(sums, n, stats.squares)) {
    for (let j = 0; j < p; j++) center[j] = sums[j] / n;
    rows = centred(data, n, p, center);
    ({ norms, largest } = rowStats(rows, n, p));
  }
  for (let t = 0; t < n; t++) if (!(norms[t] < 1e300)) return undefined;
  // The kernel is made first (it picks the scale the slack depends on), then given its adds.
  const kernel = dense ? dotKernel(rows, n, p, largest, QUERY_BLOCK, TRAIN_BLOCK) : undefined;
  if (dense && !kernel) return undefined;
  const { slack, absolute } = boundSlack(p, kernel);
  const addLo = new Float64Array(n);
  const gapHi = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    addLo[t] = metric === "cosine" ? -slack * norms[t] : norms[t] * (1 - slack);
    gapHi[t] = 2 * slack * norms[t];
  }
  if (kernel) {
    const scale2 = kernel.scale ** 2;
    for (let t = 0; t < n; t++) kernel.add[t] = roundDown32(addLo[t] * scale2 - 3 * PREFILTER_MARGIN * scale2 * norms[t]);
    return { center, slack, absolute, addLo, gapHi, dense: kernel };
  }
  return { center, slack, absolute, addLo, gapHi, sparse: columnIndex(data, n, p, perColumn) };
}

/** Per row its squared norm; per column its non-zeros and sum; overall the sum of squares and the largest magnitude. */
function rowStats(data: Float64Array, n: number, p: number) {
  const norms = new Float64Array(n);
  const perColumn = new Float64Array(p);
  const sums = new Float64Array(p);
  let squares = 0;
  let largest = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) {
      const v = data[i * p + j];
      s += v * v;
      sums[j] += v;
      if (v !== 0) perColumn[j]++;
      if (Math.abs(v) > largest) largest = Math.abs(v);
    }
    norms[i] = s;
    squares += s;
  }
  return { norms, perColumn, sums, squares, largest };
}

/**
 * Float32's slack is relative to the rows' norms: for data far from the origin it would swamp
 * the distances, and centring on the column means brings it back. Centring also turns zeros
 * into non-zeros, which the kernel skips otherwise (sparse rows such as TF-IDF), so rows are
 * centred only when the mean holds most of their squared norm: ‖mean‖² > half the average ‖row‖².
 */
function worthCentring(sums: Float64Array, n: number, squares: number): boolean {
  let meanNorm = 0;
  for (const s of sums) meanNorm += (s / n) * (s / n);
  return meanNorm > squares / n / 2;
}

/** Rows minus `center`, a fresh array. */
function centred(data: Float64Array, n: number, p: number, center: Float64Array): Float64Array {
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) out[i * p + j] = data[i * p + j] - center[j];
  return out;
}

/** The rows' non-zeros by column (compressed sparse columns), given each column's count. */
function columnIndex(data: Float64Array, n: number, p: number, perColumn: Float64Array): NonNullable<DotSearchIndex["sparse"]> {
  // start[j] is where column j's non-zeros begin.
  const start = new Int32Array(p + 1);
  for (let j = 0; j < p; j++) start[j + 1] = start[j] + perColumn[j];
  const fill = start.slice(0, p);
  const rows = new Int32Array(start[p]);
  const values = new Float64Array(start[p]);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      const v = data[i * p + j];
      if (v !== 0) { rows[fill[j]] = i; values[fill[j]++] = v; }
    }
  }
  return { start, rows, values };
}

/**
 * Exact k nearest neighbors (euclidean or cosine) of prepared query rows `Q`, found through
 * dot products: q·t for a block of queries against a tile of training rows (the SIMD kernel,
 * or the column index for sparse rows) gives each distance up to a proven rounding bound, from
 * ‖q‖² + ‖t‖² − 2q·t (euclidean) or 1 − q·t (cosine, unit rows). The upper bounds cap the k-th
 * nearest distance; only rows whose lower bound reaches the cap are measured with `exact` (the
 * arithmetic of the plain search) and ranked by (distance, training index), so the answer is
 * the plain search's, bit for bit. Writes queries [qStart, qEnd) into bestD / bestI (nQuery × k,
 * filled with Infinity / −1; squared distances for euclidean).
 */
export function dotProductNeighbors(
  prepared: SearchedRows,
  index: DotSearchIndex,
  Q: Float64Array,
  qStart: number,
  qEnd: number,
  k: number,
  exact: (q: number, t: number) => number,
  bestD: Float64Array,
  bestI: Int32Array,
): void {
  const { n, p, metric } = prepared;
  const { center, slack, absolute, addLo, gapHi, dense, sparse } = index;
  const cosine = metric === "cosine";
  // Qs: the queries centred like the training rows, then times −2 (or −1), which is exact, so
  // the dot products are −2q·t (−q·t) with no extra rounding.
  const scale = cosine ? -1 : -2;
  const Qs = new Float64Array(Q.length);
  for (let q = qStart; q < qEnd; q++) for (let j = 0; j < p; j++) Qs[q * p + j] = scale * (Q[q * p + j] - center[j]);
  // Past this (after the kernel's scale) a query's float32 products could overflow.
  const float32Limit = dense ? 2 ** 64 / dense.scale : Infinity;
  // Cosine distances are clamped to [0, 2]: at the cap 2 every row may tie with the k-th.
  const capAll = cosine ? 2 : Infinity;

  const block = dense ? Math.min(dense.block, qEnd - qStart) : 1;
  const width = dense ? dense.width : n;
  const sparseTile = new Float64Array(dense ? 0 : n);
  const tile = dense ? dense.tile : sparseTile;
  // The kernel's sums are in units of scale²; the power of two comes off exactly.
  const scale2 = dense ? dense.scale ** 2 : 1;
  const unscale = 1 / scale2;
  const normQ = new Float64Array(block);
  const upper = new Float64Array(block * k);
  const cap = new Float64Array(block);
  const baseLo = new Float64Array(block);
  const gapQ = new Float64Array(block);
  const allRows = new Uint8Array(block);
  const candT: number[][] = Array.from({ length: block }, () => []);
  const candLo: number[][] = Array.from({ length: block }, () => []);

  for (let q0 = qStart; q0 < qEnd; q0 += block) {
    const q1 = Math.min(q0 + block, qEnd);
    upper.fill(Infinity);
    cap.fill(Infinity);
    for (let q = q0; q < q1; q++) {
      const i = q - q0;
      let nq = 0;
      let largest = 0;
      for (let j = 0; j < p; j++) {
        // Qs / scale is the centred query exactly (scaling by −2 or −1 is exact).
        const v = Qs[q * p + j] / scale;
        nq += v * v;
        largest = Math.max(largest, Math.abs(Qs[q * p + j]));
      }
      // A norm that could overflow gives no usable bound: then every row is measured exactly.
      allRows[i] = nq < 1e300 && largest < float32Limit ? 0 : 1;
      normQ[i] = nq;
      baseLo[i] = (cosine ? 1 - slack * nq : nq * (1 - slack)) - absolute;
      gapQ[i] = 2 * slack * nq + 2 * absolute;
      candT[i].length = 0;
      candLo[i].length = 0;
    }
    if (dense) dense.loadQueries(Qs, q0, q1);
    for (let t0 = 0; t0 < n; t0 += width) {
      const t1 = Math.min(t0 + width, n);
      if (dense) {
        for (let i = 0; i < q1 - q0; i++) {
          const open = allRows[i] || cap[i] >= capAll;
          const margin = PREFILTER_MARGIN * scale2 * (normQ[i] + Math.abs(baseLo[i]));
          dense.caps[i] = open ? Infinity : roundUp32((cap[i] - baseLo[i]) * scale2 + margin);
        }
        dense.dots(t0, t1);
      } else sparseDots(sparse!, Qs, p, q0, n, sparseTile);
      for (let q = q0; q < q1; q++) {
        const i = q - q0;
        if (allRows[i]) { keepAll(t0, t1, candT[i], candLo[i]); continue; }
        const r = i * width - t0;
        let c = cap[i];
        if (!dense) c = filterRows(tile, unscale, addLo, r, t0, t1, baseLo[i], gapQ[i], gapHi, cosine, capAll, c, upper, i * k, k, candT[i], candLo[i]);
        else {
          // Only the eights of rows the kernel saw pass need a look.
          const { hits, counts } = dense;
          const h0 = i * (width >> 3);
          for (let h = h0; h < h0 + counts[i]; h++) {
            const t = hits[h];
            c = filterRows(tile, unscale, addLo, r, t, Math.min(t + 8, t1), baseLo[i], gapQ[i], gapHi, cosine, capAll, c, upper, i * k, k, candT[i], candLo[i]);
          }
        }
        cap[i] = c;
      }
    }
    for (let q = q0; q < q1; q++) {
      const i = q - q0;
      rerank(exact, q * p, p, q * k, k, cap[i], capAll, candT[i], candLo[i], bestD, bestI);
    }
  }
}

/**
 * One query's pass over training rows [t0, t1) of a tile: the lower bound lo = baseLo +
 * (dot product + the row's share) of each row; rows whose lo reaches the cap are candidates,
 * and their upper bound hi = lo + the gap can lower the cap. A row with lo above the cap has
 * hi above it too, so testing lo alone first loses nothing. Returns the new cap.
 */
function filterRows(
  tile: Float32Array | Float64Array, unscale: number, addLo: Float64Array, r: number, t0: number, t1: number, baseLo: number, gapQ: number, gapHi: Float64Array,
  cosine: boolean, capAll: number, cap: number, upper: Float64Array, ub: number, k: number, ts: number[], los: number[],
): number {
  let c = cap;
  for (let t = t0; t < t1; t++) {
    const lo = baseLo + (tile[r + t] * unscale + addLo[t]);
    if (!(lo <= c || c >= capAll)) continue;
    let hi = lo + (gapQ + gapHi[t]);
    if (cosine) hi = Math.min(Math.max(hi, 0), 2);
    if (hi < c) c = insertSorted(upper, ub, k, hi);
    ts.push(t);
    los.push(lo);
  }
  return c;
}

/** Every row of a tile is a candidate (a query whose norm could overflow; its cap stays infinite). */
function keepAll(t0: number, t1: number, ts: number[], los: number[]): void {
  for (let t = t0; t < t1; t++) { ts.push(t); los.push(-Infinity); }
}

/**
 * Measures one query's candidates still within the final cap with the plain search's
 * arithmetic and keeps the k best in bestD / bestI at `o`, ordered by (distance, training
 * index): candidates come in training-row order, and a later row at an equal distance never
 * displaces an earlier one.
 */
function rerank(
  exact: (qo: number, to: number) => number, qo: number, p: number, o: number, k: number, c: number, capAll: number,
  ts: number[], los: number[], bestD: Float64Array, bestI: Int32Array,
): void {
  let worst = Infinity;
  for (let x = 0; x < ts.length; x++) {
    if (!(los[x] <= c || c >= capAll)) continue;
    const t = ts[x];
    const d = exact(qo, t * p);
    if (!(d < worst)) continue;
    worst = insertNeighbor(bestD, bestI, o, k, d, t);
  }
}

/** Inserts v into the ascending list at `o` (length k, last = current k-th); returns the new k-th. */
function insertSorted(list: Float64Array, o: number, k: number, v: number): number {
  let pos = k - 1;
  while (pos > 0 && list[o + pos - 1] > v) { list[o + pos] = list[o + pos - 1]; pos--; }
  list[o + pos] = v;
  return list[o + k - 1];
}

/** The dot products of one query with all training rows, through their column index: each non-zero of the query meets its column's non-zeros. */
function sparseDots(sparse: NonNullable<DotSearchIndex["sparse"]>, Q: Float64Array, p: number, q: number, n: number, out: Float64Array): void {
  const { start, rows, values } = sparse;
  out.fill(0, 0, n);
  for (let j = 0; j < p; j++) {
    const v = Q[q * p + j];
    if (v === 0) continue;
    for (let e = start[j]; e < start[j + 1]; e++) out[rows[e]] += v * values[e];
  }
}

/** The nearest float32 at or above x (+∞ past float32's range). */
function roundUp32(x: number): number {
  return Math.fround(x + Math.abs(x) * 2 ** -20 + 2 ** -140);
}

/** The nearest float32 at or below x (−∞ past float32's range). */
function roundDown32(x: number): number {
  return Math.fround(x - Math.abs(x) * 2 ** -20 - 2 ** -140);
}
