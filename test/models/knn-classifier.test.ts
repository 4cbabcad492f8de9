import { describe, expect, it } from "vitest";
import { Random } from "../../src/core/random.ts";
import { KNNClassifier } from "../../src/models/knn-classifier.ts";
import { bruteForceNeighbors } from "./brute-force-neighbors.ts";
import { expectUnderstudyError } from "./expect-understudy-error.ts";
import { messages } from "../../src/core/messages/index.ts";
import { notFitted } from "../../src/core/errors.ts";
import { sklearnFixture } from "./sklearn-fixture.ts";

// Made by test/fixtures/sklearn/knn/make-knn-fixtures.py (scikit-learn 1.2.1, algorithm="brute").
interface KnnCase {
  k: number;
  weights: "uniform" | "distance";
  metric: "euclidean" | "manhattan" | "cosine";
  pred: number[];
  proba: number[][];
  indices: number[][];
  distances: number[][];
}
const fixtures = sklearnFixture<{
  classification: { Xtrain: number[][]; ytrain: number[]; Xtest: number[][]; cases: KnnCase[] };
}>("knn/knn-fixtures.json");

describe("KNNClassifier matches scikit-learn (brute force)", () => {
  const { Xtrain, ytrain, Xtest, cases } = fixtures.classification;
  for (const c of cases) {
    it(`${c.metric}, ${c.weights}, k=${c.k}: neighbors, distances, probabilities and labels`, () => {
      const m = new KNNClassifier({ k: c.k, weights: c.weights, metric: c.metric }).fit(Xtrain, ytrain);
      const nb = m.kneighbors(Xtest);
      expect(nb.indices).toEqual(c.indices);
      nb.distances.forEach((row, i) => row.forEach((d, j) => expect(Math.abs(d - c.distances[i][j])).toBeLessThan(1e-12)));
      m.predictProba(Xtest).forEach((row, i) => row.forEach((p, j) => expect(Math.abs(p - c.proba[i][j])).toBeLessThan(1e-12)));
      expect(m.predict(Xtest)).toEqual(c.pred);
    });
  }
});

