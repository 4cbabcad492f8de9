import type { Matrix } from "../../data/matrix.ts";
import { presortColumns, type PresortedColumns } from "../tree/presort.ts";

/**
 * X's columns sorted once per fit (the trees' radix argsort), for binning: each feature's
 * sorted finite values, which its cuts are read from (`cutsOfSorted`), and its bins for given
 * cuts in one pass over the sorted rows. The bins are `binColumn`'s (bin = 1 + the number of
 * cuts below the value, NaN bin 0); a comparison sort and a binary search per row per bin set
 * cost ~2.5 ms per 12,000-row column, this ~0.4 ms.
 *
 * @example
 * const sorted = new SortedColumns(X);
 * const cuts = cutsOfSorted(sorted.finite(0), 255);
 * const bins = sorted.bins(0, cuts, new Uint16Array(X.nRows));
 */
export class SortedColumns {
  private readonly presorted: PresortedColumns;
  private readonly nFinite: number[] = [];

  constructor(X: Matrix) {
    const p = presortColumns(X);
    const n = p.nRows;
    for (let j = 0; j < p.nCols; j++) {
      const values = p.sortedValues.subarray(j * n, (j + 1) * n);
      let finite = n;
      while (finite > 0 && values[finite - 1] !== values[finite - 1]) finite--;
      this.nFinite.push(finite);
      negativeZerosFirst(values.subarray(0, finite));
    }
    this.presorted = p;
  }

  /** Feature j's finite values, ascending (−0 before +0, as a typed array's sort has them). */
  finite(j: number): Float64Array {
    const n = this.presorted.nRows;
    return this.presorted.sortedValues.subarray(j * n, j * n + this.nFinite[j]);
  }

  /** Writes feature j's bin of every row for these cuts into `out` (one per row) and returns it. */
  bins<T extends Uint8Array | Uint16Array>(j: number, cuts: Float64Array, out: T): T {
    const n = this.presorted.nRows;
    const order = this.presorted.order;
    const values = this.presorted.sortedValues;
    out.fill(0);
    let below = 0; // cuts below the current value: the sorted values only move it up
    for (let k = j * n; k < j * n + this.nFinite[j]; k++) {
      const v = values[k];
      while (below < cuts.length && v > cuts[below]) below++;
      out[order[k]] = below + 1;
    }
    return out;
  }
}

// The radix sort keeps zeros in row order whatever their sign; a comparison sort of the values
// puts −0 first. The cuts are read from these values, so they follow the comparison order.
function negativeZerosFirst(sorted: Float64Array): void {
  let first = 0;
  while (first < sorted.length && sorted[first] < 0) first++;
  let end = first;
  let negative = 0;
  while (end < sorted.length && sorted[end] === 0) if (Object.is(sorted[end++], -0)) negative++;
  sorted.fill(-0, first, first + negative);
  sorted.fill(0, first + negative, end);
}
