import type { Matrix } from "../../data/matrix.ts";
import type { TreeStructure } from "../estimator.ts";
import { FlatForest } from "./flat-forest.ts";
import { RankedForest } from "./ranked-forest.ts";

/**
 * Packed copies of fitted tree lists, made on the first predict. Keyed by the list itself: the
 * estimators keep their fitted `trees` array and weights unchanged for their lifetime (the
 * public getters hand out copies), so a list's packed copy never goes stale; a different
 * weights array (never the case for a fitted estimator) repacks.
 */
const packed = new WeakMap<readonly TreeStructure[], { forest: RankedForest | FlatForest; weights: Float64Array }>();

/** The packed copy: 8-byte nodes walked in WebAssembly where the forest fits them, else 16-byte nodes in JavaScript. */
function packedForestOf(trees: readonly TreeStructure[], treeWeights: Float64Array): RankedForest | FlatForest {
  const cached = packed.get(trees);
  if (cached && cached.weights === treeWeights) return cached.forest;
  const forest = RankedForest.pack(trees, treeWeights) ?? new FlatForest(trees, treeWeights);
  packed.set(trees, { forest, weights: treeWeights });
  return forest;
}

/**
 * Σ_t treeWeights[t] · leafValue_t(x) for every row of X: `nRows × nOutputs`, row-major.
 * NaN follows each node's `missingGoesLeft`, so predictions are never NaN. Writes into `out`
 * when given (length ≥ nRows × nOutputs; a caller's reused buffer), else into a new array.
 * Walks a packed copy of the trees ({@link RankedForest}, or {@link FlatForest} where that
 * declines), made once per tree list.
 *
 * @example
 * predictTrees(model.trees, model.treeWeights, Matrix.fromRows([[1, 2]]));
 */
export function predictTrees(trees: readonly TreeStructure[], treeWeights: Float64Array, X: Matrix, out: Float64Array = new Float64Array(X.nRows * trees[0].nOutputs)): Float64Array {
  return packedForestOf(trees, treeWeights).predictInto(X, out);
}
