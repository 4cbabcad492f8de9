import type { NodeOrder } from "./node-order.ts";
import type { PresortedColumns } from "./presort.ts";
import { segmentArrays, type SegmentArrays } from "./segment-arrays.ts";

/**
 * Node order for trees that examine many of the features at every split, or few of not many
 * (a forest's "sqrt" of 20): each feature's presorted rows are filtered once per tree and
 * partitioned stably after every split, so a node's segment is always sorted (O(rows ·
 * features) per depth level, no sorting while growing). The partition, most of a deep tree's
 * cost, runs in WebAssembly where it can (wasm/segment-partition.wat), else in the loop below.
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
  // Tie-run loads (see collapseRun): the grower's weights and targets (with one spare row per
  // class past the last row), the loaded feature's rows with its run as class rows, and the
  // class weights of the node's rows outside the run.
  private weights: Float64Array = new Float64Array(0);
  private target: Int32Array | Float64Array = new Int32Array(0);
  private runRows = new Int32Array(0);
  private runVals = new Float64Array(0);
  private outside = new Float64Array(0);

  constructor(private readonly pre: PresortedColumns) {
    this.arrays = segmentArrays(pre.nRows, pre.nCols);
    this.goLeft = this.arrays.goLeft;
    this.nodeRows = this.rows = this.arrays.rows;
    this.vals = this.arrays.vals;
  }

  reset(weights: Float64Array, target: Int32Array | Float64Array): number {
    const { nRows: n, nCols: p, order, sortedValues } = this.pre;
    this.weights = weights;
    this.target = target;
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

  load(j: number, start: number, end: number, nodeClassWeights?: Float64Array): boolean {
    this.rows = this.arrays.rows;
    this.vals = this.arrays.vals;
    this.lo = j * this.m + start;
    this.hi = j * this.m + end;
    if (nodeClassWeights) this.collapseRun(j, nodeClassWeights);
    return true;
  }

  /**
   * Where the column's longest run of equal values (a sparse or one-hot column's zeros) holds
   * most of the node's loaded rows, lists it as one row per class instead (rows nRows + c,
   * weighted by the node's class weight less that of its rows outside the run), as `NodeSorter`
   * does: the scan then costs the rows outside the run. Sums are the same as row by row, as
   * the grower asks for this only with integer weights. Skipped where the run is NaN, or where
   * 0 and -0 both occur (the run would then mix two values the presort keeps apart).
   */
  private collapseRun(j: number, nodeClassWeights: Float64Array): void {
    const { nRows: n, sortedValues, tieStart, tieEnd } = this.pre;
    const base = j * n;
    const tie = sortedValues[base + tieStart[j]];
    if (tie !== tie || tieEnd[j] - tieStart[j] < 2) return;
    if ((tieStart[j] > 0 && sortedValues[base + tieStart[j] - 1] === tie) || (tieEnd[j] < n && sortedValues[base + tieEnd[j]] === tie)) return;
    const { lo, hi, vals, rows } = this;
    const a = firstNotBelow(vals, lo, hi, tie, false);
    const b = firstNotBelow(vals, a, hi, tie, true);
    if (2 * (b - a) < hi - lo) return;
    const K = nodeClassWeights.length;
    if (this.runRows.length < n + K) {
      this.runRows = new Int32Array(n + K);
      this.runVals = new Float64Array(n + K);
    }
    if (this.outside.length !== K) this.outside = new Float64Array(K);
    const { runRows, runVals, outside, weights, target } = this;
    outside.fill(0);
    let t = 0;
    for (let q = lo; q < a; q++) {
      const row = rows[q];
      outside[target[row]] += weights[row];
      runRows[t] = row;
      runVals[t++] = vals[q];
    }
    const classRows = t;
    t += K;
    for (let q = b; q < hi; q++) {
      const row = rows[q];
      outside[target[row]] += weights[row];
      runRows[t] = row;
      runVals[t++] = vals[q];
    }
    for (let c = 0; c < K; c++) {
      runRows[classRows + c] = n + c;
      runVals[classRows + c] = tie;
      weights[n + c] = nodeClassWeights[c] - outside[c];
    }
    this.rows = runRows;
    this.vals = runVals;
    this.lo = 0;
    this.hi = t;
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

/**
 * The first q in [lo, hi) with vals[q] ≥ value (`orEqual`: > value), for values sorted
 * ascending with NaN last (NaN counts as above every value); hi if none.
 */
function firstNotBelow(vals: Float64Array, lo: number, hi: number, value: number, orEqual: boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = vals[mid];
    if (orEqual ? v <= value : v < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
