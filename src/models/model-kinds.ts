import type { Estimator, Label, LinearModel, NeighborModel, TreeModel } from "./estimator.ts";

/**
 * True when the model declares trees (`capabilities.trees`): it is a {@link TreeModel}.
 * Shared code narrows with these guards instead of casting or checking classes.
 *
 * @example
 * if (isTreeModel(model) && model.trees.length === 1) console.log(formatTreeRules(treeRules(model)));
 */
export function isTreeModel<M extends Estimator<Label>>(model: M): model is M & TreeModel {
  return model?.capabilities?.trees === true;
}

/**
 * True when the model declares coefficients (`capabilities.coefficients`): it is a {@link LinearModel}.
 *
 * @example
 * if (isLinearModel(model)) console.log(model.coefficients, model.intercepts);
 */
export function isLinearModel<M extends Estimator<Label>>(model: M): model is M & LinearModel {
  return model?.capabilities?.coefficients === true;
}

/**
 * True when the model predicts from stored rows (`capabilities.neighbors`): it is a {@link NeighborModel}.
 *
 * @example
 * if (isNeighborModel(model)) model.kneighbors([[1, 2]], 3).indices;
 */
export function isNeighborModel<M extends Estimator<Label>>(model: M): model is M & NeighborModel {
  return model?.capabilities?.neighbors === true;
}
