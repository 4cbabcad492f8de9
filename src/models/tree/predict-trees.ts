import type { Matrix } from "../../data/matrix.ts";
import type { TreeStructure } from "../estimator.ts";
import { FlatForest } from "./flat-forest.ts";
import { RankedForest } from "./ranked-forest.ts";

/**
 * Packed copies of fitted tree lists, made on the first predict. Keyed by the list itself: the
 * estimators keep their fitted `trees` array and weights unchanged for their lifetime (the
 * public getters hand out copies), so a list's packed copy never goes stale; a different
 * weights array (never the case for a fitted estimator) repacks. `rows` and `calls` count the
 * use so far, for the move to the ranked form; `settled` once that is decided (regression: at once).
 */
const packed = new WeakMap<readonly TreeStructure[], { forest: RankedForest | FlatForest; weights: Float64Array; rows: number; calls: number; settled: boolean }>();

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
 * The packed copy: 16-byte nodes in JavaScript first; 8-byte nodes walked in WebAssembly once a
 * large classification forest has been used enough. Regression forests stay flat: on
 * 16,000 × 20 (3.2 M nodes) the ranked walk measured 73 ms per 4,000 rows against 50 flat.
 */
function packedForestOf(trees: readonly TreeStructure[], treeWeights: Float64Array, rows: number): RankedForest | FlatForest {
  let entry = packed.get(trees);
  if (!entry || entry.weights !== treeWeights) {
    entry = { forest: new FlatForest(trees, treeWeights), weights: treeWeights, rows: 0, calls: 0, settled: trees[0].nOutputs === 1 };
    packed.set(trees, entry);
  }
  entry.rows += rows;
  entry.calls++;
  if (!entry.settled && (entry.rows >= RANKED_AFTER_ROWS || entry.calls >= RANKED_AFTER_CALLS)) {
    let nodes = 0;
    for (const tree of trees) nodes += tree.feature.length;
    const ranked = nodes >= RANKED_MIN_NODES ? RankedForest.pack(trees, treeWeights) : undefined;
    // Decided once: a forest that is small or declines stays flat.
    entry.settled = true;
    if (ranked) entry.forest = ranked;
  }
  return entry.forest;
}

/**
 * Σ_t treeWeights[t] · leafValue_t(x) for every row of X: `nRows × nOutputs`, row-major.
 * NaN follows each node's `missingGoesLeft`, so predictions are never NaN. Writes into `out`
 * when given (length ≥ nRows × nOutputs; a caller's reused buffer), else into a new array.
 * Walks a packed copy of the trees, made once per tree list: {@link FlatForest}, then
 * {@link RankedForest} once a large classification forest has served enough rows or calls.
 *
 * @example
 * predictTrees(model.trees, model.treeWeights, Matrix.fromRows([[1, 2]]));
 */
export function predictTrees(trees: readonly TreeStructure[], treeWeights: Float64Array, X: Matrix, out: Float64Array = new Float64Array(X.nRows * trees[0].nOutputs)): Float64Array {
  return packedForestOf(trees, treeWeights, X.nRows).predictInto(X, out);
}
