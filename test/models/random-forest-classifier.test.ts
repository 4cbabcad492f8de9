import { describe, expect, it } from "vitest";
import { UnderstudyError } from "../../src/core/errors.ts";
import { setLogger } from "../../src/core/logger.ts";
import { DecisionTreeClassifier } from "../../src/models/decision-tree-classifier.ts";
import type { TreeStructure } from "../../src/models/estimator.ts";
import { loadModel } from "../../src/models/load-model.ts";
import { RandomForestClassifier } from "../../src/models/random-forest-classifier.ts";
import { fractionEqual } from "./reference-scores.ts";
import { sklearnFixture } from "./sklearn-fixture.ts";

// Made by test/fixtures/sklearn/trees/make_fixtures.py (scikit-learn 1.2.1).
const synthetic = sklearnFixture("trees/classification.json");
const iris = sklearnFixture("trees/iris.json");

/** Leaf class distribution of one row, by walking the tree (reference for the forest's average). */
function leafValue(t: TreeStructure, x: number[]): number[] {
  let node = 0;
  while (t.feature[node] >= 0) {
    const v = x[t.feature[node]];
    const left = Number.isNaN(v) ? t.missingGoesLeft[node] === 1 : v <= t.threshold[node];
    node = left ? t.left[node] : t.right[node];
  }
  return Array.from(t.value.subarray(node * t.nOutputs, (node + 1) * t.nOutputs));
}

