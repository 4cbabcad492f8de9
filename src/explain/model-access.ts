import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { Matrix, type MatrixLike } from "../data/matrix.ts";
import type { Estimator, Label, LinearModel, NeighborModel, TreeModel } from "../models/estimator.ts";
import { isLinearModel, isNeighborModel, isTreeModel } from "../models/model-kinds.ts";

/**
 * Any fitted estimator. Explanations read its `capabilities` and the matching accessors
 * (TreeModel, LinearModel, NeighborModel); they never check concrete classes.
 */
export type FittedModel = Estimator<Label>;

/** The model as a TreeModel, or an error naming the method that needs trees. */
export function treesOf(model: FittedModel, method: string): TreeModel {
  if (!isTreeModel(model)) throw new UnderstudyError("unsupported_model", messages.explain.needsTrees(method, model?.kind));
  return model;
}

/** The model as a LinearModel, or an error naming the method that needs coefficients. */
export function linearOf(model: FittedModel, method: string): LinearModel {
  if (!isLinearModel(model)) throw new UnderstudyError("unsupported_model", messages.explain.needsCoefficients(method, model?.kind));
  return model;
}

/** The model as a NeighborModel, or an error naming the method that needs neighbors. */
export function neighborsOf(model: FittedModel, method: string): NeighborModel {
  if (!isNeighborModel(model)) throw new UnderstudyError("unsupported_model", messages.explain.needsNeighbors(method, model?.kind));
  return model;
}

/**
 * The model's numeric output per row: class probabilities (columns in `classes` order) for
 * classifiers with probabilities, else the prediction as one column (regressors), else a
 * one-hot of the predicted class.
 */
export function modelOutputs(model: FittedModel, X: Matrix): number[][] {
  if (X.nRows === 0) return [];
  if (model.capabilities.task === "classification") {
    if (model.capabilities.probabilities && model.predictProba) return model.predictProba(X);
    const classes = model.classes ?? [];
    return model.predict(X).map((p) => classes.map((c) => (c === p ? 1 : 0)));
  }
  return (model.predict(X) as unknown as number[]).map((v) => [v]);
}

/** Names of the output columns: class labels, or "prediction" for regressors. */
export function outputNames(model: FittedModel): string[] {
  if (model.capabilities.task === "classification") return (model.classes ?? []).map(String);
  return ["prediction"];
}

/** X as a Matrix with the model's width, or a clear error. */
export function inputMatrix(model: FittedModel, X: MatrixLike, method: string): Matrix {
  const width = X instanceof Matrix ? X.nCols : X.length > 0 ? X[0]?.length : model.nFeatures;
  const M = Matrix.from(X, !(X instanceof Matrix) && width === model.nFeatures ? model.featureNames : undefined);
  if (M.nRows > 0 && M.nCols !== model.nFeatures) {
    throw new UnderstudyError("width_mismatch", messages.explain.matrixWidth(method, M.nCols, model.nFeatures));
  }
  return M;
}

/** One row (array or typed array) as a checked Float64Array of the model's width. */
export function inputRow(model: FittedModel, x: ArrayLike<number>, method: string): Float64Array {
  if (x == null || x.length !== model.nFeatures) {
    throw new UnderstudyError("width_mismatch", messages.explain.rowWidth(method, x?.length ?? 0, model.nFeatures));
  }
  return Float64Array.from(x);
}

/** The output column a local explanation is about: the predicted class (or 0 for regressors). */
export function decisionIndex(model: FittedModel, outputs: number[]): number {
  if (model.capabilities.task === "regression") return 0;
  let best = 0;
  for (let k = 1; k < outputs.length; k++) if (outputs[k] > outputs[best]) best = k;
  return best;
}

/** Index of a class label in model.classes, or a clear error. */
export function classIndex(model: FittedModel, label: Label, method: string): number {
  const classes = model.classes ?? [];
  const k = classes.findIndex((c) => c === label);
  if (k < 0) {
    throw new UnderstudyError("bad_labels", messages.explain.unknownClass(method, label, classes));
  }
  return k;
}
