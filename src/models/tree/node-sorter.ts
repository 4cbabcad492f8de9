import type { NodeOrder } from "./node-order.ts";
import type { PresortedColumns } from "./presort.ts";

/** scikit-learn's FEATURE_THRESHOLD: values closer than this are treated as equal. */
const FEATURE_THRESHOLD = 1e-7;

/**
 * Node order for trees that examine a sample of the features at each split (forests'
 * "sqrt"): only the node's row list is partitioned after a split, and a drawn feature is
 * ordered inside the node on demand, as scikit-learn's BestSplitter sorts the node's samples.
 * Rows are ordered by their rank in the fit's presort, so ties, -0 and NaN rows come out in
 * exactly the order the presorted segments would give. Each column's longest run of equal
 * values (a sparse column's zeros) needs no sorting: read in row order, its rows are already
 * in presort order; a feature constant in the node is recognised without sorting; and when
 * the grower allows it, the run is listed as one weighted row per class (see `loadWithRun`).
 *
 * @example
 * const order = new NodeSorter(presortColumns(X));
 * const m = order.reset(weights, codes); // rows in use; then the tree grower calls load/partition
 */
export class NodeSorter implements NodeOrder {
  readonly goLeft: Uint8Array;
  /** This tree's rows in feature 0's presorted order; a node is a segment of it. */
  readonly nodeRows: Int32Array;
  readonly rows: Int32Array;
  readonly vals: Float64Array;
  readonly lo = 0;
  hi = 0;
  /** The same segments as `nodeRows`, each in increasing row index. */
  private readonly byIndex: Int32Array;
  /** `rank[j * n + row]`: the row's position in feature j's presorted order. */
  private readonly rank: Int32Array;
  /**
   * Feature j's longest run of identical values (the zeros of a sparse column) is ranks
   * [tieLo[j], tieHi[j]) (the presort's tieStart, tieEnd); inside it the presort orders rows by
   * index, so rows read in index order need no sorting there.
   */
  private readonly tieLo: Int32Array;
  private readonly tieHi: Int32Array;
  private readonly keys: Int32Array;
  private readonly keysTmp: Int32Array;
  private readonly tieRows: Int32Array;
  private readonly tmp: Int32Array;
  private readonly counts = new Int32Array(256);
  private weights: Float64Array = new Float64Array(0);
  private target: Int32Array | Float64Array = new Int32Array(0);
  // Tie-run loads: rows above the run, the class weights of the rows outside it, and
  // `mark[row] === stamp` for the rows of the node (segment markStart..markEnd of version markVersion).
  private readonly aboveRows: Int32Array;
  private readonly aboveVals: Float64Array;
  private outside = new Float64Array(0);
  private readonly mark: Int32Array;
  private stamp = 0;
  private version = 0;
  private markStart = -1;
  private markEnd = -1;
  private markVersion = -1;

  constructor(private readonly pre: PresortedColumns) {
    const { nRows: n, nCols: p, order } = pre;
    this.rank = new Int32Array(n * p);
    this.tieLo = pre.tieStart;
    this.tieHi = pre.tieEnd;
    for (let j = 0; j < p; j++) {
      const base = j * n;
      for (let k = 0; k < n; k++) this.rank[base + order[base + k]] = k;
    }
    this.nodeRows = new Int32Array(n);
    this.byIndex = new Int32Array(n);
    this.rows = new Int32Array(n);
    this.vals = new Float64Array(n);
    this.keys = new Int32Array(n);
    this.keysTmp = new Int32Array(n);
    this.tieRows = new Int32Array(n);
    this.tmp = new Int32Array(n);
    this.goLeft = new Uint8Array(n);
    this.aboveRows = new Int32Array(n);
    this.aboveVals = new Float64Array(n);
    this.mark = new Int32Array(n);
  }

