import { describe, expect, it } from "vitest";
import { UnderstudyError } from "../../src/core/errors.ts";
import { KNNRegressor } from "../../src/models/knn-regressor.ts";
import { Matrix } from "../../src/data/matrix.ts";
import { sklearnFixture } from "./sklearn-fixture.ts";
import { messages } from "../../src/core/messages/index.ts";

// Made by test/fixtures/sklearn/knn/make-knn-fixtures.py (scikit-learn 1.2.1, algorithm="brute").
interface KnnCase {
  k: number;
  weights: "uniform" | "distance";
  metric: "euclidean" | "manhattan" | "cosine";
  pred: number[];
}
const fixtures = sklearnFixture<{
  regression: { Xtrain: number[][]; ytrain: number[]; Xtest: number[][]; cases: KnnCase[] };
}>("knn/knn-fixtures.json");

describe("KNNRegressor matches scikit-learn (brute force)", () => {
  const { Xtrain, ytrain, Xtest, cases } = fixtures.regression;
  for (const c of cases) {
    it(`${c.metric}, ${c.weights}, k=${c.k}`, () => {
      const m = new KNNRegressor({ k: c.k, weights: c.weights, metric: c.metric }).fit(Xtrain, ytrain);
      m.predict(Xtest).forEach((p, i) => expect(Math.abs(p - c.pred[i])).toBeLessThan(1e-9 * Math.max(1, Math.abs(c.pred[i]))));
    });
  }
});

describe("KNNRegressor behaviour", () => {
  it("uniform: the mean of the k nearest targets; distance: the 1/d-weighted mean", () => {
    const X = [[0], [1], [4], [10]];
    const y = [0, 2, 8, 100];
    expect(new KNNRegressor({ k: 3 }).fit(X, y).predict([[1]])).toEqual([10 / 3]);
    // Query 2: distances 2, 1, 2 → weights 1/2, 1, 1/2: (0·0.5 + 2·1 + 8·0.5) / 2 = 3.
    expect(new KNNRegressor({ k: 3, weights: "distance" }).fit(X, y).predict([[2]])[0]).toBeCloseTo(3, 14);
    // An exact match takes all the weight.
    expect(new KNNRegressor({ k: 3, weights: "distance" }).fit(X, y).predict([[4]])).toEqual([8]);
  });

  it("exposes its training rows and targets, and kneighbors", () => {
    const m = new KNNRegressor({ k: 1 }).fit([[0, 0], [2, 0]], [1, 3]);
    expect(m.trainingY).toEqual([1, 3]);
    expect(m.trainingX.toRows()).toEqual([[0, 0], [2, 0]]);
    expect(m.kneighbors([[1.5, 0]], 2)).toEqual({ indices: [[1, 0]], distances: [[0.5, 1.5]] });
  });

  it("rejects non-numeric targets and k above the training rows", () => {
    expect(() => new KNNRegressor({ k: 1 }).fit([[0], [1]], [1, NaN])).toThrow(UnderstudyError);
    expect(() => new KNNRegressor({ k: 3 }).fit([[0], [1]], [1, 2])).toThrow(messages.models.kTooLarge("KNNRegressor", 3, 2));
  });

  it("toJSON/fromJSON predicts identically", () => {
    const { Xtrain, ytrain, Xtest } = fixtures.regression;
    const m = new KNNRegressor({ k: 4, weights: "distance", metric: "cosine" }).fit(Xtrain, ytrain);
    const restored = KNNRegressor.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(restored.predict(Xtest)).toEqual(m.predict(Xtest));
  });

  it("keeps its own training rows whether fitted on arrays or on a Matrix (the search is built on the first predict)", () => {
    const rows = Array.from({ length: 300 }, (_, i) => [Math.sin(i), Math.cos(3 * i), (i % 17) / 17]);
    const y = rows.map((r) => r[0] + 2 * r[1]);
    const queries = [[0.1, 0.2, 0.3], [-0.5, 0.9, 0.1]];
    const fromArrays = new KNNRegressor({ k: 3 }).fit(rows, y);
    const M = Matrix.fromRows(rows);
    const fromMatrix = new KNNRegressor({ k: 3 }).fit(M, y);
    const expected = fromArrays.predict(queries);
    // Changed after fit but before the first predict: neither model may see it.
    rows[0][0] = 99;
    M.data.fill(7);
    expect(fromArrays.predict(queries)).toEqual(expected);
    expect(fromMatrix.predict(queries)).toEqual(expected);
    expect(fromArrays.trainingX.data[0]).toBe(Math.sin(0));
  });
});
