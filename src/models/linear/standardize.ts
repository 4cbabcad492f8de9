import type { Matrix } from "../../data/matrix.ts";
import { allFinite } from "./all-finite.ts";
import type { PackedRows } from "./wasm/packed-gram.ts";

/**
 * Rows in compressed sparse row form: row i's stored entries are
 * `value[rowStart[i] .. rowStart[i + 1])`, in columns `column[...]`; omitted entries are zeros.
 */
export interface SparseRows {
  rowStart: Int32Array;
  column: Int32Array;
  value: Float64Array;
}

/**
 * X standardized, densely or as sparse rows, plus the per-column statistics used. The
 * standardized value of an entry is always stored value × factors[column] − shifts[column].
 */
export interface Standardized {
  /** Dense stored values, row-major like X (X's own array when it needs no centring); absent when `rows` is given. */
  Z?: Float64Array;
  /** Sparse form, chosen when X is mostly zeros; a column's omitted entries are stored zeros. */
  rows?: SparseRows;
  /** Per column: 1 / divisor when `Z` is X itself, else 1 (the stored values are already divided). */
  factors: Float64Array;
  /** Per column: mean / divisor for columns stored uncentred, else 0. */
  shifts: Float64Array;
  means: Float64Array;
  /** Weighted standard deviation per column (1 for a constant column). */
  scales: Float64Array;
  /** What each column was divided by: `divisor(scale)`, or the scale itself by default. */
  divisors: Float64Array;
  /**
   * True when the weighted column sums, taken over every row (zero-weight ones too: 0·NaN is
   * NaN), came out finite, which proves X holds no NaN or ±∞; false where that is not known
   * (the JavaScript passes skip zero-weight rows) or a sum is not finite.
   */
  finiteInput: boolean;
}

/**
 * Weighted column means and standard deviations, and X standardized with them. A constant
 * column (or one with zero weighted spread) gets scale 1 and its exact value as mean, so it
 * becomes a column of exact zeros instead of 0/0. With `center: false` (models without an
 * intercept) the means are reported as 0 and X is only scaled. `divisor` maps a column's
 * scale to what the column is divided by (a solver's preconditioner), default the scale.
 * `packed`, X's rows already in WebAssembly memory (`packRows`, any extra column), makes the
 * passes for the statistics run there; their weights are overwritten. `weightSum`, Σ weights
 * in row order where the caller has it, spares those passes a loop over the rows.
 *
 * Three layouts, all read as stored × factor − shift: when more than half of X's entries can
 * be left out, sparse rows, where a column that is at least half zeros is stored uncentred
 * (x / divisor), keeping its zeros (centring it would gain no accuracy: |mean| ≤ sd for such a
 * column, as mean² ≤ E[x²]·P(x ≠ 0) by Cauchy–Schwarz); when every mean is within 4 standard
 * deviations of 0, X's own array, not copied; otherwise a centred, scaled dense copy. Every
 * pass walks X in row order.
 *
 * @example
 * standardize(Matrix.fromRows([[1, 5], [3, 5]]), new Float64Array([1, 1])).scales; // [1, 1]
 */
export function standardize(
  X: Matrix,
  weights: Float64Array,
  { center = true, divisor, packed, weightSum }: { center?: boolean; divisor?: (scale: number) => number; packed?: PackedRows; weightSum?: number } = {},
): Standardized {
  const { nRows: n, nCols: p, data } = X;
  const { means, squares, nonZero, varies, first, wSum, finiteInput } = packed ? packedStats(packed, data, n, p, weights, weightSum) : scalarStats(data, n, p, weights);
  const scales = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const sd = Math.sqrt(squares[j] / wSum);
    if (!varies[j] || !(sd > 1e-12 * Math.max(1, Math.abs(means[j])))) {
      if (!varies[j]) means[j] = data[first + j];
      scales[j] = 1;
    } else scales[j] = sd;
  }
  if (!center) means.fill(0);
  const divisors = scales.map((s) => (divisor ? divisor(s) : s));
  const inverse = divisors.map((d) => 1 / d);
  const shifts = new Float64Array(p);

  // Entries kept if columns that are at least half zeros (or all, without centring) stay uncentred.
  const uncentred = nonZero.map((count) => (!center || 2 * count <= n ? 1 : 0));
  let kept = 0;
  for (let j = 0; j < p; j++) kept += uncentred[j] ? nonZero[j] : n;
  if (2 * kept >= n * p) {
    // Columns within a few standard deviations of 0 lose nothing by being left uncentred: use X
    // itself, unscaled (no copy), with the centring and scaling folded into shifts and factors.
    if (means.every((m, j) => Math.abs(m) <= 4 * scales[j])) {
      for (let j = 0; j < p; j++) shifts[j] = means[j] * inverse[j];
      return { Z: data, factors: inverse, shifts, means, scales, divisors, finiteInput };
    }
    const Z = new Float64Array(n * p);
    for (let i = 0, o = 0; i < n; i++, o += p) {
      for (let j = 0; j < p; j++) Z[o + j] = (data[o + j] - means[j]) * inverse[j];
    }
    return { Z, factors: new Float64Array(p).fill(1), shifts, means, scales, divisors, finiteInput };
  }

  const centre = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    if (uncentred[j]) shifts[j] = means[j] * inverse[j];
    else centre[j] = means[j];
  }
  const rowStart = new Int32Array(n + 1);
  const column = new Int32Array(kept);
  const value = new Float64Array(kept);
  let q = 0;
  for (let i = 0, o = 0; i < n; i++, o += p) {
    for (let j = 0; j < p; j++) {
      const v = data[o + j];
      if (v === 0 && uncentred[j]) continue;
      column[q] = j;
      value[q++] = (v - centre[j]) * inverse[j];
    }
    rowStart[i + 1] = q;
  }
  return { rows: { rowStart, column, value }, factors: new Float64Array(p).fill(1), shifts, means, scales, divisors, finiteInput };
}

