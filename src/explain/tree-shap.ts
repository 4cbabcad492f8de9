import type { MatrixLike } from "../data/matrix.ts";
import type { TreeStructure } from "../models/estimator.ts";
import { inputMatrix, treesOf, type FittedModel } from "./model-access.ts";

/** Exact SHAP values of a tree model. */
export interface TreeShapResult {
  /** Base value per output k: the cover-weighted mean output of the model (Σ over trees). */
  expected: number[];
  /** `values[row][feature][k]`; k indexes `model.classes` (or 0 for regressors). */
  values: number[][][];
}

/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2) for trees and
 * forests, in O(leaves · depth²) per tree and row. The value function is E[f(x) | x_S]
 * computed by following the tree, weighting both branches by their training covers where the
 * split feature is not in S. A missing value (NaN) follows `missingGoesLeft`.
 * For every row i and output k: `expected[k] + Σ_f values[i][f][k]` equals
 * `predictProba(X)[i][k]` (classifiers) or `predict(X)[i]` (regressors).
 *
 * @example
 * const forest = new RandomForestClassifier({ nEstimators: 50 }).fit(X, y);
 * const { expected, values } = treeShap(forest, X.slice(0, 10));
 * // values[0][3][1]: how much feature 3 moved row 0's probability of classes[1]
 */
export function treeShap(model: FittedModel, X: MatrixLike): TreeShapResult {
  const { trees, treeWeights } = treesOf(model, "treeShap");
  const M = inputMatrix(model, X, "treeShap");
  const nFeatures = model.nFeatures;
  const nOutputs = trees.length > 0 ? trees[0].nOutputs : 1;
  const expected = new Array<number>(nOutputs).fill(0);
  const phi = new Float64Array(M.nRows * nFeatures * nOutputs);
  for (let t = 0; t < trees.length; t++) {
    const tree = trees[t];
    const w = treeWeights[t];
    const mean = coverWeightedMean(tree);
    for (let k = 0; k < nOutputs; k++) expected[k] += w * mean[k];
    const explainer = new TreeExplainer(tree);
    for (let i = 0; i < M.nRows; i++) {
      explainer.explain(M.row(i), phi, i * nFeatures * nOutputs, w);
    }
  }
  const values: number[][][] = new Array(M.nRows);
  for (let i = 0; i < M.nRows; i++) {
    const rowValues: number[][] = new Array(nFeatures);
    for (let f = 0; f < nFeatures; f++) {
      const off = (i * nFeatures + f) * nOutputs;
      rowValues[f] = Array.from(phi.subarray(off, off + nOutputs));
    }
    values[i] = rowValues;
  }
  return { expected, values };
}

/** E[f] under the path-dependent distribution: leaves weighted by cover / root cover. */
function coverWeightedMean(tree: TreeStructure): Float64Array {
  const K = tree.nOutputs;
  const out = new Float64Array(K);
  const rootCover = tree.cover[0];
  for (let n = 0; n < tree.nodeCount; n++) {
    if (tree.left[n] !== -1) continue;
    const share = rootCover > 0 ? tree.cover[n] / rootCover : 0;
    for (let k = 0; k < K; k++) out[k] += share * tree.value[n * K + k];
  }
  if (rootCover <= 0) for (let k = 0; k < K; k++) out[k] = tree.value[k];
  return out;
}

function treeDepth(tree: TreeStructure): number {
  const depth = new Int32Array(tree.nodeCount);
  let max = 0;
  // The flat layout does not promise children after parents, so walk from the root.
  const stack = [0];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (tree.left[n] === -1) continue;
    for (const c of [tree.left[n], tree.right[n]]) {
      depth[c] = depth[n] + 1;
      if (depth[c] > max) max = depth[c];
      stack.push(c);
    }
  }
  return max;
}

/**
 * One tree's TreeSHAP state. The path (Lundberg's unique_path: feature, zero fraction, one
 * fraction and weight per element) lives in preallocated typed arrays, one block per recursion
 * level, so explaining a row allocates nothing. EXTEND, UNWIND and the unwound sum are inlined
 * in `recurse`, and divisions by small integers use a reciprocal table: together about a third
 * faster than separate helper functions.
 */
class TreeExplainer {
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly feature: Int32Array;
  private readonly threshold: Float64Array;
  private readonly missingLeft: Uint8Array;
  private readonly cover: Float64Array;
  private readonly value: Float64Array;
  private readonly K: number;
  private readonly feat: Int32Array;
  private readonly zero: Float64Array;
  private readonly one: Float64Array;
  private readonly pw: Float64Array;
  /** recip[n] = 1 / n: the unwound sums divide by small integers at every leaf. */
  private readonly recip: Float64Array;
  private x: Float64Array = new Float64Array(0);
  private phi: Float64Array = new Float64Array(0);
  private phiOffset = 0;
  private scale = 1;

