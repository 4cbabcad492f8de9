import { describe, expect, it } from "vitest";
import { UnderstudyError } from "../../src/core/errors.ts";
import { DecisionTreeRegressor } from "../../src/models/decision-tree-regressor.ts";
import type { TreeStructure } from "../../src/models/estimator.ts";
import { loadModel } from "../../src/models/load-model.ts";
import { duplicateRows } from "./duplicate-rows.ts";
import { r2 } from "./reference-scores.ts";
import { sklearnFixture } from "./sklearn-fixture.ts";
import { messages } from "../../src/core/messages/index.ts";

// Made by test/fixtures/sklearn/trees/make_fixtures.py (scikit-learn 1.2.1, make_friedman1).
const data = sklearnFixture("trees/regression.json");

describe("DecisionTreeRegressor against scikit-learn", () => {
  it("grows the same depth-3 tree: splits, covers, variances, means (preorder)", () => {
    const t: TreeStructure = new DecisionTreeRegressor({ maxDepth: 3 }).fit(data.X_train, data.y_train).trees[0];
    const sk = data.depth3.structure;
    const visit = (a: number, b: number): void => {
      expect(t.feature[a]).toBe(sk.feature[b]);
      expect(t.nSamples[a]).toBe(sk.nSamples[b]);
      expect(t.cover[a]).toBe(sk.cover[b]);
      expect(t.value[a]).toBeCloseTo(sk.value[b][0], 9);
      expect(t.impurity[a]).toBeCloseTo(sk.impurity[b], 9);
      if (sk.feature[b] >= 0) {
        expect(t.threshold[a]).toBeCloseTo(sk.threshold[b], 6); // scikit-learn cuts float32 copies
        visit(t.left[a], sk.left[b]);
        visit(t.right[a], sk.right[b]);
      }
    };
    visit(0, 0);
    expect(t.nodeCount).toBe(sk.feature.length);
  });

  it("reproduces scikit-learn's predictions with minSamplesLeaf 5", () => {
    const m = new DecisionTreeRegressor({ minSamplesLeaf: 5 }).fit(data.X_train, data.y_train);
    m.predict(data.X_test).forEach((p, i) => expect(p).toBeCloseTo(data.leaf5.predict[i], 9));
  });

  it("a fully grown tree scores scikit-learn's R² within 2 points (equal splits of 2-row nodes differ)", () => {
    const p = new DecisionTreeRegressor().fit(data.X_train, data.y_train).predict(data.X_test);
    expect(Math.abs(r2(data.y_test, p) - data.tree.r2)).toBeLessThan(0.02);
  });
});

describe("DecisionTreeRegressor by hand", () => {
  it("splits at the midpoint and predicts leaf means; impurity is the variance", () => {
    const m = new DecisionTreeRegressor({ maxDepth: 1 }).fit([[1], [2], [8], [9]], [1, 3, 10, 12]);
    const t = m.trees[0];
    expect(t.threshold[0]).toBe(5);
    expect(m.predict([[0], [10], [5], [5.01]])).toEqual([2, 11, 2, 11]);
    expect(t.value[0]).toBe(6.5);
    // Variance of 1, 3, 10, 12 = mean of squares 254 / 4 − 6.5² = 21.25.
    expect(t.impurity[0]).toBeCloseTo(21.25, 12);
    expect(t.impurity[t.left[0]]).toBeCloseTo(1, 12);
  });

  it("a constant target makes one leaf", () => {
    const t = new DecisionTreeRegressor().fit([[1], [2], [3]], [4, 4, 4]).trees[0];
    expect(t.nodeCount).toBe(1);
    expect(t.value[0]).toBe(4);
  });

  it("sample weights act like duplicated rows and weight the leaf means", () => {
    const m = new DecisionTreeRegressor({ maxDepth: 1 }).fit([[1], [2], [8], [9]], [1, 3, 10, 12], {
      sampleWeight: [3, 1, 1, 0],
    });
    expect(m.predict([[0], [10]])).toEqual([1.5, 10]);
    expect(m.trees[0].nSamples[0]).toBe(3); // the zero-weight row is not used, as in scikit-learn
    const Xs = data.X_train.slice(0, 100);
    const ys = data.y_train.slice(0, 100);
    const w = ys.map((_: number, i: number) => 1 + (i % 3));
    const { X: Xd, y: yd } = duplicateRows<number>(Xs, ys, w);
    // Depth 4: deeper, 2-row nodes tie on every feature and rounding noise picks among them.
    const a = new DecisionTreeRegressor({ maxDepth: 4 }).fit(Xs, ys, { sampleWeight: w }).predict(data.X_test);
    const b = new DecisionTreeRegressor({ maxDepth: 4 }).fit(Xd, yd).predict(data.X_test);
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 9));
  });

  it("routes missing values to the better side and never predicts NaN", () => {
    const m = new DecisionTreeRegressor({ maxDepth: 1 }).fit(
      [[1], [2], [3], [10], [11], [NaN]],
      [0, 0, 0, 5, 5, 5],
    );
    expect(m.trees[0].missingGoesLeft[0]).toBe(0);
    expect(m.predict([[NaN], [2]])).toEqual([5, 0]);
    const noMissing = new DecisionTreeRegressor().fit([[1], [2], [3], [10]], [0, 0, 0, 5]);
    expect(noMissing.predict([[NaN]])).toEqual([0]); // the heavier child
  });

  it("respects minSamplesLeaf", () => {
    const t = new DecisionTreeRegressor({ minSamplesLeaf: 20 }).fit(data.X_train, data.y_train).trees[0];
    for (let i = 0; i < t.nodeCount; i++) expect(t.nSamples[i]).toBeGreaterThanOrEqual(20);
  });

  it("restores from JSON with identical predictions", () => {
    const m = new DecisionTreeRegressor({ maxDepth: 6 }).fit(data.X_train, data.y_train);
    const json = JSON.parse(JSON.stringify(m.toJSON()));
    expect(json.options.maxLeafNodes).toBeNull(); // Infinity, stored as JSON can hold it
    expect(DecisionTreeRegressor.fromJSON(json).predict(data.X_test)).toEqual(m.predict(data.X_test));
    expect(loadModel(json).predict(data.X_test)).toEqual(m.predict(data.X_test));
    expect(DecisionTreeRegressor.fromJSON(json).options).toEqual(m.options);
  });

  it("rejects non-numeric targets and bad options with UnderstudyError", () => {
    expect(() => new DecisionTreeRegressor().fit([[1], [2]], [1, NaN])).toThrow(UnderstudyError);
    const K = "DecisionTreeRegressor";
    expect(() => new DecisionTreeRegressor({ criterion: "gini" as never }).fit([[1], [2]], [1, 2])).toThrow(
      messages.models.badOption(K, "criterion", "gini", '"squared_error"'),
    );
    expect(() => new DecisionTreeRegressor().fit([[1], [2]], [1, 2], { sampleWeight: [0, 0] })).toThrow(messages.models.weightsSumToZero(K));
    expect(() => new DecisionTreeRegressor().fit([[1], [2]], [1, 2]).predict([[1, 2]])).toThrow(messages.models.predictWidth(K, 2, 1));
  });
});
