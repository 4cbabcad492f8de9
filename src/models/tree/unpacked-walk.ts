import type { Matrix } from "../../data/matrix.ts";
import type { TreeStructure } from "../estimator.ts";

/**
 * Adds Σ_t weight_t · leafValue_t(x) for every row of X into `out` (`nRows × nOutputs`,
 * row-major, zeroed by the caller), walking the fitted node arrays as they are: no packed copy.
 * The forest's first calls take this path while a packed copy would cost more to build than it
 * saves (see predict-trees.ts): packing is some 50–100 ns a node, one step here a few ns.
 * Tree by tree over all rows, so one tree's arrays stay in cache; the same products, added in the
 * same tree order, as the packed walks: identical sums bit for bit.
 *
 * @example
 * const out = new Float64Array(X.nRows * trees[0].nOutputs);
 * addUnpackedSums(trees, treeWeights, X, out);
 */
export function addUnpackedSums(trees: readonly TreeStructure[], treeWeights: Float64Array, X: Matrix, out: Float64Array): Float64Array {
  const K = trees[0].nOutputs;
  const { data, nCols, nRows } = X;
  for (let t = 0; t < trees.length; t++) {
    const { feature, threshold, left, right, missingGoesLeft, value } = trees[t];
    const weight = treeWeights[t];
    for (let i = 0; i < nRows; i++) {
      const r = i * nCols;
      let node = 0;
      let f = feature[0];
      while (f >= 0) {
        const v = data[r + f];
        const thr = threshold[node];
        node = v <= thr ? left[node] : v > thr ? right[node] : missingGoesLeft[node] === 1 ? left[node] : right[node];
        f = feature[node];
      }
      for (let k = 0; k < K; k++) out[i * K + k] += weight * value[node * K + k];
    }
  }
  return out;
}