describe("KNNClassifier behaviour", () => {
  it("breaks distance ties by training-row index, across block boundaries", () => {
    // Integer grid data: many exactly equal distances; 700 rows span several blocks of 256.
    const rng = new Random(5);
    const train = Array.from({ length: 700 }, () => [rng.int(4), rng.int(4), rng.int(3)]);
    const y = train.map((r) => (r[0] + r[1] > 3 ? "hi" : "lo"));
    const queries = Array.from({ length: 40 }, () => [rng.int(4), rng.int(4), rng.int(3)]);
    for (const metric of ["euclidean", "manhattan"] as const) {
      const m = new KNNClassifier({ k: 9, metric }).fit(train, y);
      const nb = m.kneighbors(queries);
      queries.forEach((q, i) => expect(nb.indices[i]).toEqual(bruteForceNeighbors(train, q, 9, metric)));
    }
  });

  it("an equal vote goes to the first class in classes order", () => {
    // k = 2: one neighbor of each class.
    const m = new KNNClassifier({ k: 2 }).fit([[0], [1]], ["zebra", "ant"]);
    expect(m.classes).toEqual(["ant", "zebra"]);
    expect(m.predictProba([[0.2]])).toEqual([[0.5, 0.5]]);
    expect(m.predict([[0.2]])).toEqual(["ant"]);
  });

  it("distance weights: an exact match takes all the weight; otherwise weights are 1/d", () => {
    const X = [[0], [1], [3]];
    const y = ["a", "b", "b"];
    const m = new KNNClassifier({ k: 3, weights: "distance" }).fit(X, y);
    expect(m.predictProba([[0]])).toEqual([[1, 0]]);
    // Query 0.5: distances 0.5, 0.5, 2.5 → weights 2, 2, 0.4: p(a) = 2 / 4.4.
    const [pa, pb] = m.predictProba([[0.5]])[0];
    expect(pa).toBeCloseTo(2 / 4.4, 14);
    expect(pb).toBeCloseTo(2.4 / 4.4, 14);
  });

  it("kneighbors takes its own k and returns neighbors nearest first", () => {
    const m = new KNNClassifier({ k: 1 }).fit([[0, 0], [3, 4], [1, 0], [10, 10]], [0, 1, 0, 1]);
    const nb = m.kneighbors([[0, 0]], 3);
    expect(nb.indices).toEqual([[0, 2, 1]]);
    expect(nb.distances).toEqual([[0, 1, 5]]);
  });

  it("cosine: an all-zero row is at distance 1 from everything, as in scikit-learn", () => {
    const m = new KNNClassifier({ k: 2, metric: "cosine" }).fit([[1, 0], [0, 2], [0, 0]], ["x", "y", "x"]);
    expect(m.kneighbors([[0, 0]], 3).distances[0]).toEqual([1, 1, 1]);
    expect(m.kneighbors([[2, 0]], 1).distances[0][0]).toBe(0);
  });

  it("keeps its own copy of the training rows", () => {
    const X = [[0], [1], [5], [6]];
    const m = new KNNClassifier({ k: 1 }).fit(X, ["a", "a", "b", "b"]);
    X[0][0] = 100;
    expect(m.trainingX.get(0, 0)).toBe(0);
    expect(m.predict([[0.1]])).toEqual(["a"]);
    expect(m.trainingY).toEqual(["a", "a", "b", "b"]);
  });

  it("boolean and number labels come back as the same kind", () => {
    const X = [[0], [1], [5], [6]];
    expect(new KNNClassifier({ k: 1 }).fit(X, [false, false, true, true]).predict([[5.5]])).toEqual([true]);
    expect(new KNNClassifier({ k: 1 }).fit(X, [2, 2, 7, 7]).predict([[0.5]])).toEqual([2]);
  });

  it("rejects bad k, weights, metric, NaN and unfitted use with clear errors", () => {
    const X = [[0], [1], [2]];
    const y = ["a", "b", "a"];
    const K = "KNNClassifier";
    expectUnderstudyError(() => new KNNClassifier({ k: 4 }).fit(X, y), "bad_option", messages.models.kTooLarge(K, 4, 3));
    expectUnderstudyError(() => new KNNClassifier({ k: 0 }).fit(X, y), "bad_option", messages.models.badOption(K, "k", 0, "an integer ≥ 1"));
    expectUnderstudyError(
      () => new KNNClassifier({ k: 1, weights: "inverse" as "distance" }).fit(X, y),
      "bad_option",
      messages.models.badOption(K, "weights", "inverse", 'one of "uniform", "distance"'),
    );
    expectUnderstudyError(
      () => new KNNClassifier({ k: 1, metric: "chebyshev" as "cosine" }).fit(X, y),
      "bad_option",
      messages.models.badOption(K, "metric", "chebyshev", 'one of "euclidean", "manhattan", "cosine"'),
    );
    expectUnderstudyError(() => new KNNClassifier({ k: 1 }).fit([[0], [NaN], [2]], y), "missing_values", messages.models.missingValue(K, 1, 0, "x0", NaN));
    expectUnderstudyError(() => new KNNClassifier({ k: 1 }).fit(X, y).kneighbors(X, 9), "bad_option", messages.models.badQueryK(K, 9, 3));
    expectUnderstudyError(() => new KNNClassifier().predict(X), "not_fitted", notFitted(K).message);
  });

  it("toJSON/fromJSON restores identical neighbors and probabilities", () => {
    const { Xtrain, ytrain, Xtest } = fixtures.classification;
    const m = new KNNClassifier({ k: 7, weights: "distance", metric: "manhattan" }).fit(Xtrain, ytrain);
    const restored = KNNClassifier.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(restored.predictProba(Xtest)).toEqual(m.predictProba(Xtest));
    expect(restored.kneighbors(Xtest)).toEqual(m.kneighbors(Xtest));
    expect(restored.classes).toEqual(m.classes);
  });
});