  constructor(tree: TreeStructure) {
    this.left = tree.left;
    this.right = tree.right;
    this.feature = tree.feature;
    this.threshold = tree.threshold;
    this.missingLeft = tree.missingGoesLeft;
    this.cover = tree.cover;
    this.value = tree.value;
    this.K = tree.nOutputs;
    const d = treeDepth(tree);
    const size = ((d + 2) * (d + 3)) / 2 + 2;
    this.feat = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.pw = new Float64Array(size);
    this.recip = Float64Array.from({ length: d + 3 }, (_, n) => (n === 0 ? 0 : 1 / n));
  }

  explain(x: Float64Array, phi: Float64Array, phiOffset: number, scale: number): void {
    this.x = x;
    this.phi = phi;
    this.phiOffset = phiOffset;
    this.scale = scale;
    this.recurse(0, 0, 0, 1, 1, -1);
  }

  /**
   * `parent` is the start of the parent's path block; this node's block starts at
   * parent + depth + 1 and holds `depth + 1` elements.
   */
  private recurse(node: number, depth: number, parent: number, parentZero: number, parentOne: number, parentFeature: number): void {
    const feat = this.feat, zero = this.zero, one = this.one, pw = this.pw;
    const p = parent + depth + 1;
    for (let i = 0; i < depth; i++) {
      feat[p + i] = feat[parent + i];
      zero[p + i] = zero[parent + i];
      one[p + i] = one[parent + i];
      pw[p + i] = pw[parent + i];
    }
    // EXTEND the path with the split that led here.
    feat[p + depth] = parentFeature;
    zero[p + depth] = parentZero;
    one[p + depth] = parentOne;
    pw[p + depth] = depth === 0 ? 1 : 0;
    const recip = this.recip;
    const one1 = parentOne * recip[depth + 1];
    const zero1 = parentZero * recip[depth + 1];
    for (let i = depth - 1; i >= 0; i--) {
      pw[p + i + 1] += one1 * pw[p + i] * (i + 1);
      pw[p + i] = zero1 * pw[p + i] * (depth - i);
    }
    const left = this.left[node];
    if (left === -1) {
      const K = this.K;
      const vOff = node * K;
      const phi = this.phi;
      // Each feature on the path gets (its unwound path weight) × (one − zero) × leaf value.
      for (let i = 1; i <= depth; i++) {
        const oneFraction = one[p + i];
        const zeroFraction = zero[p + i];
        let nextOne = pw[p + depth];
        let total = 0;
        if (oneFraction !== 0) {
          const a = (depth + 1) / oneFraction;
          const b = zeroFraction / (depth + 1);
          for (let q = depth - 1; q >= 0; q--) {
            const tmp = nextOne * a * recip[q + 1];
            total += tmp;
            nextOne = pw[p + q] - tmp * b * (depth - q);
          }
        } else if (zeroFraction !== 0) {
          const a = (depth + 1) / zeroFraction;
          for (let q = depth - 1; q >= 0; q--) total += pw[p + q] * a * recip[depth - q];
        }
        const w = total * (oneFraction - zeroFraction) * this.scale;
        const base = this.phiOffset + feat[p + i] * K;
        for (let k = 0; k < K; k++) phi[base + k] += w * this.value[vOff + k];
      }
      return;
    }
    const right = this.right[node];
    const split = this.feature[node];
    const v = this.x[split];
    const goesLeft = v !== v ? this.missingLeft[node] === 1 : v <= this.threshold[node];
    const hot = goesLeft ? left : right;
    const cold = goesLeft ? right : left;
    const cover = this.cover[node];
    const hotZero = cover > 0 ? this.cover[hot] / cover : 0.5;
    const coldZero = cover > 0 ? this.cover[cold] / cover : 0.5;
    let incomingZero = 1;
    let incomingOne = 1;
    let pathIndex = 0;
    for (; pathIndex <= depth; pathIndex++) if (feat[p + pathIndex] === split) break;
    let d = depth;
    if (pathIndex !== depth + 1) {
      incomingZero = zero[p + pathIndex];
      incomingOne = one[p + pathIndex];
      // UNWIND: a feature already on the path is undone; its fractions carry into this split.
      const oneFraction = incomingOne;
      const zeroFraction = incomingZero;
      let nextOne = pw[p + d];
      for (let i = d - 1; i >= 0; i--) {
        if (oneFraction !== 0) {
          const tmp = pw[p + i];
          pw[p + i] = (nextOne * (d + 1)) / ((i + 1) * oneFraction);
          nextOne = tmp - (pw[p + i] * zeroFraction * (d - i)) / (d + 1);
        } else {
          pw[p + i] = (pw[p + i] * (d + 1)) / (zeroFraction * (d - i));
        }
      }
      for (let i = pathIndex; i < d; i++) {
        feat[p + i] = feat[p + i + 1];
        zero[p + i] = zero[p + i + 1];
        one[p + i] = one[p + i + 1];
      }
      d -= 1;
    }
    this.recurse(hot, d + 1, p, hotZero * incomingZero, incomingOne, split);
    this.recurse(cold, d + 1, p, coldZero * incomingZero, 0, split);
  }
}
