// The explanation methods on the library's own estimators (not hand-built fixtures).
import { describe, expect, it } from "vitest";
import { treeShap } from "../../src/explain/tree-shap.ts";
import { impurityImportance } from "../../src/explain/impurity-importance.ts";
import { reasonCodes } from "../../src/explain/reason-codes.ts";
import { counterfactual } from "../../src/explain/counterfactual.ts";
import { neighborExplanation } from "../../src/explain/neighbor-explanation.ts";
import { coefficientTable } from "../../src/explain/coefficient-table.ts";
import { linearContributions } from "../../src/explain/linear-contributions.ts";
import { crossValidate } from "../../src/evaluate/cross-validate.ts";
import { DecisionTreeClassifier } from "../../src/models/decision-tree-classifier.ts";
import { RandomForestClassifier } from "../../src/models/random-forest-classifier.ts";
import { RandomForestRegressor } from "../../src/models/random-forest-regressor.ts";
import { LogisticRegression } from "../../src/models/logistic-regression.ts";
import { KNNClassifier } from "../../src/models/knn-classifier.ts";
import { Random } from "../../src/core/random.ts";
import { fixture } from "./sklearn-trees.ts";

const names = ["sepal length", "sepal width", "petal length", "petal width"];
const X: number[][] = fixture.iris.X;
const y: number[] = fixture.iris.y;
const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);

function additive(res: ReturnType<typeof treeShap>, outputs: number[][]): void {
  outputs.forEach((p, i) => p.forEach((v, k) => expect(res.expected[k] + sum(res.values[i].map((f) => f[k]))).toBeCloseTo(v, 10)));
}

