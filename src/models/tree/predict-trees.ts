import type { Matrix } from "../../data/matrix.ts";
import type { TreeStructure } from "../estimator.ts";
import { FlatForest } from "./flat-forest.ts";
import { RankedForest } from "./ranked-forest.ts";
import { addUnpackedSums } from "./unpacked-walk.ts";

/** How a tree list is predicted so far, and what it has served. */
interface ForestUse {
  /** The packed copy; undefined while the trees are walked as fitted (unpacked-walk.ts). */
  forest: RankedForest | FlatForest | undefined;
  weights: Float64Array;
  nodes: number;
  rows: number;
  calls: number;
  /** Whether the move to the ranked form has been decided (regression: at once). */
  settled: boolean;
}

/**
 * Each tree list's use, from its first predict. Keyed by the list itself: the estimators keep
 * their fitted `trees` array and weights unchanged for their lifetime (the public getters hand
 * out copies), so a list's packed copy never goes stale; a different weights array (never the
 * case for a fitted estimator) starts over.
 */
const uses = new WeakMap<readonly TreeStructure[], ForestUse>();

/**
 * When to pack, in walks served (rows × trees, this call's included) per node of the forest.
 * Each form is made once the walks it would have sped up would have paid for it: measured
 * (bench/models.ts data, CPU time, one process), packing flat costs 26–30 ns a node and saves
 * 40–190 ns a walk against the fitted arrays (spam, 100 trees of 545 nodes: 1.4 ms to pack,
 * 1,512 rows walked in 30 ms flat, 38 ms unpacked; flights, 10 trees of 65,600 nodes: 19 ms to
 * pack, 40,000 rows in 103 ms flat, 180 ms unpacked), so one walk per 8 nodes repays it.
 * The ranked form costs 160–290 ns a node and saves 30–150 ns a walk (flights: 116 ms to pack,
 * 41 ms to walk against 103 flat; spam: 8.5–15.6 ms to pack, 24–26 ms to walk against 25–30),
 * so it waits for four walks a node. Before, both were made on the first call of 20,000 rows
 * or more: flights' single predict spent 135 ms of 176 packing.
 */
const FLAT_AFTER_WALKS_PER_NODE = 1 / 8;
const RANKED_AFTER_WALKS_PER_NODE = 4;
/**
 * Or after this many calls, whatever their size, so that a service predicting a row at a time
 * soon gets the faster walks: some 30–50 µs a row unpacked, 10–20 flat, 7–15 ranked (100 deep
 * trees); each call in between costs at most the difference.
 */
const FLAT_AFTER_CALLS = 20;
const RANKED_AFTER_CALLS = 100;

/**
 * Nodes from which a forest may be walked over threshold ranks. Ranking a row costs a binary
 * search per feature the forest splits on, which only pays once the nodes no longer sit in
 * cache: a depth-6 tree (127 nodes) predicts 0.03 µs a row flat and 0.24 µs ranked; 100 deep
 * trees (479,000 nodes) 8–10 µs flat and 5.0–5.2 µs ranked. 32,768 16-byte nodes are 512 KiB,
 * half the per-core L2 cache of the machine measured.
 */
const RANKED_MIN_NODES = 32_768;

/**
 * The packed copy to walk, or undefined to walk the fitted arrays: unpacked for a forest's first
 * small calls, then 16-byte nodes in JavaScript, then 8-byte nodes walked in WebAssembly once a
 * large classification forest has been used enough. Regression forests stay flat: on
 * 16,000 × 20 (3.2 M nodes) the ranked walk measured 73 ms per 4,000 rows against 50 flat.
 */
function packedForestOf(trees: readonly TreeStructure[], treeWeights: Float64Array, rows: number): RankedForest | FlatForest | undefined {
  let use = uses.get(trees);
  if (!use || use.weights !== treeWeights) {
    let nodes = 0;
    for (const tree of trees) nodes += tree.feature.length;
    use = { forest: undefined, weights: treeWeights, nodes, rows: 0, calls: 0, settled: trees[0].nOutputs === 1 };
    uses.set(trees, use);
  }
  use.rows += rows;
  use.calls++;
  const walksPerNode = (use.rows * trees.length) / use.nodes;
  const packNow = !use.forest && (walksPerNode >= FLAT_AFTER_WALKS_PER_NODE || use.calls >= FLAT_AFTER_CALLS);
  if ((use.forest || packNow) && !use.settled && (walksPerNode >= RANKED_AFTER_WALKS_PER_NODE || use.calls >= RANKED_AFTER_CALLS)) {
    // Decided once: a forest that is small or declines stays flat.
    use.settled = true;
    if (use.nodes >= RANKED_MIN_NODES) use.forest = RankedForest.pack(trees, treeWeights) ?? use.forest;
  }
  if (!use.forest && packNow) use.forest = new FlatForest(trees, treeWeights);
  return use.forest;
}

/**
 * Σ_t treeWeights[t] · leafValue_t(x) for every row of X: `nRows × nOutputs`, row-major.
 * NaN follows each node's `missingGoesLeft`, so predictions are never NaN. Writes into `out`
 * when given (length ≥ nRows × nOutputs; a caller's reused buffer), else into a new array.
 * Walks the fitted arrays for a forest's first small calls, then a packed copy made once per
 * tree list: {@link FlatForest}, then {@link RankedForest} once a large classification forest
 * has served enough rows or calls.
 *
 * @example
 * predictTrees(model.trees, model.treeWeights, Matrix.fromRows([[1, 2]]));
 */
export function predictTrees(trees: readonly TreeStructure[], treeWeights: Float64Array, X: Matrix, out: Float64Array = new Float64Array(X.nRows * trees[0].nOutputs)): Float64Array {
  const forest = packedForestOf(trees, treeWeights, X.nRows);
  if (forest) return forest.predictInto(X, out);
  out.fill(0, 0, X.nRows * trees[0].nOutputs);
  return addUnpackedSums(trees, treeWeights, X, out);
}
