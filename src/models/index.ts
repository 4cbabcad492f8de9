// Public API of src/models (re-exports only).
export type {
  Label,
  Capabilities,
  FitOptions,
  ModelJSON,
  Estimator,
  TreeStructure,
  TreeModel,
  LinearModel,
  NeighborModel,
} from "./estimator.ts";
export { DecisionTreeClassifier, type DecisionTreeClassifierOptions } from "./decision-tree-classifier.ts";
export { DecisionTreeRegressor, type DecisionTreeRegressorOptions } from "./decision-tree-regressor.ts";
export { RandomForestClassifier, type RandomForestClassifierOptions } from "./random-forest-classifier.ts";
export { RandomForestRegressor, type RandomForestRegressorOptions } from "./random-forest-regressor.ts";
export { LogisticRegression, type LogisticRegressionOptions } from "./logistic-regression.ts";
export { LinearRegression, type LinearRegressionOptions } from "./linear-regression.ts";
export { KNNClassifier } from "./knn-classifier.ts";
export type { KNNOptions } from "./neighbors/knn-options.ts";
export { KNNRegressor } from "./knn-regressor.ts";
export { estimatorRegistry, type EstimatorEntry } from "./registry.ts";
export { loadModel } from "./load-model.ts";
export { fromMlCart } from "./adapters/from-ml-cart.ts";
export { fromMlRandomForest } from "./adapters/from-ml-random-forest.ts";
export { fromMlLogisticRegression } from "./adapters/from-ml-logistic-regression.ts";
export type { MlAdapterOptions } from "./adapters/ml-adapter-options.ts";
