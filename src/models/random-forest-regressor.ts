import type { ModelJSON } from "./estimator.ts";
import type { EnsemblePlan } from "./tree/grow-trees.ts";
import { TreeRegressorBase } from "./tree/tree-regressor-base.ts";
import { optionsFromJSON } from "./tree/tree-json.ts";
import { storeOptions, type OptionsOf } from "./option-constraints.ts";
import { RANDOM_FOREST_REGRESSOR_OPTIONS } from "./tree/tree-options.ts";
import { forestPlan, type TreeShapeOptions } from "./tree/tree-settings.ts";

/** Options of RandomForestRegressor, each optional: see {@link RANDOM_FOREST_REGRESSOR_OPTIONS} for defaults and docs. */
export type RandomForestRegressorOptions = Partial<OptionsOf<typeof RANDOM_FOREST_REGRESSOR_OPTIONS>>;

/**
 * A random forest of CART regression trees: bootstrap samples as integer row weights, random
 * feature subsets per split when maxFeatures asks for them; the prediction is the mean of the
 * trees' leaf means. Missing values are routed as in DecisionTreeRegressor.
 *
 * @example
 * const forest = new RandomForestRegressor({ nEstimators: 50 }).fit(X, y);
 * forest.predict(X.slice(0, 2));
 */
export class RandomForestRegressor extends TreeRegressorBase {
  readonly kind: string = "RandomForestRegressor";
  readonly options: Readonly<OptionsOf<typeof RANDOM_FOREST_REGRESSOR_OPTIONS>>;
  protected readonly optionTable = RANDOM_FOREST_REGRESSOR_OPTIONS;

  constructor(options: RandomForestRegressorOptions = {}) {
    super();
    this.options = storeOptions(RANDOM_FOREST_REGRESSOR_OPTIONS, options);
  }

  protected settings(): { shape: TreeShapeOptions; plan: EnsemblePlan } {
    const o = this.options;
    return { shape: o, plan: forestPlan(this.kind, o) };
  }

  /**
   * Restores a forest saved with `toJSON()`; predictions are identical.
   *
   * @example
   * const copy = RandomForestRegressor.fromJSON(forest.toJSON());
   */
  static fromJSON(json: ModelJSON): RandomForestRegressor {
    const options = optionsFromJSON(json?.options ?? {}, ["maxDepth", "maxLeafNodes"]);
    return new RandomForestRegressor(options as RandomForestRegressorOptions).restore(json);
  }
}