describe("RandomForestClassifier", () => {
  it("scores within 2 points of scikit-learn's forest (100 trees, same data)", () => {
    for (const d of [synthetic, iris]) {
      const m = new RandomForestClassifier({ seed: 0 }).fit(d.X_train, d.y_train);
      expect(Math.abs(fractionEqual(m.predict(d.X_test), d.y_test) - d.forest.accuracy)).toBeLessThanOrEqual(0.02);
    }
  });

  it("averages the trees' leaf class distributions (not votes), with weights 1/nTrees", () => {
    const m = new RandomForestClassifier({ nEstimators: 15, maxDepth: 4, seed: 2 }).fit(synthetic.X_train, synthetic.y_train);
    expect(Array.from(m.treeWeights)).toEqual(new Array(15).fill(1 / 15));
    const rows = synthetic.X_test.slice(0, 40) as number[][];
    const proba = m.predictProba(rows);
    rows.forEach((x, i) => {
      const mean = [0, 0, 0];
      for (const t of m.trees) leafValue(t, x).forEach((v, k) => (mean[k] += v / 15));
      mean.forEach((v, k) => expect(proba[i][k]).toBeCloseTo(v, 12));
      expect(proba[i].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    });
  });

  it("bootstraps with integer weights: root cover is the sample size, root rows the distinct ones", () => {
    const n = synthetic.X_train.length;
    const m = new RandomForestClassifier({ nEstimators: 5, seed: 1 }).fit(synthetic.X_train, synthetic.y_train);
    for (const t of m.trees) {
      expect(t.cover[0]).toBe(n);
      // About 1 − 1/e of the rows appear in a bootstrap sample.
      expect(t.nSamples[0] / n).toBeGreaterThan(0.55);
      expect(t.nSamples[0] / n).toBeLessThan(0.7);
    }
    const half = new RandomForestClassifier({ nEstimators: 3, maxSamples: { fraction: 0.5 } }).fit(
      synthetic.X_train,
      synthetic.y_train,
    );
    for (const t of half.trees) expect(t.cover[0]).toBe(Math.round(n * 0.5));
  });

  it("is reproducible for a seed and different for another seed", () => {
    const fit = (seed: number) =>
      new RandomForestClassifier({ nEstimators: 10, seed }).fit(synthetic.X_train, synthetic.y_train);
    expect(JSON.stringify(fit(4).toJSON())).toBe(JSON.stringify(fit(4).toJSON()));
    const a = fit(4);
    const b = fit(5);
    expect(a.trees[0].threshold).not.toEqual(b.trees[0].threshold);
    expect(a.trees[0].threshold).not.toEqual(a.trees[1].threshold);
  });

  it("without bootstrap and with every feature, each tree is the single decision tree", () => {
    const forest = new RandomForestClassifier({ nEstimators: 3, bootstrap: false, maxFeatures: "all", maxDepth: 3 });
    forest.fit(synthetic.X_train, synthetic.y_train);
    const tree = new DecisionTreeClassifier({ maxDepth: 3 }).fit(synthetic.X_train, synthetic.y_train);
    const expected = tree.predictProba(synthetic.X_test);
    forest.predictProba(synthetic.X_test).forEach((row, i) => row.forEach((p, k) => expect(p).toBeCloseTo(expected[i][k], 12)));
  });

  it("examines maxFeatures features per split: one feature per split gives different, weaker trees", () => {
    const one = new RandomForestClassifier({ nEstimators: 20, maxFeatures: { fraction: 0.125 } })
      .fit(synthetic.X_train, synthetic.y_train);
    const all = new RandomForestClassifier({ nEstimators: 20, maxFeatures: "all" }).fit(synthetic.X_train, synthetic.y_train);
    const depth = (m: RandomForestClassifier) => m.trees.reduce((a, t) => a + t.nodeCount, 0);
    expect(depth(one)).toBeGreaterThan(depth(all)); // random single-feature cuts need more nodes
  });

  it("handles missing values and class weights, and never predicts NaN", () => {
    const X = (synthetic.X_train as number[][]).map((r, i) => r.map((v, j) => ((i + j) % 7 === 0 ? NaN : v)));
    const m = new RandomForestClassifier({ nEstimators: 10, classWeight: "balanced" }).fit(X, synthetic.y_train);
    const Xt = (synthetic.X_test as number[][]).map((r, i) => r.map((v, j) => ((i + j) % 5 === 0 ? NaN : v)));
    for (const row of m.predictProba(Xt)) for (const p of row) expect(Number.isFinite(p)).toBe(true);
    expect(fractionEqual(m.predict(Xt), synthetic.y_test)).toBeGreaterThan(0.6);
  });

  it("restores from JSON with identical probabilities", () => {
    const m = new RandomForestClassifier({ nEstimators: 8, maxFeatures: "log2" }).fit(iris.X_train, iris.y_train.map(String));
    const json = JSON.parse(JSON.stringify(m.toJSON()));
    expect(RandomForestClassifier.fromJSON(json).predictProba(iris.X_test)).toEqual(m.predictProba(iris.X_test));
    expect(loadModel(json).predict(iris.X_test)).toEqual(m.predict(iris.X_test));
    expect(m.classes).toEqual(["0", "1", "2"]);
  });

  it("scores out-of-bag rows like scikit-learn's oob_score_ (within 3 points), and keeps it through JSON", () => {
    const m = new RandomForestClassifier({ oobScore: true }).fit(synthetic.X_train, synthetic.y_train);
    expect(Math.abs(m.oobScore! - synthetic.forest.oobScore)).toBeLessThan(0.03);
    expect(RandomForestClassifier.fromJSON(JSON.parse(JSON.stringify(m.toJSON()))).oobScore).toBe(m.oobScore);
    expect(new RandomForestClassifier({ nEstimators: 3 }).fit(iris.X_train, iris.y_train).oobScore).toBeUndefined();
  });

  it("warns when some rows were never out of bag", () => {
    const warnings: string[] = [];
    const previous = setLogger({ warn: (m) => warnings.push(m) });
    try {
      new RandomForestClassifier({ nEstimators: 2, oobScore: true }).fit(iris.X_train, iris.y_train);
    } finally {
      setLogger(previous);
    }
    expect(warnings.some((w) => w.includes("every bootstrap sample"))).toBe(true);
    expect(() => new RandomForestClassifier({ oobScore: true, bootstrap: false }).fit([[1], [2]], ["a", "b"])).toThrow(
      /oobScore needs bootstrap/,
    );
  });

  it("rejects bad forest options in fit, naming them", () => {
    for (const [options, name] of [
      [{ nEstimators: 0 }, "nEstimators"],
      [{ maxFeatures: "half" }, "maxFeatures"],
      [{ maxSamples: { fraction: 0 } }, "maxSamples"],
      [{ bootstrap: "yes" }, "bootstrap"],
    ] as const) {
      expect(() => new RandomForestClassifier(options as never).fit([[1], [2]], ["a", "b"])).toThrow(UnderstudyError);
      expect(() => new RandomForestClassifier(options as never).fit([[1], [2]], ["a", "b"])).toThrow(name);
    }
  });
});