describe("explanations of fitted estimators", () => {
  it("TreeSHAP adds up to predictProba for a fitted tree and forest (with missing values)", () => {
    const tree = new DecisionTreeClassifier({ maxDepth: 4 }).fit(X, y, { featureNames: names });
    const forest = new RandomForestClassifier({ nEstimators: 20, maxDepth: 5, seed: 1 }).fit(X, y, { featureNames: names });
    const rows = [...X.filter((_, i) => i % 10 === 0), [NaN, 3, NaN, 1.2]];
    additive(treeShap(tree, rows), tree.predictProba(rows));
    additive(treeShap(forest, rows), forest.predictProba(rows));
  });

  it("TreeSHAP adds up to predict for a regression forest, with expected as a one-element array", () => {
    const rng = new Random(2);
    const Xr = Array.from({ length: 200 }, () => [rng.next(), rng.next(), rng.next()]);
    const yr = Xr.map((r) => 3 * r[0] + (r[1] > 0.5 ? 2 : 0) + 0.1 * rng.normal());
    const forest = new RandomForestRegressor({ nEstimators: 10, maxDepth: 4, seed: 0 }).fit(Xr, yr);
    const res = treeShap(forest, Xr.slice(0, 20));
    expect(res.expected).toHaveLength(1);
    additive(res, forest.predict(Xr.slice(0, 20)).map((v) => [v as number]));
    // The third feature is pure noise: far less attribution than the first.
    const mean = (j: number) => sum(res.values.map((r) => Math.abs(r[j][0]))) / 20;
    expect(mean(2)).toBeLessThan(mean(0) / 5);
  });

  it("impurity importance of our iris tree matches scikit-learn's up to one tied split", () => {
    const tree = new DecisionTreeClassifier({ maxDepth: 4 }).fit(X, y, { featureNames: names });
    const ours = impurityImportance(tree).map((r) => r.importance);
    const sk: number[] = fixture.irisTree.importances;
    // Both grow the same tree except one depth-3 node where sepal length and sepal width tie
    // on impurity decrease and the libraries break the tie differently.
    expect(ours[0] + ours[1]).toBeCloseTo(sk[0] + sk[1], 12);
    expect(ours[2]).toBeCloseTo(sk[2], 12);
    expect(ours[3]).toBeCloseTo(sk[3], 12);
  });

  it("reason codes and contributions for a fitted logistic regression add up to its logit", () => {
    const binX = X.filter((_, i) => y[i] !== 0);
    const binY = y.filter((v) => v !== 0);
    const model = new LogisticRegression({ C: 1 }).fit(binX, binY, { featureNames: names });
    const [logit] = linearContributions(model, binX[0]);
    const p1 = model.predictProba([binX[0]])[0][1];
    expect(1 / (1 + Math.exp(-logit.score))).toBeCloseTo(p1, 10);
    const why = reasonCodes(model, binX, 0);
    expect(why.method).toBe("linear");
    const logOdds = Math.log(p1 / (1 - p1)) * (why.output === model.classes![1] ? 1 : -1);
    expect(why.outputValue).toBeCloseTo(logOdds, 8);
    expect(coefficientTable(model).rows).toHaveLength(4);
    // Counterfactual flips the decision and only moves mutable features.
    const cf = counterfactual(model, binX[0], { immutable: ["sepal length", "sepal width"] });
    expect(cf.found).toBe(true);
    expect(model.predict([cf.x])[0]).not.toBe(model.predict([binX[0]])[0]);
    expect(cf.changes.every((c) => c.feature >= 2)).toBe(true);
  });

  it("k-NN: neighbors with labels and distances, Shapley reason codes, a counterfactual", () => {
    const knn = new KNNClassifier({ k: 5 }).fit(X, y, { featureNames: names });
    const e = neighborExplanation(knn, X[60]);
    expect(e.neighbors).toHaveLength(5);
    expect(e.neighbors[0].distance).toBe(0);
    e.neighbors.forEach((n) => {
      expect(n.label).toBe(y[n.index]);
      expect(n.distance).toBeCloseTo(Math.hypot(...X[n.index].map((v, j) => v - X[60][j])), 12);
    });
    const why = reasonCodes(knn, X, 60);
    expect(why.method).toBe("shapley");
    const k = knn.classes!.indexOf(why.output as number);
    expect(why.base + sum(why.all.map((c) => c.contribution))).toBeCloseTo(knn.predictProba([X[60]])[0][k], 12);
    const cf = counterfactual(knn, X[60]);
    expect(cf.found).toBe(true);
    expect(knn.predict([cf.x])[0]).not.toBe(knn.predict([X[60]])[0]);
  });

  it("bounded counterfactual search on a fitted forest comes close to a brute-force grid", () => {
    const rng = new Random(4);
    const Xf = Array.from({ length: 400 }, () => [rng.normal(), rng.normal(), rng.normal()]);
    const yf = Xf.map((r) => (r[0] + r[1] > 0 ? "y" : "n"));
    const forest = new RandomForestClassifier({ nEstimators: 30, maxDepth: 6, seed: 0 }).fit(Xf, yf);
    for (const x of Xf.slice(0, 3)) {
      const cf = counterfactual(forest, x);
      const target = forest.predict([x])[0] === "y" ? "n" : "y";
      expect(cf.found).toBe(true);
      expect(forest.predict([cf.x])[0]).toBe(target);
      // Grid over the two features that matter (step 0.02), the third held fixed.
      const grid: number[][] = [];
      for (let a = -150; a <= 150; a++) for (let b = -150; b <= 150; b++) grid.push([x[0] + a * 0.02, x[1] + b * 0.02, x[2]]);
      const pred = forest.predict(grid);
      let best = Infinity;
      grid.forEach((z, i) => {
        if (pred[i] === target) best = Math.min(best, Math.abs(z[0] - x[0]) + Math.abs(z[1] - x[1]));
      });
      expect(cf.distance).toBeLessThanOrEqual(best * 1.1 + 0.02);
    }
  });

  it("cross-validates a real tree with stratified folds", () => {
    const cv = crossValidate(() => new DecisionTreeClassifier({ maxDepth: 3 }), X, y, { folds: 5, seed: 0 });
    expect(cv.scores).toHaveLength(5);
    expect(cv.mean).toBeGreaterThan(0.85);
    for (const f of cv.folds) expect(f.filter((i) => y[i] === 0)).toHaveLength(10);
  });
});
