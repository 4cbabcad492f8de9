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
 * A forest is packed flat once its rows so far (this call's included) times its trees reach its
 * node count, or after this many calls. Until then its fitted arrays are walked as they are:
 * packing costs some 50–100 ns a node, which a first predict of a few thousand rows over a few
 * large trees never earns back (bench/models.ts fits, then predicts 4,000 rows once: flights,
 * 10 trees of … nodes on 160,000 rows, spent … ms of its … ms predict packing). Rows × trees
 * ≥ nodes means the walks about outnumber the nodes: packing is then a fraction of the call.
 * The call count bounds how long a one-row service waits for the faster walk.
 */
const FLAT_AFTER_CALLS = 20;

/**
 * Nodes from which a forest may be walked over threshold ranks. Ranking a row costs a binary
 * search per feature the forest splits on, which only pays once the nodes no longer sit in
 * cache: a depth-6 tree (127 nodes) predicts 0.03 µs a row flat and 0.24 µs ranked; 100 deep
 * trees (479,000 nodes) 8–10 µs flat and 5.0–5.2 µs ranked. 32,768 16-byte nodes are 512 KiB,
 * half the per-core L2 cache of the machine measured.
 */
const RANKED_MIN_NODES = 32_768;
/**
 * The ranked form is made only once a forest has served this many rows or calls: packing it
 * costs 0.1–0.2 µs a node (55 ms for the 479,000-node forest above, 700 ms for 3.2 M nodes),
 * which a single predict of a few thousand rows never earns back (bench/models.ts fits, then
 * predicts 4,000 rows once), while a forest in service earns it back within these.
 */
const RANKED_AFTER_ROWS = 20_000;
const RANKED_AFTER_CALLS = 100;

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
  const packNow = !use.forest && (use.rows * trees.length >= use.nodes || use.calls >= FLAT_AFTER_CALLS);
  if ((use.forest || packNow) && !use.settled && (use.rows >= RANKED_AFTER_ROWS || use.calls >= RANKED_AFTER_CALLS)) {
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
