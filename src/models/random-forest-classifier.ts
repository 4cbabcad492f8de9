import type { Label, ModelJSON } from "./estimator.ts";
import type { EnsemblePlan } from "./tree/grow-trees.ts";
import { TreeClassifierBase } from "./tree/tree-classifier-base.ts";
import { optionsFromJSON } from "./tree/tree-json.ts";
import { forestPlan, TREE_SIZE_DEFAULTS, withDefaults, type ClassWeight, type MaxFeatures, type TreeShapeOptions } from "./tree/tree-settings.ts";

/** Options of RandomForestClassifier; every one is optional. */
export interface RandomForestClassifierOptions {
  /** Number of trees. Default 100. */
  nEstimators?: number;
  /** Split quality: "gini" (default) or "entropy". */
  criterion?: "gini" | "entropy";
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
  /** Features drawn per split: "sqrt" (default), "log2", "all" or { fraction }. */
  maxFeatures?: MaxFeatures;
  /** Each tree sees a bootstrap sample (drawn with replacement). Default true. */
  bootstrap?: boolean;
  /** Bootstrap sample size as a fraction of the rows. Default: as many as there are rows. */
  maxSamples?: { fraction: number };
  /** Per-class weights: "balanced" (from all of y) or { label: weight }. Default: none. */
  classWeight?: ClassWeight;
  /** Score each row with the trees that did not draw it; read it from `oobScore` (accuracy). Default false. */
  oobScore?: boolean;
  /** Seeds bootstraps and feature draws: same seed, same forest. Default 0. */
  seed?: number;
}

const DEFAULTS = {
  nEstimators: 100,
  criterion: "gini" as "gini" | "entropy",
  ...TREE_SIZE_DEFAULTS,
  maxFeatures: "sqrt" as MaxFeatures,
  bootstrap: true,
  maxSamples: undefined as { fraction: number } | undefined,
  classWeight: undefined as ClassWeight | undefined,
  oobScore: false,
  seed: 0,
};

/**
 * A random forest of CART classification trees (Breiman 2001, as scikit-learn builds it):
 * each tree grows on a bootstrap sample, passed as integer row weights, and examines a random
 * subset of features at each split. Probabilities are the mean of the trees' leaf class
 * distributions, not vote counts. Missing values are routed as in DecisionTreeClassifier.
 *
 * @example
 * const forest = new RandomForestClassifier({ nEstimators: 50, seed: 1 }).fit(X, y);
 * forest.predictProba(X.slice(0, 2));   // rows sum to 1, columns in forest.classes order
 */
export class RandomForestClassifier<Y extends Label = Label> extends TreeClassifierBase<Y> {
  readonly kind: string = "RandomForestClassifier";
  readonly options: Readonly<typeof DEFAULTS>;

  constructor(options: RandomForestClassifierOptions = {}) {
    super();
    this.options = Object.freeze(withDefaults(DEFAULTS, options));
  }

  protected settings(): { shape: TreeShapeOptions; plan: EnsemblePlan; classWeight?: ClassWeight } {
    const o = this.options;
    return { shape: o, plan: forestPlan(this.kind, o), classWeight: o.classWeight };
  }

  /**
   * Restores a forest saved with `toJSON()`; predictions are identical.
   *
   * @example
   * const copy = RandomForestClassifier.fromJSON(forest.toJSON());
   */
  static fromJSON<Y extends Label = Label>(json: ModelJSON): RandomForestClassifier<Y> {
    const options = optionsFromJSON(json?.options ?? {}, ["maxDepth", "maxLeafNodes"]);
    return new RandomForestClassifier<Y>(options as RandomForestClassifierOptions).restore(json);
  }
}
