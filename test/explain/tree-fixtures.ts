// Hand-built tree models for explanation tests: they implement Estimator + TreeModel so the
// explain code can be tested without the concrete estimators.
import { Matrix, type MatrixLike } from "../../src/data/matrix.ts";
import { emptyTree } from "../../src/models/tree/empty-tree.ts";
import type { Capabilities, Estimator, Label, TreeModel, TreeStructure } from "../../src/models/estimator.ts";
import { Random } from "../../src/core/random.ts";

/** A node as written in tests: a split or a leaf with its output values and cover. */
export type NodeSpec =
  | { feature: number; threshold: number; missingLeft?: boolean; left: NodeSpec; right: NodeSpec }
  | { value: number[]; cover: number };

export function buildTree(root: NodeSpec): TreeStructure {
  const nodes: { spec: NodeSpec; left: number; right: number }[] = [];
  const add = (spec: NodeSpec): number => {
    const id = nodes.length;
    nodes.push({ spec, left: -1, right: -1 });
    if ("feature" in spec) {
      nodes[id].left = add(spec.left);
      nodes[id].right = add(spec.right);
    }
    return id;
  };
  add(root);
  const n = nodes.length;
  const firstLeaf = nodes.find((x) => "value" in x.spec)!.spec as { value: number[] };
  const K = firstLeaf.value.length;
  const t = emptyTree(n, K);
  // Fill leaves first, then internal nodes from the bottom (ids are preorder, so reverse works).
  for (let id = n - 1; id >= 0; id--) {
    const { spec, left, right } = nodes[id];
    t.left[id] = left;
    t.right[id] = right;
    if ("value" in spec) {
      t.feature[id] = -1;
      t.threshold[id] = -2;
      t.cover[id] = spec.cover;
      for (let k = 0; k < K; k++) t.value[id * K + k] = spec.value[k];
    } else {
      t.feature[id] = spec.feature;
      t.threshold[id] = spec.threshold;
      t.missingGoesLeft[id] = spec.missingLeft === false ? 0 : 1;
      t.cover[id] = t.cover[left] + t.cover[right];
      for (let k = 0; k < K; k++) {
        t.value[id * K + k] = (t.cover[left] * t.value[left * K + k] + t.cover[right] * t.value[right * K + k]) / t.cover[id];
      }
    }
    t.nSamples[id] = Math.round(t.cover[id]);
  }
  // Impurity: gini for classifiers (K > 1), 0 for regressors unless set by a test.
  if (K > 1) {
    for (let id = 0; id < n; id++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += t.value[id * K + k] ** 2;
      t.impurity[id] = 1 - s;
    }
  }
  return t;
}

export function leafOf(tree: TreeStructure, x: ArrayLike<number>): number {
  let n = 0;
  while (tree.left[n] !== -1) {
    const v = x[tree.feature[n]];
    const left = v !== v ? tree.missingGoesLeft[n] === 1 : v <= tree.threshold[n];
    n = left ? tree.left[n] : tree.right[n];
  }
  return n;
}

/** A tree model (single tree or forest) over hand-built trees. */
export class HandTreeModel implements Estimator<Label>, TreeModel {
  readonly kind = "HandTree";
  readonly capabilities: Capabilities;
  readonly options = {};
  readonly featureNames: string[];
  readonly nFeatures: number;
  readonly classes?: Label[];
  readonly trees: TreeStructure[];
  readonly treeWeights: Float64Array;

  constructor(trees: TreeStructure[], featureNames: string[], classes?: Label[], weights?: number[]) {
    this.trees = trees;
    this.treeWeights = Float64Array.from(weights ?? trees.map(() => 1 / trees.length));
    this.featureNames = featureNames;
    this.nFeatures = featureNames.length;
    this.classes = classes;
    this.capabilities = {
      task: classes ? "classification" : "regression",
      probabilities: !!classes,
      trees: true,
      coefficients: false,
      neighbors: false,
      handlesMissing: true,
    };
  }
  fit(): this {
    return this;
  }
  raw(X: MatrixLike): number[][] {
    const M = Matrix.from(X);
    const K = this.trees[0].nOutputs;
    const out: number[][] = [];
    for (let i = 0; i < M.nRows; i++) {
      const r = new Array(K).fill(0);
      this.trees.forEach((t, ti) => {
        const leaf = leafOf(t, M.row(i));
        for (let k = 0; k < K; k++) r[k] += this.treeWeights[ti] * t.value[leaf * K + k];
      });
      out.push(r);
    }
    return out;
  }
  predictProba(X: MatrixLike): number[][] {
    return this.raw(X);
  }
  predict(X: MatrixLike): Label[] {
    const raw = this.raw(X);
    if (!this.classes) return raw.map((r) => r[0]);
    return raw.map((r) => this.classes![r.indexOf(Math.max(...r))]);
  }
  toJSON(): never {
    throw new Error("not needed in tests");
  }
}

/** A random tree of the given depth over nFeatures, with random covers (features may repeat). */
export function randomTree(rng: Random, depth: number, nFeatures: number, K: number): NodeSpec {
  if (depth === 0 || rng.next() < 0.15) {
    const v = Array.from({ length: K }, () => rng.next());
    const s = v.reduce((a, b) => a + b, 0);
    return { value: K > 1 ? v.map((x) => x / s) : [v[0] * 10 - 5], cover: 1 + rng.int(20) };
  }
  return {
    feature: rng.int(nFeatures),
    threshold: Math.round(rng.next() * 10) / 10,
    missingLeft: rng.next() < 0.5,
    left: randomTree(rng, depth - 1, nFeatures, K),
    right: randomTree(rng, depth - 1, nFeatures, K),
  };
}
