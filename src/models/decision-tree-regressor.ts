import type { ModelJSON } from "./estimator.ts";
import type { EnsemblePlan } from "./tree/grow-trees.ts";
import { TreeRegressorBase } from "./tree/tree-regressor-base.ts";
import { optionsFromJSON } from "./tree/tree-json.ts";
import { TREE_SIZE_DEFAULTS, withDefaults, type MaxFeatures, type TreeShapeOptions } from "./tree/tree-settings.ts";

/** Options of DecisionTreeRegressor; every one is optional. */
export interface DecisionTreeRegressorOptions {
  /** Split quality: "squared_error" (variance reduction), the default and only choice. */
  criterion?: "squared_error";
  /** Deepest level a node may sit at (root = 0). Default Infinity. */
  maxDepth?: number;
  /** Fewest training rows a leaf may hold. Default 1. */
  minSamplesLeaf?: number;
  /** Fewest training rows a node needs to be split. Default 2. */
  minSamplesSplit?: number;
  /** Most leaves; when set the tree grows best-first by impurity decrease. Default Infinity. */
  maxLeafNodes?: number;
  /** Split only when the weighted impurity decrease is at least this. Default 0. */
  minImpurityDecrease?: number;
  /** Features examined per split: "all" (default), "sqrt", "log2" or { fraction }. */
  maxFeatures?: MaxFeatures;
  /** Seeds the order features are examined in, which decides ties between equal splits. Default 0. */
  seed?: number;
}

const DEFAULTS = {
  criterion: "squared_error" as const,
  ...TREE_SIZE_DEFAULTS,
  maxFeatures: "all" as MaxFeatures,
  seed: 0,
};

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
  readonly options: Readonly<typeof DEFAULTS>;

  constructor(options: DecisionTreeRegressorOptions = {}) {
    super();
    this.options = Object.freeze(withDefaults(DEFAULTS, options));
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
