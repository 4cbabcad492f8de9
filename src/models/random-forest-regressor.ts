import type { ModelJSON } from "./estimator.ts";
import type { EnsemblePlan } from "./tree/grow-trees.ts";
import { TreeRegressorBase } from "./tree/tree-regressor-base.ts";
import { optionsFromJSON } from "./tree/tree-json.ts";
import { forestPlan, TREE_SIZE_DEFAULTS, withDefaults, type MaxFeatures, type TreeShapeOptions } from "./tree/tree-settings.ts";

/** Options of RandomForestRegressor; every one is optional. */
export interface RandomForestRegressorOptions {
  /** Number of trees. Default 100. */
  nEstimators?: number;
  /** Split quality: "squared_error", the default and only choice. */
  criterion?: "squared_error";
  /** Deepest level of each tree. Default Infinity. */
  maxDepth?: number;
  /** Fewest training rows a leaf may hold. Default 1. */
  minSamplesLeaf?: number;
  /** Fewest training rows a node needs to be split. Default 2. */
  minSamplesSplit?: number;
  /** Most leaves per tree (grown best-first when set). Default Infinity. */
  maxLeafNodes?: number;
  /** Split only when the weighted impurity decrease is at least this. Default 0. */
  minImpurityDecrease?: number;
  /** Features drawn per split: "all" (default, like scikit-learn ≥ 1.1), "sqrt", "log2" or { fraction }. */
  maxFeatures?: MaxFeatures;
  /** Each tree sees a bootstrap sample (drawn with replacement). Default true. */
  bootstrap?: boolean;
  /** Bootstrap sample size as a fraction of the rows. Default: as many as there are rows. */
  maxSamples?: { fraction: number };
  /** Score each row with the trees that did not draw it; read it from `oobScore` (R²). Default false. */
  oobScore?: boolean;
  /** Seeds bootstraps and feature draws: same seed, same forest. Default 0. */
  seed?: number;
}

const DEFAULTS = {
  nEstimators: 100,
  criterion: "squared_error" as const,
  ...TREE_SIZE_DEFAULTS,
  maxFeatures: "all" as MaxFeatures,
  bootstrap: true,
  maxSamples: undefined as { fraction: number } | undefined,
  oobScore: false,
  seed: 0,
};

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
  readonly options: Readonly<typeof DEFAULTS>;

  constructor(options: RandomForestRegressorOptions = {}) {
    super();
    this.options = Object.freeze(withDefaults(DEFAULTS, options));
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
