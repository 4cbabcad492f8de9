import { describe, expect, it } from "vitest";
import { treeShap } from "../../src/explain/tree-shap.ts";
import { Random } from "../../src/core/random.ts";
import type { TreeStructure } from "../../src/models/estimator.ts";
import { HandTreeModel, buildTree, randomTree } from "./tree-fixtures.ts";
import { DecisionTreeClassifier } from "../../src/models/decision-tree-classifier.ts";
import { RandomForestClassifier } from "../../src/models/random-forest-classifier.ts";
import { fixture } from "./sklearn-trees.ts";
import { messages } from "../../src/core/messages/index.ts";

// E[f(x) | x_S] for one tree: follow x where the split feature is in S, else average both
// children weighted by their covers (the path-dependent value function).
function conditional(tree: TreeStructure, x: number[], S: Set<number>, node = 0): number[] {
  const K = tree.nOutputs;
  if (tree.left[node] === -1) return Array.from(tree.value.subarray(node * K, node * K + K));
  const f = tree.feature[node];
  const l = tree.left[node];
  const r = tree.right[node];
  if (S.has(f)) {
    const v = x[f];
    const goLeft = Number.isNaN(v) ? tree.missingGoesLeft[node] === 1 : v <= tree.threshold[node];
    return conditional(tree, x, S, goLeft ? l : r);
  }
  const a = conditional(tree, x, S, l);
  const b = conditional(tree, x, S, r);
  const c = tree.cover[node];
  return a.map((v, k) => (tree.cover[l] * v + tree.cover[r] * b[k]) / c);
}

function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1);
}

// Shapley values by enumerating every subset of features.
function bruteForceShap(model: { trees: TreeStructure[]; treeWeights: Float64Array; nFeatures: number }, x: number[]): number[][] {
  const F = model.nFeatures;
  const K = model.trees[0].nOutputs;
  const v = (S: Set<number>) => {
    const out = new Array(K).fill(0);
    model.trees.forEach((t, ti) => conditional(t, x, S).forEach((c, k) => (out[k] += model.treeWeights[ti] * c)));
    return out;
  };
  const phi = Array.from({ length: F }, () => new Array(K).fill(0));
  for (let mask = 0; mask < 1 << F; mask++) {
    const S = new Set<number>();
    for (let j = 0; j < F; j++) if (mask & (1 << j)) S.add(j);
    const vS = v(S);
    for (let j = 0; j < F; j++) {
      if (S.has(j)) continue;
      const w = (factorial(S.size) * factorial(F - S.size - 1)) / factorial(F);
      const vSj = v(new Set([...S, j]));
      for (let k = 0; k < K; k++) phi[j][k] += w * (vSj[k] - vS[k]);
    }
  }
  return phi;
}

function expectAdditive(model: HandTreeModel, X: number[][], res: ReturnType<typeof treeShap>): void {
  const pred = model.raw(X);
  X.forEach((_, i) => {
    pred[i].forEach((p, k) => {
      const sum = res.expected[k] + res.values[i].reduce((s, f) => s + f[k], 0);
      expect(sum).toBeCloseTo(p, 10);
    });
  });
}

