// The fast prediction paths (dot-product neighbor search with exact re-ranking, trees walked
// straight to a class) must give exactly what the plain computations give: here those plain
// computations are written out in the test and compared bit for bit.
import { describe, expect, it } from "vitest";
import { Random } from "../../src/core/random.ts";
import { Matrix } from "../../src/data/matrix.ts";
import { DecisionTreeClassifier } from "../../src/models/decision-tree-classifier.ts";
import { DecisionTreeRegressor } from "../../src/models/decision-tree-regressor.ts";
import { KNNClassifier } from "../../src/models/knn-classifier.ts";
import { LinearRegression } from "../../src/models/linear-regression.ts";
import { LogisticRegression } from "../../src/models/logistic-regression.ts";
import { RandomForestRegressor } from "../../src/models/random-forest-regressor.ts";
import { messages } from "../../src/core/messages/index.ts";
import { RandomForestClassifier } from "../../src/models/random-forest-classifier.ts";
import { dotProductNeighbors, dotSearchIndex } from "../../src/models/neighbors/dot-product-search.ts";
import { prepareRows, type NeighborMetric } from "../../src/models/neighbors/nearest-neighbors.ts";
import { NeighborIndex } from "../../src/models/neighbors/neighbor-index.ts";
import { referenceDistance, referenceNeighbors } from "./neighbors-reference.ts";

type Metric = NeighborMetric;

function table(rng: Random, n: number, p: number, draw: (i: number, j: number) => number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: p }, (_, j) => draw(i, j)));
}

/** Data sets that stress ties, precision, sparsity and overflow. */
function cases(): { name: string; train: number[][]; queries: number[][] }[] {
  const rng = new Random(7);
  const gauss = (n: number, p: number) => table(rng, n, p, () => rng.normal());
  const small = (n: number, p: number) => table(rng, n, p, () => rng.int(3));
  const sparse = (n: number, p: number) => table(rng, n, p, () => (rng.next() < 0.1 ? rng.next() : 0));
  const offset = (n: number, p: number) => table(rng, n, p, () => 1e6 + rng.int(4) * 1e-7);
  const zeros = small(60, 6).map((r, i) => (i % 7 === 0 ? r.map(() => 0) : r));
  return [
    { name: "gaussian 300 × 20", train: gauss(300, 20), queries: gauss(150, 20) },
    { name: "gaussian 90 × 7 (k-d tree excluded by size)", train: gauss(90, 7), queries: gauss(70, 7) },
    { name: "values in {0, 1, 2}, 200 × 5: many equal distances", train: small(200, 5), queries: small(80, 5) },
    { name: "values in {0, 1, 2}, 120 × 21", train: small(120, 21), queries: small(90, 21) },
    { name: "90% zeros, 150 × 40", train: sparse(150, 40), queries: sparse(100, 40) },
    { name: "1e6 + multiples of 1e-7, 100 × 9: the dot identity loses every digit", train: offset(100, 9), queries: offset(80, 9) },
    { name: "rows of zeros", train: zeros, queries: [...small(20, 6), [0, 0, 0, 0, 0, 0]] },
    { name: "norms near overflow, 50 × 4", train: table(rng, 50, 4, () => rng.normal() * 1e151), queries: table(rng, 10, 4, () => rng.normal() * 1e151) },
    { name: "queries that match training rows", train: gauss(80, 12), queries: [] },
  ].map((c) => (c.queries.length ? c : { ...c, queries: c.train.slice(10, 40) }));
}

