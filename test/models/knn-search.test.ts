// The two exact search paths behind KNNClassifier/KNNRegressor (k-d tree and blocked brute
// force) must give identical answers, ties included.
import { describe, expect, it } from "vitest";
import { Random } from "../../src/core/random.ts";
import { Matrix } from "../../src/data/matrix.ts";
import { NeighborIndex } from "../../src/models/neighbors/neighbor-index.ts";
import { bruteForceNeighbors } from "./brute-force-neighbors.ts";
import { sklearnFixture } from "./sklearn-fixture.ts";

const fixtures = sklearnFixture<{
  classification: { Xtrain: number[][]; Xtest: number[][]; cases: { k: number; metric: string; indices: number[][]; distances: number[][] }[] };
}>("knn/knn-fixtures.json");

describe("exact neighbor search: k-d tree and brute force", () => {
  for (const useTree of [false, true]) {
    const label = useTree ? "k-d tree" : "brute force";

    it(`${label}: scikit-learn's neighbors on continuous data`, () => {
      const { Xtrain, Xtest, cases } = fixtures.classification;
      for (const c of cases.filter((c) => c.metric !== "cosine")) {
        const index = new NeighborIndex(Matrix.fromRows(Xtrain), c.metric as "euclidean", { useTree });
        const { indices, distances } = index.query(Matrix.fromRows(Xtest), c.k, "test");
        expect(Array.from(indices)).toEqual(c.indices.flat());
        const expected = c.distances.flat();
        let worst = 0;
        distances.forEach((d, i) => (worst = Math.max(worst, Math.abs(d - expected[i]))));
        expect(worst).toBeLessThan(1e-12);
      }
    });

    it(`${label}: ties on an integer grid go to the lower training index`, () => {
      const rng = new Random(9);
      const train = Array.from({ length: 1500 }, () => [rng.int(5), rng.int(5), rng.int(4)]);
      const queries = Array.from({ length: 60 }, () => [rng.int(6) - 0.5, rng.int(5), rng.int(4)]);
      for (const metric of ["euclidean", "manhattan"] as const) {
        const index = new NeighborIndex(Matrix.fromRows(train), metric, { useTree });
        const { indices } = index.query(Matrix.fromRows(queries), 11, "test");
        queries.forEach((q, i) => expect(Array.from(indices.subarray(i * 11, i * 11 + 11))).toEqual(bruteForceNeighbors(train, q, 11, metric)));
      }
    });
  }

  it("identical rows and k equal to the training size work in both paths", () => {
    const train = Matrix.fromRows(Array.from({ length: 300 }, (_, i) => [i % 2, 0]));
    for (const useTree of [false, true]) {
      const { indices, distances } = new NeighborIndex(train, "euclidean", { useTree }).query(Matrix.fromRows([[0, 0]]), 300, "test");
      const evens = Array.from({ length: 150 }, (_, i) => 2 * i);
      const odds = evens.map((i) => i + 1);
      expect(Array.from(indices)).toEqual([...evens, ...odds]);
      expect(distances[149]).toBe(0);
      expect(distances[150]).toBe(1);
    }
  });
});
