import { describe, expect, it } from "vitest";
import { notFitted, UnderstudyError } from "../../src/core/errors.ts";
import { Matrix } from "../../src/data/matrix.ts";
import { DecisionTreeClassifier } from "../../src/models/decision-tree-classifier.ts";
import type { TreeStructure } from "../../src/models/estimator.ts";
import { loadModel } from "../../src/models/load-model.ts";
import { duplicateRows } from "./duplicate-rows.ts";
import { fractionEqual } from "./reference-scores.ts";
import { sklearnFixture } from "./sklearn-fixture.ts";

// Made by test/fixtures/sklearn/trees/make_fixtures.py (scikit-learn 1.2.1).
const synthetic = sklearnFixture("trees/classification.json");
const iris = sklearnFixture("trees/iris.json");

interface SkStructure {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[][];
  cover: number[];
  nSamples: number[];
  impurity: number[];
}

/** Both trees' nodes in preorder (left first), so node numbering does not matter. */
function expectSameTree(ours: TreeStructure, sk: SkStructure): void {
  const K = ours.nOutputs;
  const visit = (a: number, b: number): void => {
    expect(ours.feature[a]).toBe(sk.feature[b]);
    expect(ours.nSamples[a]).toBe(sk.nSamples[b]);
    expect(ours.cover[a]).toBeCloseTo(sk.cover[b], 9);
    expect(ours.impurity[a]).toBeCloseTo(sk.impurity[b], 9);
    for (let k = 0; k < K; k++) expect(ours.value[a * K + k]).toBeCloseTo(sk.value[b][k], 9);
    if (sk.feature[b] >= 0) {
      // scikit-learn cuts between float32 copies of X; we cut between the float64 values.
      expect(ours.threshold[a]).toBeCloseTo(sk.threshold[b], 6);
      visit(ours.left[a], sk.left[b]);
      visit(ours.right[a], sk.right[b]);
    }
  };
  visit(0, 0);
  expect(ours.nodeCount).toBe(sk.feature.length);
}

