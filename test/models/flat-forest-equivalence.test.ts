// Forests and trees predict through a packed copy of their nodes walked in lockstep: 8-byte
// nodes over threshold ranks in WebAssembly (src/models/tree/ranked-forest.ts), or 16-byte nodes
// in JavaScript where that declines (flat-forest.ts). Here the plain traversal they replaced is
// frozen and written out: every prediction of both must equal it bit for bit — one row (trees in
// lockstep), a few rows, many rows (rows in lockstep, with a tail, across kernel calls), missing
// values sent either way, values at, between and beyond the thresholds, ±0, every tree count.
import { describe, expect, it, vi } from "vitest";
import { Random } from "../../src/core/random.ts";
import { Matrix } from "../../src/data/matrix.ts";
import type { TreeStructure } from "../../src/models/estimator.ts";
import { DecisionTreeClassifier } from "../../src/models/decision-tree-classifier.ts";
import { RandomForestClassifier } from "../../src/models/random-forest-classifier.ts";
import { RandomForestRegressor } from "../../src/models/random-forest-regressor.ts";
import { FlatForest } from "../../src/models/tree/flat-forest.ts";
import { predictTrees } from "../../src/models/tree/predict-trees.ts";
import { RankedForest } from "../../src/models/tree/ranked-forest.ts";
import { ThresholdRanks } from "../../src/models/tree/threshold-ranks.ts";

/** The traversal before packing, frozen: tree by tree, node arrays as fitted, NaN by missingGoesLeft. */
function plainSums(trees: TreeStructure[], weights: Float64Array, X: Matrix): Float64Array {
  const K = trees[0].nOutputs;
  const out = new Float64Array(X.nRows * K);
  for (let t = 0; t < trees.length; t++) {
    const { feature, threshold, left, right, missingGoesLeft, value } = trees[t];
    for (let i = 0; i < X.nRows; i++) {
      let node = 0;
      while (feature[node] >= 0) {
        const v = X.data[i * X.nCols + feature[node]];
        const thr = threshold[node];
        node = v <= thr ? left[node] : v > thr ? right[node] : missingGoesLeft[node] === 1 ? left[node] : right[node];
      }
      for (let k = 0; k < K; k++) out[i * K + k] += weights[t] * value[node * K + k];
    }
  }
  return out;
}

/** Rows with a class that depends on several columns, a fifth of cells missing in two columns. */
function data(n: number, seed: number): { X: Matrix; yClass: string[]; yValue: number[] } {
  const rng = new Random(seed);
  const rows: number[][] = [];
  const yClass: string[] = [];
  const yValue: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = [rng.normal(), rng.normal(), rng.int(5), rng.next() < 0.2 ? NaN : rng.normal(), rng.next() < 0.2 ? NaN : rng.next()];
    const s = row[0] + 0.5 * row[1] * row[2] + (Number.isNaN(row[3]) ? 1 : row[3]) + rng.normal() * 0.5;
    rows.push(row);
    yClass.push(s < -0.5 ? "low" : s < 1 ? "mid" : "high");
    yValue.push(s);
  }
  return { X: Matrix.fromRows(rows), yClass, yValue };
}

/** Both packings' sums for X: the estimator's own (flat below 32,768 nodes) and the ranked one. */
function packedSums(m: { trees: TreeStructure[]; treeWeights: Float64Array }, X: Matrix): Float64Array[] {
  const K = m.trees[0].nOutputs;
  return [
    new FlatForest(m.trees, m.treeWeights).predictInto(X, new Float64Array(X.nRows * K)),
    RankedForest.pack(m.trees, m.treeWeights)!.predictInto(X, new Float64Array(X.nRows * K)),
  ];
}

const train = data(400, 1);
const fresh = data(203, 2).X;
/** The first `n` rows of `fresh`. */
const head = (n: number): Matrix => new Matrix(fresh.data.slice(0, n * fresh.nCols), n, fresh.nCols);

