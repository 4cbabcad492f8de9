// Run by test/deno/deno.test.ts under Deno: imports the library's sources directly (as Deno
// users do) and prints the predictions of a small fit as JSON for the test to compare.
import {
  DecisionTreeClassifier,
  LogisticRegression,
  RandomForestClassifier,
  TableEncoder,
  toTable,
  treeShap,
} from "../../src/index.ts";

const X = [[0, 0], [1, 0], [0, 1], [1, 1], [2, 2], [3, 2], [2, 3], [3, 3]];
const y = ["a", "a", "a", "a", "b", "b", "b", "b"];
const query = [[0.5, 0.5], [2.5, 2.5]];
const out = {
  tree: new DecisionTreeClassifier({ maxDepth: 2, seed: 0 }).fit(X, y).predict(query),
  forest: new RandomForestClassifier({ nEstimators: 5, seed: 0 }).fit(X, y).predict(query),
  logistic: new LogisticRegression().fit(X, y).predictProba(query),
};
const table = toTable([{ size: 1, colour: "red" }, { size: NaN, colour: "blue" }, { size: 3, colour: "red" }]);
const encoded = new TableEncoder().fit(table).transform(table);
const shap = treeShap(new DecisionTreeClassifier({ maxDepth: 2 }).fit(X, y), query);
console.log(JSON.stringify({ ...out, encoded: { names: encoded.featureNames, rows: encoded.toRows() }, shapExpected: shap.expected }));
