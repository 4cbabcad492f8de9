import { UnderstudyError } from "../../core/errors.ts";
import { messages } from "../../core/messages/index.ts";
import { DecisionTreeClassifier } from "../decision-tree-classifier.ts";
import { DecisionTreeRegressor } from "../decision-tree-regressor.ts";
import type { Estimator, ModelJSON, TreeModel } from "../estimator.ts";
import { treesToJSON } from "../tree/tree-json.ts";
import { adapterClasses, resolveAdapterOptions, type MlAdapterOptions } from "./ml-adapter-options.ts";
import { maxLeafWidth, mlCartTree, usedColumns, warnGuessedCovers, type MlCartNode } from "./ml-cart-tree.ts";

/**
 * Loads a trained ml-cart tree (the `toJSON()` output of its `DecisionTreeClassifier` or
 * `DecisionTreeRegression`, live or parsed) as an Understudy `DecisionTreeClassifier` or
 * `DecisionTreeRegressor`, so it can be explained (TreeSHAP, rules), audited, saved with
 * `toJSON()`/`loadModel` and exported to SQL.
 *
 * `predict` returns what ml-cart's `predict` returns on every row, and the classifier's
 * `predictProba` is the leaf's class fractions, the numbers ml-cart picks its class from.
 * Missing values (NaN) go right, as in ml-cart. Covers: see `MlAdapterOptions.X`. Calling
 * `fit` on the result refits with Understudy's own CART, not ml-cart.
 *
 * @example
 * import { DecisionTreeClassifier as MlTree } from "ml-cart";
 * const ml = new MlTree({ maxDepth: 4 });
 * ml.train(X, y);                                  // y: class indices 0…K−1
 * const tree = fromMlCart(ml.toJSON(), { X, classes: ["setosa", "versicolor", "virginica"] });
 * tree.predict(X);                                 // ml.predict(X), as labels
 * treeShap(tree, X.slice(0, 5));
 */
export function fromMlCart(json: unknown, options: MlAdapterOptions = {}): Estimator & TreeModel {
  const caller = "fromMlCart";
  // JSON round trip: accepts the live toJSON() object (ml-matrix values) as well as parsed JSON.
  const j = JSON.parse(JSON.stringify(json ?? null)) as { name?: string; root?: MlCartNode } | null;
  const name = j?.name;
  if (name !== "DTClassifier" && name !== "DTRegression") {
    throw new UnderstudyError(
      "bad_model_json",
      messages.models.notMlModel(caller, `ml-cart's toJSON() output (name "DTClassifier" or "DTRegression")`, name, "For ml-random-forest use fromMlRandomForest."),
    );
  }
  if (j?.root == null || typeof j.root !== "object") {
    throw new UnderstudyError("bad_model_json", messages.models.untrainedMlModel(caller, "the JSON has no root node"));
  }
  const root = j.root;
  const task = name === "DTClassifier" ? "classification" : "regression";
  const resolved = resolveAdapterOptions(caller, options, usedColumns(root));
  const labels = task === "classification" ? adapterClasses(caller, options, maxLeafWidth(root)) : undefined;
  const { tree, guessedCovers } = mlCartTree(root, {
    caller,
    task,
    nClasses: labels?.classes.length ?? 1,
    leafValue: labels ? (d) => labels.mlIndex.map((m) => d[m]) : undefined,
    X: resolved.X,
  });
  warnGuessedCovers(caller, guessedCovers);
  const model: ModelJSON = {
    format: "understudy-model",
    version: 1,
    kind: task === "classification" ? "DecisionTreeClassifier" : "DecisionTreeRegressor",
    options: {},
    featureNames: resolved.featureNames,
    classes: labels?.classes,
    state: { trees: treesToJSON([tree]), treeWeights: [1] },
  };
  return task === "classification" ? DecisionTreeClassifier.fromJSON(model) : DecisionTreeRegressor.fromJSON(model);
}
