import { UnderstudyError } from "../../core/errors.ts";
import { messages } from "../../core/messages/index.ts";
import type { Estimator, ModelJSON, TreeModel, TreeStructure } from "../estimator.ts";
import { RandomForestClassifier } from "../random-forest-classifier.ts";
import { RandomForestRegressor } from "../random-forest-regressor.ts";
import { treesToJSON } from "../tree/tree-json.ts";
import { adapterClasses, resolveAdapterOptions, type MlAdapterOptions } from "./ml-adapter-options.ts";
import { maxLeafWidth, mlCartTree, warnGuessedCovers, type MlCartNode } from "./ml-cart-tree.ts";

interface MlForestJSON {
  name?: string;
  selectionMethod?: string;
  baseModel?: { indexes?: number[][]; nEstimators?: number; estimators?: { name?: string; root?: MlCartNode }[] };
}

/**
 * Loads a trained ml-random-forest model (the `toJSON()` output of its `RandomForestClassifier`
 * or `RandomForestRegression`, live or parsed) as an Understudy `RandomForestClassifier` or
 * `RandomForestRegressor`: explainable with TreeSHAP, savable with `toJSON()`/`loadModel`,
 * exportable to SQL. Each ml.js tree sees its own subset of columns (`indexes`); splits are
 * mapped back to the columns of X.
 *
 * Classifier: ml.js predicts by majority vote of the trees' predicted classes, so each adapted
 * tree's leaves hold a one-hot vote and `predictProba` is the share of trees voting for each
 * class — what ml.js's `predictProbability(X, label)` means to return, without its miscount
 * (its sum starts at the first tree's predicted class index instead of counting that vote).
 * `predict` is ml.js's `predict` on every row except exact vote ties (possible with an even
 * number of trees or more than two classes): ml.js then picks the tied class whose votes
 * reached the top count first in tree order, ours the first tied class in `classes` order.
 * Regressor: the mean of the trees (equal to ml.js up to floating-point rounding);
 * `selectionMethod: "median"` is not a weighted sum of trees and is refused.
 *
 * @example
 * import { RandomForestClassifier as MlForest } from "ml-random-forest";
 * const ml = new MlForest({ nEstimators: 25, seed: 3 });
 * ml.train(X, y);
 * const forest = fromMlRandomForest(ml.toJSON(), { X });
 * forest.predict(X);             // ml.predict(X)
 * forest.predictProba(X)[0];     // vote shares, e.g. [0.04, 0.96]
 */
export function fromMlRandomForest(json: unknown, options: MlAdapterOptions = {}): Estimator & TreeModel {
  const caller = "fromMlRandomForest";
  const j = JSON.parse(JSON.stringify(json ?? null)) as MlForestJSON | null;
  const name = j?.name;
  if (name !== "RFClassifier" && name !== "RFRegression") {
    throw new UnderstudyError(
      "bad_model_json",
      messages.models.notMlModel(caller, `ml-random-forest's toJSON() output (name "RFClassifier" or "RFRegression")`, name, "For a single ml-cart tree use fromMlCart."),
    );
  }
  if (name === "RFRegression" && j?.selectionMethod !== undefined && j.selectionMethod !== "mean") {
    throw new UnderstudyError("unsupported_model", messages.models.mlSelectionMethod(caller, j.selectionMethod));
  }
  const base = j?.baseModel;
  const estimators = base?.estimators;
  const indexes = base?.indexes;
  if (!Array.isArray(estimators) || estimators.length === 0 || !Array.isArray(indexes) || indexes.length !== estimators.length) {
    throw new UnderstudyError(
      "bad_model_json",
      messages.models.untrainedMlModel(caller, "baseModel.estimators and baseModel.indexes are missing or of different lengths"),
    );
  }
  const task = name === "RFClassifier" ? "classification" : "regression";
  let used = 0;
  for (const cols of indexes) {
    if (!Array.isArray(cols) || cols.some((c) => !Number.isInteger(c) || c < 0)) {
      throw new UnderstudyError("bad_model_json", messages.models.damagedModelJSON(caller, "baseModel.indexes must hold column indices"));
    }
    for (const c of cols) used = Math.max(used, c + 1);
  }
  const resolved = resolveAdapterOptions(caller, options, used);
  const roots = estimators.map((e, t) => {
    if (e?.root == null || typeof e.root !== "object") {
      throw new UnderstudyError("bad_model_json", messages.models.damagedModelJSON(caller, `estimator ${t} has no root node`));
    }
    return e.root;
  });
  const labels = task === "classification"
    ? adapterClasses(caller, options, Math.max(...roots.map(maxLeafWidth)))
    : undefined;
  const trees: TreeStructure[] = [];
  let guessed = 0;
  roots.forEach((root, t) => {
    const converted = mlCartTree(root, {
      caller,
      task,
      nClasses: labels?.classes.length ?? 1,
      // The tree's vote: its predicted class (first highest fraction, as ml-matrix's maxRowIndex).
      leafValue: labels
        ? (d) => {
            let best = 0;
            for (let k = 1; k < d.length; k++) if (d[k] > d[best]) best = k;
            return labels.mlIndex.map((m) => (m === best ? 1 : 0));
          }
        : undefined,
      columnMap: indexes[t],
      X: resolved.X,
    });
    trees.push(converted.tree);
    guessed += converted.guessedCovers;
  });
  warnGuessedCovers(caller, guessed);
  const model: ModelJSON = {
    format: "understudy-model",
    version: 1,
    kind: task === "classification" ? "RandomForestClassifier" : "RandomForestRegressor",
    options: { nEstimators: trees.length },
    featureNames: resolved.featureNames,
    classes: labels?.classes,
    state: { trees: treesToJSON(trees), treeWeights: new Array(trees.length).fill(1 / trees.length) },
  };
  return task === "classification" ? RandomForestClassifier.fromJSON(model) : RandomForestRegressor.fromJSON(model);
}
