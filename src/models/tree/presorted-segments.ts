import type { NodeOrder } from "./node-order.ts";
import type { PresortedColumns } from "./presort.ts";
import { segmentArrays, type SegmentArrays } from "./segment-arrays.ts";

/**
 * Node order for trees that examine many of the features at every split, or few of not many
 * (a forest's "sqrt" of 20): each feature's presorted rows are filtered once per tree and
 * partitioned stably after every split, so a node's segment is always sorted (O(rows ·
 * features) per depth level, no sorting while growing). The partition, most of a deep tree's
 * cost, runs in WebAssembly where it can (segment-partition.wat), else in the loop below.
 *
 * @example
 * const order = new PresortedSegments(presortColumns(X));
 * const m = order.reset(weights); // rows in use; then the tree grower calls load/partition
 */
export class PresortedSegments implements NodeOrder {
  readonly goLeft: Uint8Array;
  nodeRows: Int32Array;
  rows: Int32Array;
  vals: Float64Array;
  lo = 0;
  hi = 0;
  private readonly arrays: SegmentArrays;
  private m = 0;

  constructor(private readonly pre: PresortedColumns) {
    this.arrays = segmentArrays(pre.nRows, pre.nCols);
    this.goLeft = this.arrays.goLeft;
    this.nodeRows = this.rows = this.arrays.rows;
    this.vals = this.arrays.vals;
  }

  reset(weights: Float64Array): number {
    const { nRows: n, nCols: p, order, sortedValues } = this.pre;
    const { rows, vals, inSample } = this.arrays;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const keep = weights[i] > 0 ? 1 : 0;
      inSample[i] = keep;
      m += keep;
    }
    this.m = m;
    // Stable filter of the shared presorted order down to this tree's rows; feature 0's
    // segment comes first, so it doubles as the node's row list. Every row is written and
    // only a kept one advances the index: a bootstrap sample leaves out rows at random, which
    // a branch would mispredict. (A row left out last writes one place past the segment, the
    // next segment's first, rewritten next; never past the array, as then m < nRows.)
    for (let j = 0; j < p; j++) {
      const src = j * n;
      let t = j * m;
      for (let k = 0; k < n; k++) {
        const r = order[src + k];
        rows[t] = r;
        vals[t] = sortedValues[src + k];
        t += inSample[r];
      }
    }
    return m;
  }

  load(j: number, start: number, end: number): boolean {
    this.lo = j * this.m + start;
    this.hi = j * this.m + end;
    return true;
  }

  partition(start: number, end: number): void {
    const { partition, rows: sorted, vals, tmpRows: tmp, tmpVals } = this.arrays;
    const p = this.pre.nCols;
    if (partition) return partition(start, end, p, this.m);
    const goLeft = this.goLeft;
    for (let j = 0; j < p; j++) {
      const base = j * this.m;
      let l = base + start;
      let r = 0;
      for (let q = base + start; q < base + end; q++) {
        // Written to both sides, only one side's index advancing: no branch on the direction,
        // which is random in every feature but the split one (a mispredicted branch per row).
        const row = sorted[q];
        const v = vals[q];
        const g = goLeft[row];
        sorted[l] = row;
        vals[l] = v;
        tmp[r] = row;
        tmpVals[r] = v;
        l += g;
        r += 1 - g;
      }
      // A plain loop, not set(subarray): most nodes are small, and two views per feature per
      // node cost more than the copy (allocation).
      for (let t = 0; t < r; t++) {
        sorted[l + t] = tmp[t];
        vals[l + t] = tmpVals[t];
      }
    }
  }
}
