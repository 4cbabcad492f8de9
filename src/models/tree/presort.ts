/**
 * Column-major copy of X plus, per feature, the row indices sorted by value (NaN rows last).
 * Computed once per fit and shared by every tree of a forest: a tree keeps the rows it
 * uses with a stable filter, so its segments stay sorted without sorting again.
 *
 * @example
 * const p = presortColumns(Matrix.fromRows([[3], [NaN], [1]]));
 * p.order; // Int32Array [2, 0, 1]
 */
export interface PresortedColumns {
  nRows: number;
  nCols: number;
  /** Column j's values are `cols[j * nRows + i]`. */
  cols: Float64Array;
  /** Feature j's sorted row indices are `order[j * nRows ..< (j + 1) * nRows]`, NaN rows last. */
  order: Int32Array;
  /** The values in that order (`cols[j * nRows + order[k]]`), so trees copy them sequentially. */
  sortedValues: Float64Array;
  /**
   * Feature j's longest run of identical values (the zeros of a sparse column) is sorted
   * positions [tieStart[j], tieEnd[j]); inside it rows are in index order.
   */
  tieStart: Int32Array;
  tieEnd: Int32Array;
}

/** Below this many rows a comparison sort beats the radix sort's fixed 6 × 2048 buckets. */
const RADIX_MIN_ROWS = 1024;
/** 64-bit keys in six 11-bit digits (the last of each 32-bit half has 10 bits). */
const DIGIT_SHIFTS = [0, 11, 22, 0, 11, 22];

/**
 * Transposes the row-major `data` (nRows × nCols) and sorts every column.
 *
 * @example
 * presortColumns({ data: new Float64Array([2, 1]), nRows: 2, nCols: 1 }).order; // Int32Array [1, 0]
 */
export function presortColumns(X: { data: Float64Array; nRows: number; nCols: number }): PresortedColumns {
  const { data, nRows: n, nCols: p } = X;
  const cols = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const r = i * p;
    for (let j = 0; j < p; j++) cols[j * n + i] = data[r + j];
  }
  const order = new Int32Array(n * p);
  const scratch = new RadixScratch(n);
  for (let j = 0; j < p; j++) {
    const column = cols.subarray(j * n, (j + 1) * n);
    const out = order.subarray(j * n, (j + 1) * n);
    // Negative, zero, positive, NaN rows, each in row order; then only the negative and the
    // positive parts need sorting (a sparse column is mostly zeros, which are already in place).
    let nNeg = 0;
    let nZero = 0;
    for (let i = 0; i < n; i++) {
      if (column[i] < 0) nNeg++;
      else if (column[i] === 0) nZero++;
    }
    let neg = 0;
    let zero = nNeg;
    let pos = nNeg + nZero;
    for (let i = 0; i < n; i++) {
      const v = column[i];
      if (v < 0) out[neg++] = i;
      else if (v === 0) out[zero++] = i;
      else if (v > 0) out[pos++] = i;
    }
    for (let i = 0, t = pos; i < n; i++) if (column[i] !== column[i]) out[t++] = i;
    scratch.argsort(column, out.subarray(0, nNeg));
    scratch.argsort(column, out.subarray(nNeg + nZero, pos));
  }
  const sortedValues = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    for (let k = j * n; k < (j + 1) * n; k++) sortedValues[k] = cols[j * n + order[k]];
  }
  const { tieStart, tieEnd } = longestRuns(sortedValues, n, p);
  return { nRows: n, nCols: p, cols, order, sortedValues, tieStart, tieEnd };
}

/** Each column's longest run of identical values (Object.is: -0 and 0 apart, NaN with NaN) in sorted order. */
function longestRuns(sortedValues: Float64Array, n: number, p: number): { tieStart: Int32Array; tieEnd: Int32Array } {
  const tieStart = new Int32Array(p);
  const tieEnd = new Int32Array(p);
  for (let j = 0; j < p; j++) {
    const base = j * n;
    let runStart = 0;
    for (let k = 1; k <= n; k++) {
      if (k < n && Object.is(sortedValues[base + k], sortedValues[base + runStart])) continue;
      if (k - runStart > tieEnd[j] - tieStart[j]) {
        tieStart[j] = runStart;
        tieEnd[j] = k;
      }
      runStart = k;
    }
  }
  return { tieStart, tieEnd };
}

/** Stable argsort: LSD radix on the 64-bit order-preserving image of each double, or a comparison sort for short lists. */
class RadixScratch {
  private readonly lo: Uint32Array;
  private readonly hi: Uint32Array;
  private readonly tmp: Int32Array;
  private readonly counts = new Int32Array(2048);
  private readonly f64 = new Float64Array(1);
  private readonly u32 = new Uint32Array(this.f64.buffer);

  constructor(n: number) {
    this.lo = new Uint32Array(n);
    this.hi = new Uint32Array(n);
    this.tmp = new Int32Array(n);
  }

  /** Sorts `idx` (indices into `values`, none NaN) by value, stably. */
  argsort(values: Float64Array, idx: Int32Array): void {
    if (idx.length < RADIX_MIN_ROWS) {
      idx.sort((a, b) => values[a] - values[b] || a - b);
      return;
    }
    const { lo, hi, f64, u32 } = this;
    const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
    const iLo = little ? 0 : 1;
    const iHi = 1 - iLo;
    for (let t = 0; t < idx.length; t++) {
      const i = idx[t];
      f64[0] = values[i] + 0; // -0 becomes +0
      let h = u32[iHi];
      let l = u32[iLo];
      // Negative numbers: flip every bit; positive: flip the sign bit. Unsigned order then = numeric order.
      if (h & 0x80000000) {
        h = ~h >>> 0;
        l = ~l >>> 0;
      } else h = (h | 0x80000000) >>> 0;
      hi[i] = h;
      lo[i] = l;
    }
    let src = idx;
    let dst = this.tmp.subarray(0, idx.length);
    for (let pass = 0; pass < 6; pass++) {
      const key = pass < 3 ? lo : hi;
      const shift = DIGIT_SHIFTS[pass];
      if (this.pass(src, dst, key, shift)) {
        const s = src;
        src = dst;
        dst = s;
      }
    }
    if (src !== idx) idx.set(src);
  }

  /** One counting pass on 11 bits; returns false (and does nothing) when all keys share the digit. */
  private pass(src: Int32Array, dst: Int32Array, key: Uint32Array, shift: number): boolean {
    const counts = this.counts;
    counts.fill(0);
    const n = src.length;
    for (let i = 0; i < n; i++) counts[(key[src[i]] >>> shift) & 0x7ff]++;
    if (n === 0 || counts[(key[src[0]] >>> shift) & 0x7ff] === n) return false;
    let sum = 0;
    for (let b = 0; b < 2048; b++) {
      const c = counts[b];
      counts[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const r = src[i];
      dst[counts[(key[r] >>> shift) & 0x7ff]++] = r;
    }
    return true;
  }
}