describe("treeShap", () => {
  it("matches a hand computation on a one-split stump", () => {
    // x0 <= 0.5 → 2 (cover 3), else 6 (cover 1): E[f] = (3·2 + 1·6)/4 = 3.
    const tree = buildTree({ feature: 0, threshold: 0.5, left: { value: [2], cover: 3 }, right: { value: [6], cover: 1 } });
    const model = new HandTreeModel([tree], ["a", "b"]);
    const res = treeShap(model, [[1, 0], [0, 9]]);
    expect(res.expected[0]).toBeCloseTo(3, 12);
    expect(res.values[0][0][0]).toBeCloseTo(3, 12); // 6 − 3
    expect(res.values[1][0][0]).toBeCloseTo(-1, 12); // 2 − 3
    expect(res.values[0][1][0]).toBe(0); // b is never used
  });

  it("agrees with brute-force Shapley enumeration on random trees (repeated features, missing values)", () => {
    const rng = new Random(7);
    for (let trial = 0; trial < 30; trial++) {
      const F = 2 + rng.int(4);
      const K = trial % 2 === 0 ? 1 : 3;
      const trees = Array.from({ length: 1 + rng.int(3) }, () => buildTree(randomTree(rng, 2 + rng.int(4), F, K)));
      const model = new HandTreeModel(trees, Array.from({ length: F }, (_, j) => `f${j}`), K > 1 ? ["a", "b", "c"] : undefined);
      const X = Array.from({ length: 4 }, () => Array.from({ length: F }, () => (rng.next() < 0.15 ? NaN : rng.next())));
      const res = treeShap(model, X);
      X.forEach((x, i) => {
        const brute = bruteForceShap(model, x);
        for (let j = 0; j < F; j++) for (let k = 0; k < K; k++) expect(Math.abs(res.values[i][j][k] - brute[j][k])).toBeLessThan(1e-9);
      });
      expectAdditive(model, X, res);
    }
  });

  it("sums trees with their weights and keeps expected as an array for regressors", () => {
    const a = buildTree({ feature: 0, threshold: 0, left: { value: [0], cover: 1 }, right: { value: [10], cover: 1 } });
    const b = buildTree({ feature: 1, threshold: 0, left: { value: [4], cover: 3 }, right: { value: [0], cover: 1 } });
    const model = new HandTreeModel([a, b], ["a", "b"], undefined, [0.5, 2]);
    const res = treeShap(model, [[1, 1]]);
    // tree a: E = 5, φ_a = +5 (×0.5); tree b: E = 3, φ_b = −3 (×2)
    expect(res.expected).toHaveLength(1);
    expect(res.expected[0]).toBeCloseTo(0.5 * 5 + 2 * 3, 12);
    expect(res.values[0][0][0]).toBeCloseTo(2.5, 12);
    expect(res.values[0][1][0]).toBeCloseTo(-6, 12);
    expectAdditive(model, [[1, 1]], res);
  });

  it("agrees with brute-force enumeration on fitted estimators (iris tree and forest)", () => {
    const X: number[][] = fixture.iris.X;
    const y: number[] = fixture.iris.y;
    const rows = [X[0], X[60], X[120], [NaN, 3, 5, NaN]];
    for (const model of [
      new DecisionTreeClassifier({ maxDepth: 5 }).fit(X, y),
      new RandomForestClassifier({ nEstimators: 8, maxDepth: 4, seed: 3 }).fit(X, y),
    ]) {
      const res = treeShap(model, rows);
      const proba = model.predictProba(rows);
      rows.forEach((x, i) => {
        const brute = bruteForceShap(model, x);
        for (let j = 0; j < 4; j++) for (let k = 0; k < 3; k++) expect(Math.abs(res.values[i][j][k] - brute[j][k])).toBeLessThan(1e-9);
        for (let k = 0; k < 3; k++) expect(res.expected[k] + res.values[i].reduce((a, f) => a + f[k], 0)).toBeCloseTo(proba[i][k], 10);
      });
    }
  });

  it("rejects models without trees and rows of the wrong width", () => {
    const tree = buildTree({ feature: 0, threshold: 0.5, left: { value: [2], cover: 3 }, right: { value: [6], cover: 1 } });
    const model = new HandTreeModel([tree], ["a", "b"]);
    expect(() => treeShap(model, [[1]])).toThrow(messages.explain.matrixWidth("treeShap", 1, 2));
    const notTree = { ...model, capabilities: { ...model.capabilities, trees: false } } as unknown as HandTreeModel;
    expect(() => treeShap(notTree, [[1, 2]])).toThrow(messages.explain.needsTrees("treeShap", notTree.kind));
  });
});
