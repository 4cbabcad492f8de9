import type { Matrix } from "../../data/matrix.ts";
import type { TreeStructure } from "../estimator.ts";

/**
 * Σ_t treeWeights[t] · leafValue_t(x) for every row of X: `nRows × nOutputs`, row-major.
 * NaN follows each node's `missingGoesLeft`, so predictions are never NaN. Writes into `out`
 * when given (length ≥ nRows × nOutputs; a caller's reused buffer), else into a new array.
 *
 * @example
 * predictTrees(model.trees, model.treeWeights, Matrix.fromRows([[1, 2]]));
 */
export function predictTrees(trees: TreeStructure[], treeWeights: Float64Array, X: Matrix, out: Float64Array = new Float64Array(X.nRows * trees[0].nOutputs)): Float64Array {
  const nOut = trees[0].nOutputs;
  out.fill(0, 0, X.nRows * nOut);
  const data = X.data;
  const p = X.nCols;
  for (let t = 0; t < trees.length; t++) {
    const { feature, threshold, left, right, missingGoesLeft, value } = trees[t];
    const tw = treeWeights[t];
    for (let i = 0; i < X.nRows; i++) {
      const r = i * p;
      let node = 0;
      let f = feature[0];
      while (f >= 0) {
        const v = data[r + f];
        const thr = threshold[node];
        node = v <= thr ? left[node] : v > thr ? right[node] : missingGoesLeft[node] === 1 ? left[node] : right[node];
        f = feature[node];
      }
      const o = i * nOut;
      const vo = node * nOut;
      for (let k = 0; k < nOut; k++) out[o + k] += tw * value[vo + k];
    }
  }
  return out;
}