describe("neighbor search matches brute force with a stable sort, bit for bit", () => {
  for (const { name, train, queries } of cases()) {
    for (const metric of ["euclidean", "cosine", "manhattan"] as const) {
      it(`${name}, ${metric}`, () => {
        const n = train.length;
        for (const k of [1, 5, n]) {
          const expected = referenceNeighbors(train, queries, k, metric);
          for (const useTree of metric === "cosine" ? [false] : [false, true]) {
            const got = new NeighborIndex(Matrix.fromRows(train), metric, { useTree }).query(Matrix.fromRows(queries), k, "test");
            expect(Array.from(got.indices)).toEqual(expected.indices);
            expect(Array.from(got.distances)).toEqual(expected.distances);
          }
        }
      });
    }
  }

  it("the dot-product search alone (every query, dense and sparse) agrees with brute force", () => {
    for (const { name, train, queries } of cases()) {
      for (const metric of ["euclidean", "cosine"] as const) {
        const p = train[0].length;
        const prepared = prepareRows(Float64Array.from(train.flat()), train.length, p, metric);
        const dot = dotSearchIndex(prepared);
        if (!dot) {
          expect(name).toContain("overflow"); // no bound can be had there; brute force answers
          continue;
        }
        for (const k of [1, 3, train.length + 2]) {
          const expected = referenceNeighbors(train, queries, k, metric);
          const Q = Float64Array.from(queries.flatMap(expected.lay));
          const T = train.map(expected.lay);
          const bestD = new Float64Array(queries.length * k).fill(Infinity);
          const bestI = new Int32Array(queries.length * k).fill(-1);
          const exact = (qo: number, to: number): number => referenceDistance(Array.from(Q.subarray(qo, qo + p)), T[to / p], metric);
          dotProductNeighbors(prepared, dot, Q, 0, queries.length, k, exact, bestD, bestI);
          expect(Array.from(bestI), `${name} ${metric} k=${k}`).toEqual(expected.indices);
          expect(Array.from(bestD), `${name} ${metric} k=${k}`).toEqual(expected.raw);
        }
      }
    }
  });

  it("KNNClassifier.kneighbors and predict follow the same neighbors", () => {
    const { train, queries } = cases()[2];
    const y = train.map((r) => (r[0] + r[1] > 2 ? "hi" : "lo"));
    const m = new KNNClassifier({ k: 4 }).fit(train, y);
    const expected = referenceNeighbors(train, queries, 4, "euclidean");
    expect(m.kneighbors(queries).indices.flat()).toEqual(expected.indices);
    const votes = queries.map((_, i) => expected.indices.slice(i * 4, i * 4 + 4).filter((t) => y[t] === "hi").length);
    // Classes sort as ["hi", "lo"]; an even split goes to the first.
    expect(m.predict(queries)).toEqual(votes.map((v) => (v >= 2 ? "hi" : "lo")));
  });
});

/** argmax (first on ties) of each predictProba row: what predict returned before it walked the trees itself. */
function argmaxOfProba<Y>(proba: number[][], classes: Y[]): Y[] {
  return proba.map((row) => classes[row.reduce((best, v, k) => (v > row[best] ? k : best), 0)]);
}

describe("tree classifiers: predict is the argmax of predictProba", () => {
  const rng = new Random(3);
  // Coarse values (many equal-probability leaves) and 15% missing.
  const X = table(rng, 400, 6, () => (rng.next() < 0.15 ? NaN : rng.int(5)));
  const y = X.map((r) => ["a", "b", "c"][(Number.isNaN(r[0]) ? 1 : r[0] + (rng.next() < 0.3 ? 1 : 0)) % 3]);
  const Xtest = table(rng, 300, 6, () => (rng.next() < 0.2 ? NaN : rng.int(6) - 0.5));

  it("a single tree, shallow (mixed leaves) and deep", () => {
    for (const maxDepth of [2, 3, undefined]) {
      const m = new DecisionTreeClassifier({ maxDepth }).fit(X, y);
      expect(m.predict(Xtest)).toEqual(argmaxOfProba(m.predictProba(Xtest), m.classes!));
      expect(m.predict([])).toEqual([]);
    }
  });

  it("a single tree with a restored weight other than 1", () => {
    const json = new DecisionTreeClassifier({ maxDepth: 3 }).fit(X, y).toJSON();
    json.state.treeWeights = [0.3];
    const m = DecisionTreeClassifier.fromJSON(json);
    expect(m.predict(Xtest)).toEqual(argmaxOfProba(m.predictProba(Xtest), m.classes!));
  });

  it("a forest", () => {
    const m = new RandomForestClassifier({ nEstimators: 7, maxDepth: 4, seed: 1 }).fit(X, y);
    expect(m.predict(Xtest)).toEqual(argmaxOfProba(m.predictProba(Xtest), m.classes!));
  });
});

describe("tree models: the buffer-reusing predictInto paths give predict's answers", () => {
  const rng = new Random(11);
  const X = table(rng, 300, 5, () => (rng.next() < 0.1 ? NaN : rng.normal()));
  const yClass = X.map((r) => (Number.isNaN(r[1]) || r[1] > 0 ? "hi" : r[2] > 0.5 ? "mid" : "lo"));
  const yValue = X.map((r) => (Number.isNaN(r[0]) ? 2 : 3 * r[0]) + rng.normal());
  const Xtest = Matrix.fromRows(table(rng, 123, 5, () => (rng.next() < 0.15 ? NaN : rng.normal())));

  it("classifiers (tree and forest): labels and flat probabilities, reused buffer included", () => {
    for (const m of [new DecisionTreeClassifier({ maxDepth: 6 }).fit(X, yClass), new RandomForestClassifier({ nEstimators: 5, seed: 2 }).fit(X, yClass)]) {
      const K = m.classes.length;
      const labels = new Array<string>(Xtest.nRows).fill("stale");
      expect(m.predictInto(Xtest, labels)).toEqual(m.predict(Xtest));
      const proba = new Float64Array(Xtest.nRows * K).fill(7); // stale values must not leak in
      m.predictProbaInto(Xtest, proba);
      m.predictProbaInto(Xtest, proba);
      expect(Array.from(proba)).toEqual(m.predictProba(Xtest).flat());
    }
  });

  it("regressors (tree and forest): values into a reused buffer", () => {
    for (const m of [new DecisionTreeRegressor({ maxDepth: 8 }).fit(X, yValue), new RandomForestRegressor({ nEstimators: 4, seed: 3 }).fit(X, yValue)]) {
      const out = new Float64Array(Xtest.nRows).fill(-1);
      m.predictInto(Xtest, out);
      m.predictInto(Xtest, out);
      expect(Array.from(out)).toEqual(m.predict(Xtest));
    }
  });

  it("a buffer too short is refused with the length it needs", () => {
    const m = new DecisionTreeRegressor({ maxDepth: 2 }).fit(X, yValue);
    expect(() => m.predictInto(Xtest, new Float64Array(5))).toThrow(messages.models.outputTooShort("DecisionTreeRegressor", 5, 123));
  });
});