  reset(weights: Float64Array, target: Int32Array | Float64Array): number {
    const { nRows: n, order } = this.pre;
    this.weights = weights;
    this.target = target;
    this.version++;
    let m = 0;
    for (let k = 0; k < n; k++) if (weights[order[k]] > 0) this.nodeRows[m++] = order[k];
    m = 0;
    for (let i = 0; i < n; i++) if (weights[i] > 0) this.byIndex[m++] = i;
    return m;
  }

  load(j: number, start: number, end: number, nodeClassWeights?: Float64Array): boolean {
    if (nodeClassWeights && this.tieHi[j] > this.tieLo[j]) return this.loadWithRun(j, start, end, nodeClassWeights);
    const { nRows: n, order, sortedValues } = this.pre;
    const { byIndex, rank, keys, tieRows, rows, vals } = this;
    const base = j * n;
    const tieLo = this.tieLo[j];
    const tieHi = this.tieHi[j];
    let lowest = n;
    let highest = -1;
    let nTie = 0;
    let nOther = 0;
    let nBelow = 0;
    for (let q = start; q < end; q++) {
      const row = byIndex[q];
      const r = rank[base + row];
      if (r < lowest) lowest = r;
      if (r > highest) highest = r;
      if (r >= tieLo && r < tieHi) tieRows[nTie++] = row;
      else {
        keys[nOther++] = r;
        if (r < tieLo) nBelow++;
      }
    }
    // NaN rows sort last: a NaN lowest means every value is missing; a present highest means
    // none is. Either way with constant present values, the feature cannot split the node.
    const first = sortedValues[base + lowest];
    const last = sortedValues[base + highest];
    if (first !== first || last <= first + FEATURE_THRESHOLD) return false;
    this.hi = end - start;
    this.sortKeys(nOther);
    for (let t = 0; t < nBelow; t++) {
      const k = base + keys[t];
      rows[t] = order[k];
      vals[t] = sortedValues[k];
    }
    if (nTie > 0) {
      rows.set(tieRows.subarray(0, nTie), nBelow);
      vals.fill(sortedValues[base + tieLo], nBelow, nBelow + nTie);
    }
    for (let t = nBelow; t < nOther; t++) {
      const k = base + keys[t];
      rows[t + nTie] = order[k];
      vals[t + nTie] = sortedValues[k];
    }
    return true;
  }

  /**
   * Loads feature j with its tie run as one row per class (n + c, weight = the node's class
   * weight less that of its rows outside the run). When the column has fewer rows outside the
   * run than the node has rows, they are found by walking the presorted column (already in
   * order, no sort); otherwise by ranking the node's rows, as in `load`.
   */
  private loadWithRun(j: number, start: number, end: number, nodeClassWeights: Float64Array): boolean {
    const { nRows: n, order, sortedValues } = this.pre;
    const { rows, vals, aboveRows, aboveVals, weights, target, keys } = this;
    const K = nodeClassWeights.length;
    if (this.outside.length !== K) this.outside = new Float64Array(K);
    const outside = this.outside;
    outside.fill(0);
    const base = j * n;
    const tieLo = this.tieLo[j];
    const tieHi = this.tieHi[j];
    const count = end - start;
    let nBelow = 0;
    let nAbove = 0;
    if (n - (tieHi - tieLo) < count) {
      this.markNode(start, end);
      const mark = this.mark;
      const stamp = this.stamp;
      for (let k = base; k < base + tieLo; k++) {
        const row = order[k];
        if (mark[row] !== stamp) continue;
        rows[nBelow] = row;
        vals[nBelow++] = sortedValues[k];
        outside[target[row]] += weights[row];
      }
      for (let k = base + tieHi; k < base + n; k++) {
        const row = order[k];
        if (mark[row] !== stamp) continue;
        aboveRows[nAbove] = row;
        aboveVals[nAbove++] = sortedValues[k];
        outside[target[row]] += weights[row];
      }
    } else {
      const { nodeRows, rank } = this;
      let nOther = 0;
      for (let q = start; q < end; q++) {
        const r = rank[base + nodeRows[q]];
        if (r < tieLo || r >= tieHi) keys[nOther++] = r;
      }
      this.sortKeys(nOther);
      for (let t = 0; t < nOther; t++) {
        const k = base + keys[t];
        const row = order[k];
        outside[target[row]] += weights[row];
        if (keys[t] < tieLo) {
          rows[nBelow] = row;
          vals[nBelow++] = sortedValues[k];
        } else {
          aboveRows[nAbove] = row;
          aboveVals[nAbove++] = sortedValues[k];
        }
      }
    }
    const nTie = count - nBelow - nAbove;
    const tieValue = sortedValues[base + tieLo];
    const first = nBelow > 0 ? vals[0] : nTie > 0 ? tieValue : aboveVals[0];
    const last = nAbove > 0 ? aboveVals[nAbove - 1] : nTie > 0 ? tieValue : vals[nBelow - 1];
    if (first !== first || last <= first + FEATURE_THRESHOLD) return false;
    let t = nBelow;
    if (nTie > 0) {
      for (let c = 0; c < K; c++) {
        rows[t] = n + c;
        vals[t++] = tieValue;
        weights[n + c] = nodeClassWeights[c] - outside[c];
      }
    }
    rows.set(aboveRows.subarray(0, nAbove), t);
    vals.set(aboveVals.subarray(0, nAbove), t);
    this.hi = t + nAbove;
    return true;
  }

