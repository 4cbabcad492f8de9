import { describe, expect, it } from "vitest";
import { DecisionTreeRegressor } from "../../src/models/decision-tree-regressor.ts";
import type { TreeStructure } from "../../src/models/estimator.ts";
import { loadModel } from "../../src/models/load-model.ts";
import { RandomForestRegressor } from "../../src/models/random-forest-regressor.ts";
import { r2 } from "./reference-scores.ts";
import { sklearnFixture } from "./sklearn-fixture.ts";

// Made by test/fixtures/sklearn/trees/make_fixtures.py (scikit-learn 1.2.1, make_friedman1).
const data = sklearnFixture("trees/regression.json");

describe("RandomForestRegressor", () => {
  it("scores scikit-learn's R² within 2 points (100 trees, every feature per split by default)", () => {
    const m = new RandomForestRegressor().fit(data.X_train, data.y_train);
    expect(m.options.maxFeatures).toBe("all");
    expect(Math.abs(r2(data.y_test, m.predict(data.X_test)) - data.forest.r2)).toBeLessThan(0.02);
  });

  it("predicts the mean of its trees' leaf means", () => {
    const m = new RandomForestRegressor({ nEstimators: 7, maxDepth: 5 }).fit(data.X_train, data.y_train);
    const leafMean = (t: TreeStructure, x: number[]): number => {
      let node = 0;
      while (t.feature[node] >= 0) node = x[t.feature[node]] <= t.threshold[node] ? t.left[node] : t.right[node];
      return t.value[node];
    };
    const rows = data.X_test as number[][];
    m.predict(rows).forEach((p, i) => {
      const mean = m.trees.reduce((a, t) => a + leafMean(t, rows[i]), 0) / 7;
      expect(p).toBeCloseTo(mean, 10);
    });
  });

  it("without bootstrap, each tree equals the single regression tree", () => {
    const forest = new RandomForestRegressor({ nEstimators: 3, bootstrap: false, minSamplesLeaf: 5 });
    const tree = new DecisionTreeRegressor({ minSamplesLeaf: 5 });
    const a = forest.fit(data.X_train, data.y_train).predict(data.X_test);
    const b = tree.fit(data.X_train, data.y_train).predict(data.X_test);
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 9));
  });

  it("is reproducible for a seed; JSON round trip predicts identically", () => {
    const a = new RandomForestRegressor({ nEstimators: 5, seed: 9, maxFeatures: "sqrt" }).fit(data.X_train, data.y_train);
    const b = new RandomForestRegressor({ nEstimators: 5, seed: 9, maxFeatures: "sqrt" }).fit(data.X_train, data.y_train);
    expect(a.predict(data.X_test)).toEqual(b.predict(data.X_test));
    const json = JSON.parse(JSON.stringify(a.toJSON()));
    expect(loadModel(json).predict(data.X_test)).toEqual(a.predict(data.X_test));
    expect(RandomForestRegressor.fromJSON(json).options).toEqual(a.options);
  });

  it("scores out-of-bag rows like scikit-learn's oob_score_ (R², within 3 points)", () => {
    const m = new RandomForestRegressor({ oobScore: true }).fit(data.X_train, data.y_train);
    expect(Math.abs(m.oobScore! - data.forest.oobScore)).toBeLessThan(0.03);
  });

  it("handles missing values without NaN predictions", () => {
    const X = (data.X_train as number[][]).map((r, i) => r.map((v, j) => ((i * 3 + j) % 6 === 0 ? NaN : v)));
    const m = new RandomForestRegressor({ nEstimators: 10 }).fit(X, data.y_train);
    const p = m.predict([[NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN], ...data.X_test]);
    for (const v of p) expect(Number.isFinite(v)).toBe(true);
    expect(r2(data.y_test, p.slice(1))).toBeGreaterThan(0.5);
  });
});