/** What linear predictions were before the four-row kernel: b, then + w_j·x_j for j = 0, 1, … */
function plainScores(coefficients: number[][], intercepts: number[], rows: number[][]): number[][] {
  return rows.map((x) => coefficients.map((w, k) => x.reduce((t, v, j) => t + w[j] * v, intercepts[k])));
}

/** The probabilities predictProba computed row by row before: sigmoid (binary) or exp(z − max) / sum. */
function plainProba(scores: number[][]): number[][] {
  return scores.map((z) => {
    if (z.length === 1) {
      const p1 = z[0] >= 0 ? 1 / (1 + Math.exp(-z[0])) : Math.exp(z[0]) / (1 + Math.exp(z[0]));
      return [1 - p1, p1];
    }
    const max = Math.max(...z);
    const e = z.map((v) => Math.exp(v - max));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / sum);
  });
}

describe("linear models: the blocked score kernel gives the row-by-row results bit for bit", () => {
  const rng = new Random(5);
  // 4·k + 3 rows, so the last rows go through the remainder loop.
  const X = table(rng, 203, 7, (_, j) => rng.normal() * 10 ** (j - 3));
  const Xtest = table(rng, 47, 7, (_, j) => rng.normal() * 10 ** (j - 3));

  it("LinearRegression: predict and predictInto", () => {
    const y = X.map((r) => r[3] - 2 * r[4] + rng.normal());
    for (const m of [new LinearRegression().fit(X, y), new LinearRegression({ penalty: "l2", alpha: 3 }).fit(X, y)]) {
      const expected = plainScores(m.coefficients, m.intercepts, Xtest).map((s) => s[0]);
      expect(m.predict(Xtest)).toEqual(expected);
      const out = new Float64Array(Xtest.length);
      expect(Array.from(m.predictInto(Matrix.fromRows(Xtest), out))).toEqual(expected);
    }
  });

  it("LogisticRegression, binary and softmax: probabilities exactly, labels as their argmax", () => {
    const binary = X.map((r) => (r[3] + rng.normal() > 0 ? "yes" : "no"));
    const three = X.map((r) => ["a", "b", "c"][(r[3] > 0.5 ? 2 : r[3] > -0.5 ? 1 : 0)]);
    for (const m of [new LogisticRegression().fit(X, binary), new LogisticRegression({ C: 0.3 }).fit(X, three)]) {
      const proba = plainProba(plainScores(m.coefficients, m.intercepts, Xtest));
      expect(m.predictProba(Xtest)).toEqual(proba);
      expect(m.predict(Xtest)).toEqual(argmaxOfProba(proba, m.classes));
      const flat = new Float64Array(Xtest.length * m.classes.length);
      expect(Array.from(m.predictProbaInto(Xtest, flat))).toEqual(proba.flat());
      const labels = new Array<string>(Xtest.length);
      expect(m.predictInto(Xtest, labels)).toEqual(argmaxOfProba(proba, m.classes));
    }
  });

  it("LogisticRegression: a score of exactly 0, or too small to move the sigmoid, is a tie that goes to the first class", () => {
    const m = new LogisticRegression({ fitIntercept: false }).fit([[1], [2], [-1], [-2], [0.5]], ["n", "y", "n", "y", "y"]);
    const rows = [[0], [1e-300], [-1e-300]];
    const proba = plainProba(plainScores(m.coefficients, m.intercepts, rows));
    expect(proba.map((r) => r[0] === r[1])).toEqual([true, true, true]);
    expect(m.predict(rows)).toEqual(["n", "n", "n"]);
    expect(m.predictProba(rows)).toEqual(proba);
  });
});