  /** Stamps the node's rows, once per node. */
  private markNode(start: number, end: number): void {
    if (start === this.markStart && end === this.markEnd && this.version === this.markVersion) return;
    this.stamp++;
    for (let q = start; q < end; q++) this.mark[this.nodeRows[q]] = this.stamp;
    this.markStart = start;
    this.markEnd = end;
    this.markVersion = this.version;
  }

  /** Sorts `keys[0 ..< count]` (distinct ranks below n): insertion sort when short, else LSD radix on bytes. */
  private sortKeys(count: number): void {
    let keys = this.keys;
    if (count <= INSERTION_MAX) {
      for (let i = 1; i < count; i++) {
        const k = keys[i];
        let t = i - 1;
        while (t >= 0 && keys[t] > k) {
          keys[t + 1] = keys[t];
          t--;
        }
        keys[t + 1] = k;
      }
      return;
    }
    let other = this.keysTmp;
    const counts = this.counts;
    for (let shift = 0; (this.pre.nRows - 1) >>> shift > 0; shift += 8) {
      counts.fill(0);
      for (let i = 0; i < count; i++) counts[(keys[i] >>> shift) & 255]++;
      let sum = 0;
      for (let b = 0; b < 256; b++) {
        const c = counts[b];
        counts[b] = sum;
        sum += c;
      }
      for (let i = 0; i < count; i++) {
        const k = keys[i];
        other[counts[(k >>> shift) & 255]++] = k;
      }
      const t = keys;
      keys = other;
      other = t;
    }
    if (keys !== this.keys) this.keys.set(keys.subarray(0, count));
  }

  partition(start: number, end: number, nLeft: number): void {
    this.stablePartition(this.nodeRows, start, end, nLeft);
    this.stablePartition(this.byIndex, start, end, nLeft);
    this.version++;
  }

  private stablePartition(list: Int32Array, start: number, end: number, nLeft: number): void {
    const { goLeft, tmp } = this;
    let l = start;
    let r = 0;
    for (let q = start; q < end; q++) {
      const row = list[q];
      if (goLeft[row] === 1) list[l++] = row;
      else tmp[r++] = row;
    }
    const rightStart = start + nLeft;
    for (let t = 0; t < r; t++) list[rightStart + t] = tmp[t];
  }
}

/** Below this many rows insertion sort beats the radix sort's 256 buckets. */
const INSERTION_MAX = 32;