describe("the packed forest gives the plain traversal's sums bit for bit", () => {
  it("classifier forests of 1–13 trees (lockstep groups of eight and four, and tails), 1 to 203 rows", () => {
    for (const nEstimators of [1, 2, 3, 4, 5, 8, 9, 12, 13]) {
      const m = new RandomForestClassifier({ nEstimators, seed: nEstimators }).fit(train.X, train.yClass);
      for (const n of [1, 2, 3, 4, 5, 7, 8, 9, 16, 203]) {
        const X = head(n);
        const want = plainSums(m.trees, m.treeWeights, X);
        expect(Float64Array.from(m.predictProba(X).flat())).toEqual(want);
        expect(m.predictProbaInto(X, new Float64Array(want.length))).toEqual(want);
        expect(packedSums(m, X)).toEqual([want, want]);
      }
    }
  });

  it("regressor forests, whose leaves hold one value", () => {
    const m = new RandomForestRegressor({ nEstimators: 6, seed: 4 }).fit(train.X, train.yValue);
    for (const n of [1, 3, 203]) {
      const X = head(n);
      const want = plainSums(m.trees, m.treeWeights, X);
      expect(Float64Array.from(m.predict(X))).toEqual(want);
      expect(packedSums(m, X)).toEqual([want, want]);
    }
  });

  it("rows with no missing value (walked without the missing-value test) and the same rows with one missing cell", () => {
    const m = new RandomForestClassifier({ nEstimators: 13, seed: 6 }).fit(train.X, train.yClass);
    const complete = fresh.toRows().filter((row) => !row.some(Number.isNaN));
    expect(complete.length).toBeGreaterThan(100);
    for (const n of [1, 7, 8, 9, 100]) {
      const X = Matrix.fromRows(complete.slice(0, n));
      const withMissing = Matrix.fromRows(complete.slice(0, n).map((row, i) => (i === n - 1 ? [row[0], NaN, ...row.slice(2)] : row)));
      for (const rows of [X, withMissing]) {
        const want = plainSums(m.trees, m.treeWeights, rows);
        expect(packedSums(m, rows)).toEqual([want, want]);
      }
    }
  });

  it("missing values go where each node sends them, in rows that are all missing too", () => {
    const m = new RandomForestClassifier({ nEstimators: 5, seed: 7 }).fit(train.X, train.yClass);
    const routing = m.trees.flatMap((t) => Array.from(t.missingGoesLeft.filter((_, n) => t.feature[n] >= 0)));
    expect(new Set(routing)).toEqual(new Set([0, 1])); // both directions occur in these trees
    const X = Matrix.fromRows([[NaN, NaN, NaN, NaN, NaN], [0.1, NaN, 2, NaN, 0.5], [Infinity, -Infinity, 0, -Infinity, Infinity]]);
    const want = plainSums(m.trees, m.treeWeights, X);
    expect(Float64Array.from(m.predictProba(X).flat())).toEqual(want);
    expect(packedSums(m, X)).toEqual([want, want]);
  });

  it("a tree that is one leaf predicts that leaf for any row, missing or infinite", () => {
    const leafOnly: TreeStructure = {
      nodeCount: 1, feature: Int32Array.of(-2), threshold: Float64Array.of(-2), left: Int32Array.of(-1), right: Int32Array.of(-1),
      missingGoesLeft: Uint8Array.of(0), value: Float64Array.of(0.25, 0.75), nOutputs: 2,
      cover: Float64Array.of(4), nSamples: Int32Array.of(4), impurity: Float64Array.of(0.375),
    };
    const X = Matrix.fromRows([[5], [NaN], [-Infinity], [Infinity], [0]]);
    for (const n of [1, 5]) {
      const rows = new Matrix(X.data.slice(0, n), n, 1);
      const want = Float64Array.from({ length: 2 * n }, (_, i) => (i % 2 ? 0.75 : 0.25));
      expect(new FlatForest([leafOnly], Float64Array.of(1)).predictInto(rows, new Float64Array(2 * n))).toEqual(want);
      expect(RankedForest.pack([leafOnly], Float64Array.of(1))!.predictInto(rows, new Float64Array(2 * n))).toEqual(want);
    }
  });

  it("labels are the argmax of those sums (first class on ties), as before", () => {
    const m = new RandomForestClassifier({ nEstimators: 9, seed: 3 }).fit(train.X, train.yClass);
    const sums = plainSums(m.trees, m.treeWeights, fresh);
    const K = m.classes.length;
    const want = Array.from({ length: fresh.nRows }, (_, i) => {
      let best = 0;
      for (let k = 1; k < K; k++) if (sums[i * K + k] > sums[i * K + best]) best = k;
      return m.classes[best];
    });
    expect(m.predict(fresh)).toEqual(want);
    expect(head(1).nRows === 1 && m.predict(head(1))).toEqual(want.slice(0, 1));
  });

  it("values equal to a threshold, just either side, between adjacent thresholds, ±0, ±Infinity and NaN decide alike", () => {
    const m = new RandomForestClassifier({ nEstimators: 7, seed: 5 }).fit(train.X, train.yClass);
    const edges: number[][] = [[], [], [], [], []];
    for (const { feature, threshold } of m.trees) {
      for (let n = 0; n < feature.length; n++) {
        if (feature[n] < 0) continue;
        const t = threshold[n];
        edges[feature[n]].push(t, t + Math.abs(t) * 1e-15 + Number.MIN_VALUE, t - Math.abs(t) * 1e-15 - Number.MIN_VALUE);
      }
    }
    for (const e of edges) {
      const sorted = [...e].sort((a, b) => a - b);
      for (let i = 1; i < sorted.length; i++) e.push((sorted[i - 1] + sorted[i]) / 2);
      e.push(0, -0, Infinity, -Infinity, NaN, Number.MAX_VALUE, -Number.MAX_VALUE);
    }
    const rows = Array.from({ length: 2000 }, (_, i) => edges.map((e, c) => e[(i * (c + 1) * 7919 + c) % e.length]));
    const X = Matrix.fromRows(rows);
    const want = plainSums(m.trees, m.treeWeights, X);
    expect(Float64Array.from(m.predictProba(X).flat())).toEqual(want);
    expect(packedSums(m, X)).toEqual([want, want]);
    for (const n of [1, 2, 3]) {
      const few = new Matrix(X.data.slice(0, n * 5), n, 5);
      expect(RankedForest.pack(m.trees, m.treeWeights)!.predictInto(few, new Float64Array(n * 3))).toEqual(want.slice(0, n * 3));
    }
  });

  it("thresholds at −0, 0 and ±Infinity, with missing values sent both ways, in a hand-built tree", () => {
    // x ≤ 0 (NaN right) → { x ≤ −0 (NaN left) → { x ≤ −Infinity (NaN left) → 1 | 2 } | 3 }
    //                   | { x ≤ Infinity (NaN right) → 4 | 5 }.  Leaf 3 is unreachable: −0 = 0.
    const tree: TreeStructure = {
      nodeCount: 9,
      feature: Int32Array.of(0, 0, 0, -2, -2, -2, 0, -2, -2),
      threshold: Float64Array.of(0, -0, -Infinity, -2, -2, -2, Infinity, -2, -2),
      left: Int32Array.of(1, 2, 3, -1, -1, -1, 7, -1, -1),
      right: Int32Array.of(6, 5, 4, -1, -1, -1, 8, -1, -1),
      missingGoesLeft: Uint8Array.of(0, 1, 1, 0, 0, 0, 0, 0, 0),
      value: Float64Array.of(0, 0, 0, 1, 2, 3, 0, 4, 5), nOutputs: 1,
      cover: new Float64Array(9), nSamples: new Int32Array(9), impurity: new Float64Array(9),
    };
    const X = Matrix.fromRows([[0], [-0], [-Infinity], [Infinity], [NaN], [Number.MIN_VALUE], [-Number.MIN_VALUE], [-Number.MAX_VALUE]]);
    const want = plainSums([tree], Float64Array.of(1), X);
    expect(Array.from(want)).toEqual([2, 2, 1, 4, 5, 4, 2, 2]);
    for (const n of [1, 8]) {
      const rows = new Matrix(X.data.slice(0, n), n, 1);
      expect(RankedForest.pack([tree], Float64Array.of(1))!.predictInto(rows, new Float64Array(n))).toEqual(want.slice(0, n));
    }
  });

  it("a batch larger than one kernel call (8 MiB of ranks) sums like the plain traversal", () => {
    const m = new RandomForestRegressor({ nEstimators: 3, seed: 8, maxDepth: 6 }).fit(train.X, train.yValue);
    const n = Math.floor(2 ** 23 / (4 * new ThresholdRanks(m.trees).width)) + 3;
    const X = new Matrix(Float64Array.from({ length: n * 5 }, (_, i) => fresh.data[i % fresh.data.length]), n, 5);
    const ranked = RankedForest.pack(m.trees, m.treeWeights)!;
    expect(ranked.predictInto(X, new Float64Array(n))).toEqual(plainSums(m.trees, m.treeWeights, X));
  });

  it("a classification forest of 32,768 nodes or more moves to the ranked walk once used enough (four walks a node, or 100 calls), with the same sums before and after", () => {
    const big = data(12000, 9);
    const m = new RandomForestClassifier({ nEstimators: 20, seed: 2 }).fit(big.X, big.yClass);
    expect(m.trees.reduce((n, t) => n + t.feature.length, 0)).toBeGreaterThanOrEqual(32_768);
    const X = head(203);
    // The getters hand out copies: one list, so its packed copy is the one that counts calls.
    const trees = m.trees;
    const weights = m.treeWeights;
    const expected = plainSums(trees, weights, X);
    const pack = vi.spyOn(RankedForest, "pack");
    const proba = m.predictProba(X);
    for (let call = 0; call < 120; call++) {
      const sums = predictTrees(trees, weights, X);
      expect(sums, `call ${call}`).toEqual(expected);
    }
    expect(m.predictProba(X)).toEqual(proba);
    expect(pack).toHaveBeenCalledTimes(1);
    pack.mockRestore();
  });

  it("a forest's first calls walk the fitted arrays until rows × trees reach an eighth of its nodes or 20 calls, then the flat copy, with the same sums", () => {
    const m = new RandomForestClassifier({ nEstimators: 6, seed: 3 }).fit(data(3000, 4).X, data(3000, 4).yClass);
    const trees = m.trees;
    const weights = m.treeWeights;
    const nodes = trees.reduce((n, t) => n + t.feature.length, 0);
    const rows = Math.floor(nodes / trees.length / 8 / 21); // 20 calls of these stay under nodes / 8 walks
    expect(rows).toBeGreaterThanOrEqual(1);
    const X = head(rows);
    const expected = plainSums(trees, weights, X);
    const flatWalk = vi.spyOn(FlatForest.prototype, "predictInto");
    for (let call = 1; call <= 21; call++) {
      expect(predictTrees(trees, weights, X), `call ${call}`).toEqual(expected);
      expect(flatWalk, `call ${call}`).toHaveBeenCalledTimes(call < 20 ? 0 : call - 19);
    }
    // A first call whose rows × trees reach an eighth of the nodes packs at once.
    const other = new RandomForestClassifier({ nEstimators: 6, seed: 3 }).fit(data(3000, 4).X, data(3000, 4).yClass);
    const many = data(Math.ceil(nodes / trees.length / 8), 5).X;
    expect(other.predictProbaInto(many, new Float64Array(many.nRows * 3))).toEqual(plainSums(other.trees, other.treeWeights, many));
    expect(flatWalk).toHaveBeenCalledTimes(3);
    flatWalk.mockRestore();
  });

  it("a regression forest of 32,768 nodes or more stays flat (the ranked walk measured slower) and predicts the plain traversal's sums", () => {
    const big = data(6000, 9);
    const m = new RandomForestRegressor({ nEstimators: 20, seed: 2 }).fit(big.X, big.yValue);
    expect(m.trees.reduce((n, t) => n + t.feature.length, 0)).toBeGreaterThanOrEqual(32_768);
    for (const n of [1, 2, 203]) {
      const X = head(n);
      expect(Float64Array.from(m.predict(X))).toEqual(plainSums(m.trees, m.treeWeights, X));
    }
  });
});
