import type { Estimator, ModelJSON } from "./estimator.ts";
import { DecisionTreeClassifier } from "./decision-tree-classifier.ts";
import { DecisionTreeRegressor } from "./decision-tree-regressor.ts";
import { RandomForestClassifier } from "./random-forest-classifier.ts";
import { RandomForestRegressor } from "./random-forest-regressor.ts";
import { LOGISTIC_REGRESSION_OPTIONS, LogisticRegression } from "./logistic-regression.ts";
import { LINEAR_REGRESSION_OPTIONS, LinearRegression } from "./linear-regression.ts";
import { KNNClassifier } from "./knn-classifier.ts";
import { KNNRegressor } from "./knn-regressor.ts";
import { KNN_OPTIONS } from "./neighbors/knn-options.ts";
import type { OptionTable } from "./option-constraints.ts";
import {
  DECISION_TREE_CLASSIFIER_OPTIONS,
  DECISION_TREE_REGRESSOR_OPTIONS,
  RANDOM_FOREST_CLASSIFIER_OPTIONS,
  RANDOM_FOREST_REGRESSOR_OPTIONS,
} from "./tree/tree-options.ts";

/** How the registry knows an estimator: build it from options, or restore it from JSON. */
export interface EstimatorEntry {
  create(options?: Record<string, unknown>): Estimator;
  fromJSON(json: ModelJSON): Estimator;
  task: "classification" | "regression";
  /** The estimator's options, declared once: name → default, allowed values, doc (checked in fit). */
  optionTable: OptionTable;
}

/**
 * Every estimator Understudy ships, by `kind`. The common checks run over this list;
 * `loadModel` restores from it.
 *
 * @example
 * const entry = estimatorRegistry["DecisionTreeClassifier"];
 * const model = entry.create({ maxDepth: 3 }).fit([[1], [2], [8], [9]], ["a", "a", "b", "b"]);
 * entry.fromJSON(model.toJSON()).predict([[7]]); // ["b"]
 */
export const estimatorRegistry: Record<string, EstimatorEntry> = {
  DecisionTreeClassifier: {
    create: (o) => new DecisionTreeClassifier(o),
    fromJSON: (j) => DecisionTreeClassifier.fromJSON(j),
    optionTable: DECISION_TREE_CLASSIFIER_OPTIONS,
    task: "classification",
  },
  DecisionTreeRegressor: {
    create: (o) => new DecisionTreeRegressor(o),
    fromJSON: (j) => DecisionTreeRegressor.fromJSON(j),
    optionTable: DECISION_TREE_REGRESSOR_OPTIONS,
    task: "regression",
  },
  RandomForestClassifier: {
    create: (o) => new RandomForestClassifier(o),
    fromJSON: (j) => RandomForestClassifier.fromJSON(j),
    optionTable: RANDOM_FOREST_CLASSIFIER_OPTIONS,
    task: "classification",
  },
  RandomForestRegressor: {
    create: (o) => new RandomForestRegressor(o),
    fromJSON: (j) => RandomForestRegressor.fromJSON(j),
    optionTable: RANDOM_FOREST_REGRESSOR_OPTIONS,
    task: "regression",
  },
  LogisticRegression: {
    create: (o) => new LogisticRegression(o),
    fromJSON: (j) => LogisticRegression.fromJSON(j),
    optionTable: LOGISTIC_REGRESSION_OPTIONS,
    task: "classification",
  },
  LinearRegression: {
    create: (o) => new LinearRegression(o),
    fromJSON: (j) => LinearRegression.fromJSON(j),
    optionTable: LINEAR_REGRESSION_OPTIONS,
    task: "regression",
  },
  KNNClassifier: {
    create: (o) => new KNNClassifier(o),
    fromJSON: (j) => KNNClassifier.fromJSON(j),
    optionTable: KNN_OPTIONS,
    task: "classification",
  },
  KNNRegressor: {
    create: (o) => new KNNRegressor(o),
    fromJSON: (j) => KNNRegressor.fromJSON(j),
    optionTable: KNN_OPTIONS,
    task: "regression",
  },
};