/** Walks a tree and reports each node's depth and leaf-ness. */
function nodes(t: TreeStructure): { node: number; depth: number; leaf: boolean }[] {
  const out: { node: number; depth: number; leaf: boolean }[] = [];
  const stack = [[0, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    const leaf = t.feature[node] < 0;
    out.push({ node, depth, leaf });
    if (!leaf) stack.push([t.left[node], depth + 1], [t.right[node], depth + 1]);
  }
  return out;
}

describe("DecisionTreeClassifier against scikit-learn", () => {
  for (const criterion of ["gini", "entropy"] as const) {
    it(`grows the same depth-3 tree as scikit-learn (${criterion}): splits, covers, impurities, values`, () => {
      const m = new DecisionTreeClassifier({ criterion, maxDepth: 3 }).fit(synthetic.X_train, synthetic.y_train);
      expectSameTree(m.trees[0], synthetic[`depth3_${criterion}`].structure);
      const proba = m.predictProba(synthetic.X_test);
      proba.forEach((row, i) =>
        row.forEach((p, k) => expect(p).toBeCloseTo(synthetic[`depth3_${criterion}`].predictProba[i][k], 12)),
      );
    });
  }

  it("grows best-first like scikit-learn when maxLeafNodes is set", () => {
    const m = new DecisionTreeClassifier({ maxLeafNodes: 8 }).fit(synthetic.X_train, synthetic.y_train);
    expectSameTree(m.trees[0], synthetic.leaves8_gini.structure);
  });

  it("matches scikit-learn's predictions with minSamplesLeaf 5 (ties aside) and its accuracy", () => {
    const sk = synthetic.leaf5_gini;
    const m = new DecisionTreeClassifier({ minSamplesLeaf: 5 }).fit(synthetic.X_train, synthetic.y_train);
    const predicted = m.predict(synthetic.X_test);
    expect(m.trees[0].nodeCount).toBe(sk.nodeCount);
    expect(fractionEqual(predicted, sk.predict)).toBeGreaterThanOrEqual(0.98);
    expect(Math.abs(fractionEqual(predicted, synthetic.y_test) - sk.accuracy)).toBeLessThanOrEqual(0.015);
  });

  it("fully grown trees have scikit-learn's size and accuracy (equal splits are broken differently)", () => {
    for (const criterion of ["gini", "entropy"] as const) {
      const sk = synthetic[`tree_${criterion}`];
      const m = new DecisionTreeClassifier({ criterion }).fit(synthetic.X_train, synthetic.y_train);
      const predicted = m.predict(synthetic.X_test);
      expect(Math.abs(m.trees[0].nodeCount - sk.nodeCount)).toBeLessThanOrEqual(4);
      expect(fractionEqual(predicted, sk.predict)).toBeGreaterThanOrEqual(0.85);
      expect(Math.abs(fractionEqual(predicted, synthetic.y_test) - sk.accuracy)).toBeLessThanOrEqual(0.03);
    }
  });

  it("reproduces scikit-learn's predictions on iris exactly", () => {
    for (const criterion of ["gini", "entropy"] as const) {
      const m = new DecisionTreeClassifier({ criterion }).fit(iris.X_train, iris.y_train);
      expect(m.predict(iris.X_test)).toEqual(iris[`tree_${criterion}`].predict);
      expect(m.trees[0].nodeCount).toBe(iris[`tree_${criterion}`].nodeCount);
    }
  });
});

describe("DecisionTreeClassifier by hand", () => {
  // x = 1..7, y = a a b a b b b. Worked by hand: cut 2.5 leaves 5/7 · 8/25 = 0.229 gini,
  // cut 4.5 leaves 4/7 · 3/8 = 0.214, so the root cuts at 4.5 (midpoint of 4 and 5).
  const X = [[1], [2], [3], [4], [5], [6], [7]];
  const y = ["a", "a", "b", "a", "b", "b", "b"];

  it("cuts at the midpoint of the best gini split and records impurities and class fractions", () => {
    const t = new DecisionTreeClassifier({ maxDepth: 1 }).fit(X, y).trees[0];
    expect(t.threshold[0]).toBe(4.5);
    expect(t.impurity[0]).toBeCloseTo(24 / 49, 12);
    expect(t.impurity[t.left[0]]).toBeCloseTo(0.375, 12);
    expect(t.impurity[t.right[0]]).toBe(0);
    expect(Array.from(t.value.subarray(0, 2))).toEqual([3 / 7, 4 / 7]);
    expect(Array.from(t.value.subarray(t.left[0] * 2, t.left[0] * 2 + 2))).toEqual([0.75, 0.25]);
    expect([t.cover[0], t.cover[t.left[0]], t.cover[t.right[0]]]).toEqual([7, 4, 3]);
    expect([t.nSamples[0], t.nSamples[t.left[0]], t.nSamples[t.right[0]]]).toEqual([7, 4, 3]);
  });

  it("measures entropy in bits", () => {
    const t = new DecisionTreeClassifier({ maxDepth: 1, criterion: "entropy" }).fit(X, y).trees[0];
    const h = (p: number) => -(p * Math.log2(p) + (1 - p) * Math.log2(1 - p));
    expect(t.threshold[0]).toBe(4.5);
    expect(t.impurity[0]).toBeCloseTo(h(3 / 7), 12);
    expect(t.impurity[t.left[0]]).toBeCloseTo(h(0.25), 12);
  });

  it("grows until leaves are pure, and predicts the training labels back", () => {
    const m = new DecisionTreeClassifier().fit(X, y);
    expect(m.predict(X)).toEqual(y);
    expect(m.predictProba([[3]])).toEqual([[0, 1]]);
  });

  it("respects maxDepth, minSamplesLeaf, minSamplesSplit and maxLeafNodes", () => {
    const fit = (o: object) => new DecisionTreeClassifier(o).fit(synthetic.X_train, synthetic.y_train).trees[0];
    expect(Math.max(...nodes(fit({ maxDepth: 4 })).map((n) => n.depth))).toBe(4);
    const leaf = fit({ minSamplesLeaf: 12 });
    for (const n of nodes(leaf)) if (n.leaf) expect(leaf.nSamples[n.node]).toBeGreaterThanOrEqual(12);
    const split = fit({ minSamplesSplit: 40 });
    for (const n of nodes(split)) if (!n.leaf) expect(split.nSamples[n.node]).toBeGreaterThanOrEqual(40);
    expect(nodes(fit({ maxLeafNodes: 5 })).filter((n) => n.leaf).length).toBe(5);
  });

  it("a split's impurity decrease below minImpurityDecrease is not made", () => {
    // Weighted decrease of the root split: 24/49 − 4/7 · 3/8 = 0.2755.
    expect(new DecisionTreeClassifier({ minImpurityDecrease: 0.28 }).fit(X, y).trees[0].nodeCount).toBe(1);
    expect(new DecisionTreeClassifier({ minImpurityDecrease: 0.27 }).fit(X, y).trees[0].nodeCount).toBeGreaterThan(1);
  });

  it("sample weights act like duplicated rows", () => {
    const Xs = synthetic.X_train.slice(0, 120);
    const ys = synthetic.y_train.slice(0, 120);
    const w = ys.map((_: number, i: number) => (i % 3) + (i % 5 === 0 ? 0 : 1));
    const { X: Xd, y: yd } = duplicateRows<number>(Xs, ys, w);
    const weighted = new DecisionTreeClassifier().fit(Xs, ys, { sampleWeight: w });
    const duplicated = new DecisionTreeClassifier().fit(Xd, yd);
    expect(weighted.predictProba(synthetic.X_test)).toEqual(duplicated.predictProba(synthetic.X_test));
    expect(Array.from(weighted.trees[0].cover)).toEqual(Array.from(duplicated.trees[0].cover));
  });

  it("class weights act like sample weights per class; 'balanced' uses n / (classes · count)", () => {
    const Xs = synthetic.X_train.slice(0, 150);
    const ys: number[] = synthetic.y_train.slice(0, 150);
    const byLabel = new DecisionTreeClassifier({ classWeight: { 0: 3, 2: 0.5 } }).fit(Xs, ys);
    const bySample = new DecisionTreeClassifier().fit(Xs, ys, { sampleWeight: ys.map((c) => [3, 1, 0.5][c]) });
    expect(byLabel.predictProba(synthetic.X_test)).toEqual(bySample.predictProba(synthetic.X_test));

    const counts = [0, 1, 2].map((c) => ys.filter((v) => v === c).length);
    const balanced = new DecisionTreeClassifier({ classWeight: "balanced", maxDepth: 3 }).fit(Xs, ys);
    const manual = new DecisionTreeClassifier({ maxDepth: 3 }).fit(Xs, ys, {
      sampleWeight: ys.map((c) => 150 / (3 * counts[c])),
    });
    expect(balanced.predictProba(synthetic.X_test)).toEqual(manual.predictProba(synthetic.X_test));
    // Balanced weights make the root's class distribution uniform.
    for (let k = 0; k < 3; k++) expect(balanced.trees[0].value[k]).toBeCloseTo(1 / 3, 12);
  });

  it("routes missing values to the side that fits them best, and records it", () => {
    const Xm = [[1], [2], [3], [10], [11], [12], [NaN], [NaN]];
    const toB = new DecisionTreeClassifier().fit(Xm, ["a", "a", "a", "b", "b", "b", "b", "b"]);
    expect(toB.trees[0].threshold[0]).toBe(6.5);
    expect(toB.trees[0].missingGoesLeft[0]).toBe(0);
    expect(toB.predict([[NaN], [2], [11]])).toEqual(["b", "a", "b"]);
    const toA = new DecisionTreeClassifier().fit(Xm, ["a", "a", "a", "b", "b", "b", "a", "a"]);
    expect(toA.trees[0].missingGoesLeft[0]).toBe(1);
    expect(toA.predict([[NaN]])).toEqual(["a"]);
  });

  it("can split missing against present values", () => {
    const m = new DecisionTreeClassifier().fit([[1], [2], [NaN], [NaN]], ["a", "a", "b", "b"]);
    expect(m.trees[0].nodeCount).toBe(3);
    expect(m.predict([[NaN], [1.5], [1e6]])).toEqual(["b", "a", "a"]);
  });

  it("sends NaN to the heavier child where training had no missing values; never predicts NaN", () => {
    const m = new DecisionTreeClassifier().fit([[1, 0], [2, 0], [3, 0], [10, 0], [11, 0]], ["a", "a", "a", "b", "b"]);
    expect(m.trees[0].missingGoesLeft[0]).toBe(1);
    expect(m.predict([[NaN, NaN]])).toEqual(["a"]);
    for (const row of m.predictProba([[NaN, 5], [NaN, NaN]])) for (const p of row) expect(Number.isNaN(p)).toBe(false);
  });

  it("predicts labels of the kind it was given: strings, numbers, booleans", () => {
    const Xs = [[0], [1], [2], [3]];
    expect(new DecisionTreeClassifier().fit(Xs, [5, 5, 7, 7]).predict([[0], [3]])).toEqual([5, 7]);
    expect(new DecisionTreeClassifier().fit(Xs, [true, true, false, false]).predict([[0], [3]])).toEqual([true, false]);
    const m = new DecisionTreeClassifier().fit(Xs, ["z", "z", "m", "m"]);
    expect(m.classes).toEqual(["m", "z"]);
    expect(m.predictProba([[0]])).toEqual([[0, 1]]);
  });

  it("restores from JSON with identical predictions (through a string too)", () => {
    const m = new DecisionTreeClassifier({ maxDepth: 5, criterion: "entropy" }).fit(iris.X_train, iris.y_train, {
      featureNames: ["sepal length", "sepal width", "petal length", "petal width"],
    });
    const json = JSON.parse(JSON.stringify(m.toJSON()));
    const copy = DecisionTreeClassifier.fromJSON(json);
    const loaded = loadModel(json);
    expect(copy.predictProba(iris.X_test)).toEqual(m.predictProba(iris.X_test));
    expect(loaded.predict(iris.X_test)).toEqual(m.predict(iris.X_test));
    expect(copy.options).toEqual(m.options);
    expect(copy.featureNames).toEqual(m.featureNames);
    expect(copy.trees[0]).toEqual(m.trees[0]);
  });

  it("a refit forgets the earlier fit", () => {
    const m = new DecisionTreeClassifier().fit(iris.X_train, iris.y_train);
    m.fit([[0, 1], [1, 0]], ["no", "yes"]);
    expect(m.classes).toEqual(["no", "yes"]);
    expect(m.nFeatures).toBe(2);
    expect(m.trees.length).toBe(1);
    expect(m.predict([[0, 1]])).toEqual(["no"]);
  });

  it("does not modify X (a Matrix with NaN), y or the sample weights", () => {
    const X = Matrix.fromRows([[1, NaN], [2, 3], [NaN, 1], [4, 4]]);
    const before = Array.from(X.data);
    const y = ["a", "b", "a", "b"];
    const w = [1, 2, 3, 4];
    new DecisionTreeClassifier({ classWeight: "balanced" }).fit(X, y, { sampleWeight: w });
    expect(Array.from(X.data)).toEqual(before);
    expect(y).toEqual(["a", "b", "a", "b"]);
    expect(w).toEqual([1, 2, 3, 4]);
  });

  it("rejects bad options in fit, naming the option", () => {
    const cases: [object, string][] = [
      [{ maxDepth: 0 }, "maxDepth"],
      [{ minSamplesLeaf: 0.5 }, "minSamplesLeaf"],
      [{ minSamplesSplit: 1 }, "minSamplesSplit"],
      [{ maxLeafNodes: 1 }, "maxLeafNodes"],
      [{ criterion: "squared_error" }, "criterion"],
      [{ maxFeatures: { fraction: 2 } }, "maxFeatures"],
      [{ classWeight: { c: 2 } }, "classWeight"],
      [{ seed: 0.5 }, "seed"],
    ];
    for (const [options, name] of cases) {
      const m = new DecisionTreeClassifier(options as never); // constructing never throws
      let error: unknown;
      try {
        m.fit(X, y);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UnderstudyError);
      expect((error as Error).message).toContain(name);
    }
  });

  it("predicting before fit says to fit first", () => {
    expect(() => new DecisionTreeClassifier().predict([[1]])).toThrow(notFitted("DecisionTreeClassifier").message);
  });
});
