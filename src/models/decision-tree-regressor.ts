import type { ModelJSON } from "./estimator.ts";
import type { EnsemblePlan } from "./tree/grow-trees.ts";
import { TreeRegressorBase } from "./tree/tree-regressor-base.ts";
import { optionsFromJSON } from "./tree/tree-json.ts";
import { storeOptions, type OptionsOf } from "./option-constraints.ts";
import { DECISION_TREE_REGRESSOR_OPTIONS } from "./tree/tree-options.ts";
import type { TreeShapeOptions } from "./tree/tree-settings.ts";

/** Options of DecisionTreeRegressor, each optional: see {@link DECISION_TREE_REGRESSOR_OPTIONS} for defaults and docs. */
export type DecisionTreeRegressorOptions = Partial<OptionsOf<typeof DECISION_TREE_REGRESSOR_OPTIONS>>;

/**
 * A CART regression tree (squared error; leaves predict the weighted mean), scikit-learn's
 * algorithm on presorted typed arrays. NaN in X is routed like DecisionTreeClassifier does.
 *
 * @example
 * const tree = new DecisionTreeRegressor({ maxDepth: 1 }).fit([[1], [2], [8], [9]], [1, 3, 10, 12]);
 * tree.predict([[0], [10]]);   // [2, 11]
 */
export class DecisionTreeRegressor extends TreeRegressorBase {
  readonly kind: string = "DecisionTreeRegressor";
  readonly options: Readonly<OptionsOf<typeof DECISION_TREE_REGRESSOR_OPTIONS>>;
  protected readonly optionTable = DECISION_TREE_REGRESSOR_OPTIONS;

  constructor(options: DecisionTreeRegressorOptions = {}) {
    super();
    this.options = storeOptions(DECISION_TREE_REGRESSOR_OPTIONS, options);
  }

  protected settings(): { shape: TreeShapeOptions; plan: EnsemblePlan } {
    const o = this.options;
    return { shape: o, plan: { nEstimators: 1, bootstrap: false, seed: o.seed } };
  }

  /**
   * Restores a regressor saved with `toJSON()`; predictions are identical.
   *
   * @example
   * const copy = DecisionTreeRegressor.fromJSON(tree.toJSON());
   */
  static fromJSON(json: ModelJSON): DecisionTreeRegressor {
    const options = optionsFromJSON(json?.options ?? {}, ["maxDepth", "maxLeafNodes"]);
    return new DecisionTreeRegressor(options as DecisionTreeRegressorOptions).restore(json);
  }
}