/** What the statistics passes over X find: per column, the weighted mean and squared deviation, stored non-zeros, and whether it varies. */
interface ColumnStats {
  means: Float64Array;
  squares: Float64Array;
  nonZero: Float64Array;
  /** 1 where some positive-weight value differs from the first positive-weight row's. */
  varies: Uint8Array;
  /** Offset in X of the first positive-weight row. */
  first: number;
  wSum: number;
  /** See `Standardized.finiteInput`. */
  finiteInput: boolean;
}

function scalarStats(data: Float64Array, n: number, p: number, weights: Float64Array): ColumnStats {
  const sums = new Float64Array(p);
  const nonZero = new Float64Array(p);
  // A column is constant when every positive-weight value equals the first one.
  let first = -1;
  const varies = new Uint8Array(p);
  let wSum = 0;
  for (let i = 0, o = 0; i < n; i++, o += p) {
    const w = weights[i];
    for (let j = 0; j < p; j++) if (data[o + j] !== 0) nonZero[j]++;
    if (w === 0) continue;
    if (first < 0) first = o;
    for (let j = 0; j < p; j++) {
      const v = data[o + j];
      sums[j] += w * v;
      if (v !== data[first + j]) varies[j] = 1;
    }
    wSum += w;
  }
  const means = new Float64Array(p);
  for (let j = 0; j < p; j++) means[j] = sums[j] / wSum;
  const squares = new Float64Array(p);
  for (let i = 0, o = 0; i < n; i++, o += p) {
    const w = weights[i];
    if (w === 0) continue;
    for (let j = 0; j < p; j++) {
      const c = data[o + j] - means[j];
      squares[j] += w * c * c;
    }
  }
  return { means, squares, nonZero, varies, first, wSum, finiteInput: false };
}

/** `scalarStats` by the WebAssembly kernels on packed rows: two passes (sums and counts, then squared deviations), all columns at once, two lanes wide. */
function packedStats(packed: PackedRows, data: Float64Array, n: number, p: number, weights: Float64Array, knownSum: number | undefined): ColumnStats {
  let firstRow = 0;
  while (firstRow < n && weights[firstRow] === 0) firstRow++;
  const first = firstRow < n ? firstRow * p : -1;
  packed.weights.set(weights);
  // One pass for the sums and both counts (each column against the first positive-weight row).
  const stats = packed.columnStats(first >= 0 ? data.subarray(first, first + p) : new Float64Array(p));
  const nonZero = stats.nonZero.subarray(0, p);
  const varies = new Uint8Array(p);
  if (first >= 0) for (let j = 0; j < p; j++) varies[j] = stats.differ[j] > 0 ? 1 : 0;
  const sums = stats.sums;
  const finiteInput = allFinite(sums);
  let wSum = knownSum ?? 0;
  if (knownSum === undefined) for (let i = 0; i < n; i++) wSum += weights[i];
  const means = new Float64Array(p);
  for (let j = 0; j < p; j++) means[j] = sums[j] / wSum;
  const squares = packed.squaredDeviations(means).subarray(0, p);
  return { means, squares, nonZero, varies, first, wSum, finiteInput };
}
