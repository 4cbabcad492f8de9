/**
 * Where the tree grower gets a node's rows sorted by one feature. Both implementations give
 * the fit's presort order restricted to the node (or, for `load` with class weights, the same
 * sums at every candidate split), so they grow identical trees.
 */
export interface NodeOrder {
  /** Marks set by the grower before `partition`: 1 for rows going left. Indexed by row. */
  readonly goLeft: Uint8Array;
  /** The rows in use; a node is the segment [start, end), in feature 0's sorted order. */
  readonly nodeRows: Int32Array;
  /** After `load`, `rows[lo ..< hi]` is the node's rows sorted by the feature, `vals` their values. */
  readonly rows: Int32Array;
  readonly vals: Float64Array;
  readonly lo: number;
  readonly hi: number;
  /**
   * Starts a tree on the rows of positive weight; returns how many there are. `weights` and
   * `target` may have nClasses entries past the last row, for `load`'s tie-run rows.
   */
  reset(weights: Float64Array, target: Int32Array | Float64Array): number;
  /**
   * Loads feature j for the node; false when j certainly cannot split it (constant there).
   * Given the node's class weights (only when they are integers and leaves may hold one row),
   * it may list a run of tied rows as one row per class: rows nRows + c, whose weights it sets.
   */
  load(j: number, start: number, end: number, nodeClassWeights?: Float64Array): boolean;
  /** Stable partition of the node by `goLeft`, the left rows first. */
  partition(start: number, end: number, nLeft: number): void;
}
