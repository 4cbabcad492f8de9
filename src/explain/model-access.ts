import { UnderstudyError } from "../core/errors.ts";
import { Matrix, type MatrixLike } from "../data/matrix.ts";
import type { Estimator, Label, LinearModel, NeighborModel, TreeModel } from "../models/estimator.ts";

/**
 * Any fitted estimator. Explanations read its `capabilities` and the matching accessors
 * (TreeModel, LinearModel, NeighborModel); they never check concrete classes.
 */
export type FittedModel = Estimator<Label>;

/** The model as a TreeModel, or an error naming the method that needs trees. */
export function treesOf(model: FittedModel, method: string): TreeModel {
  const m = model as unknown as Partial<TreeModel>;
  if (!model?.capabilities?.trees || !m.trees || !m.treeWeights) {
    throw new UnderstudyError(
      "unsupported_model",
      `${method} needs a tree model (capabilities.trees); ${model?.kind ?? "this model"} has none. Use reasonCodes or permutationImportance, which work for any model.`,
    );
  }
  return m as TreeModel;
}

/** The model as a LinearModel, or an error naming the method that needs coefficients. */
export function linearOf(model: FittedModel, method: string): LinearModel {
  const m = model as unknown as Partial<LinearModel>;
  if (!model?.capabilities?.coefficients || !m.coefficients || !m.intercepts) {
    throw new UnderstudyError(
      "unsupported_model",
      `${method} needs a linear model (capabilities.coefficients); ${model?.kind ?? "this model"} has none. Use reasonCodes, which works for any model.`,
    );
  }
  return m as LinearModel;
}

/** The model as a NeighborModel, or an error naming the method that needs neighbors. */
export function neighborsOf(model: FittedModel, method: string): NeighborModel {
  const m = model as unknown as Partial<NeighborModel>;
  if (!model?.capabilities?.neighbors || typeof m.kneighbors !== "function") {
    throw new UnderstudyError(
      "unsupported_model",
      `${method} needs a k-NN model (capabilities.neighbors); ${model?.kind ?? "this model"} has none.`,
    );
  }
  return m as NeighborModel;
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
    throw new UnderstudyError(
      "width_mismatch",
      `${method}: X has ${M.nCols} columns but the model was fitted on ${model.nFeatures}; pass the same features in the same order.`,
    );
  }
  return M;
}

/** One row (array or typed array) as a checked Float64Array of the model's width. */
export function inputRow(model: FittedModel, x: ArrayLike<number>, method: string): Float64Array {
  if (x == null || x.length !== model.nFeatures) {
    throw new UnderstudyError(
      "width_mismatch",
      `${method}: the row has ${x?.length ?? 0} values but the model was fitted on ${model.nFeatures} features; pass one value per feature.`,
    );
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
    throw new UnderstudyError(
      "unknown_class",
      `${method}: ${JSON.stringify(label)} is not one of the model's classes (${classes.map((c) => JSON.stringify(c)).join(", ")}).`,
    );
  }
  return k;
}
