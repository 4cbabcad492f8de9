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
 * One tree's TreeSHAP state. The path elements (feature, zero fraction, one fraction, path
 * weight) live interleaved in one preallocated Float64Array, one block per recursion level
 * (Lundberg's unique_path), so explaining a row allocates nothing.
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
  /** Element e of the block at p: path[4(p+e)] feature, +1 zero, +2 one, +3 weight. */
  private readonly path: Float64Array;
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
    this.path = new Float64Array(4 * (((d + 2) * (d + 3)) / 2 + 2));
  }

  explain(x: Float64Array, phi: Float64Array, phiOffset: number, scale: number): void {
    this.x = x;
    this.phi = phi;
    this.phiOffset = phiOffset;
    this.scale = scale;
    this.recurse(0, 0, 0, 1, 1, -1);
  }

  /**
   * `parent` is the start of the parent's block; this node's block starts at
   * parent + depth + 1 and holds `depth + 1` elements.
   */
  private recurse(node: number, depth: number, parent: number, parentZero: number, parentOne: number, parentFeature: number): void {
    const path = this.path;
    const p = parent + depth + 1;
    for (let a = 4 * parent, b = 4 * p, end = 4 * (parent + depth); a < end; a++, b++) path[b] = path[a];
    extend(path, p, depth, parentZero, parentOne, parentFeature);

    const left = this.left[node];
    if (left === -1) {
      const K = this.K;
      const vOff = node * K;
      const phi = this.phi;
      for (let i = 1; i <= depth; i++) {
        const e = 4 * (p + i);
        const w = unwoundSum(path, p, depth, i) * (path[e + 2] - path[e + 1]) * this.scale;
        const base = this.phiOffset + path[e] * K;
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
    // A feature already on the path is undone and its fractions carried into the new split.
    let pathIndex = 0;
    for (; pathIndex <= depth; pathIndex++) if (path[4 * (p + pathIndex)] === split) break;
    let d = depth;
    if (pathIndex !== depth + 1) {
      incomingZero = path[4 * (p + pathIndex) + 1];
      incomingOne = path[4 * (p + pathIndex) + 2];
      unwind(path, p, d, pathIndex);
      d -= 1;
    }
    this.recurse(hot, d + 1, p, hotZero * incomingZero, incomingOne, split);
    this.recurse(cold, d + 1, p, coldZero * incomingZero, 0, split);
  }
}

function extend(path: Float64Array, p: number, depth: number, zeroFraction: number, oneFraction: number, feature: number): void {
  const e = 4 * (p + depth);
  path[e] = feature;
  path[e + 1] = zeroFraction;
  path[e + 2] = oneFraction;
  path[e + 3] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    const w = 4 * (p + i) + 3;
    path[w + 4] += (oneFraction * path[w] * (i + 1)) / (depth + 1);
    path[w] = (zeroFraction * path[w] * (depth - i)) / (depth + 1);
  }
}

function unwind(path: Float64Array, p: number, depth: number, pathIndex: number): void {
  const oneFraction = path[4 * (p + pathIndex) + 2];
  const zeroFraction = path[4 * (p + pathIndex) + 1];
  let nextOne = path[4 * (p + depth) + 3];
  for (let i = depth - 1; i >= 0; i--) {
    const w = 4 * (p + i) + 3;
    if (oneFraction !== 0) {
      const tmp = path[w];
      path[w] = (nextOne * (depth + 1)) / ((i + 1) * oneFraction);
      nextOne = tmp - (path[w] * zeroFraction * (depth - i)) / (depth + 1);
    } else {
      path[w] = (path[w] * (depth + 1)) / (zeroFraction * (depth - i));
    }
  }
  // Shift the later elements' feature and fractions (not weights) down by one.
  for (let i = pathIndex; i < depth; i++) {
    const e = 4 * (p + i);
    path[e] = path[e + 4];
    path[e + 1] = path[e + 5];
    path[e + 2] = path[e + 6];
  }
}

function unwoundSum(path: Float64Array, p: number, depth: number, pathIndex: number): number {
  const oneFraction = path[4 * (p + pathIndex) + 2];
  const zeroFraction = path[4 * (p + pathIndex) + 1];
  let nextOne = path[4 * (p + depth) + 3];
  let total = 0;
  if (oneFraction !== 0) {
    for (let i = depth - 1; i >= 0; i--) {
      const tmp = (nextOne * (depth + 1)) / ((i + 1) * oneFraction);
      total += tmp;
      nextOne = path[4 * (p + i) + 3] - (tmp * zeroFraction * (depth - i)) / (depth + 1);
    }
  } else if (zeroFraction !== 0) {
    for (let i = depth - 1; i >= 0; i--) total += path[4 * (p + i) + 3] / zeroFraction / ((depth - i) / (depth + 1));
  }
  return total;
}
