import type { Label, ModelJSON } from "./estimator.ts";
import type { EnsemblePlan } from "./tree/grow-trees.ts";
import { TreeClassifierBase } from "./tree/tree-classifier-base.ts";
import { optionsFromJSON } from "./tree/tree-json.ts";
import { TREE_SIZE_DEFAULTS, withDefaults, type ClassWeight, type MaxFeatures, type TreeShapeOptions } from "./tree/tree-settings.ts";

/** Options of DecisionTreeClassifier; every one is optional. */
export interface DecisionTreeClassifierOptions {
  /** Split quality: "gini" (default) or "entropy" (information gain, in bits). */
  criterion?: "gini" | "entropy";
  /** Deepest level a node may sit at (root = 0). Default Infinity: grow until leaves are pure. */
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
  /** Per-class weights: "balanced" or { label: weight }. Default: none (all 1). */
  classWeight?: ClassWeight;
  /** Seeds the order features are examined in, which decides ties between equal splits. Default 0. */
  seed?: number;
}

const DEFAULTS = {
  criterion: "gini" as "gini" | "entropy",
  ...TREE_SIZE_DEFAULTS,
  maxFeatures: "all" as MaxFeatures,
  classWeight: undefined as ClassWeight | undefined,
  seed: 0,
};

/**
 * A CART classification tree (scikit-learn's algorithm: best split over midpoint thresholds,
 * gini or entropy), fitted on presorted typed arrays. Missing values (NaN) are routed: each
 * split tries sending them left and right and keeps the better; a split that saw none in
 * training sends them to the heavier child. `trees[0]` exposes the fitted structure.
 *
 * @example
 * const tree = new DecisionTreeClassifier({ maxDepth: 3 }).fit([[1], [2], [8], [9]], ["a", "a", "b", "b"]);
 * tree.predict([[1.5], [7]]);   // ["a", "b"]
 * tree.predictProba([[1.5]]);   // [[1, 0]]
 */
export class DecisionTreeClassifier<Y extends Label = Label> extends TreeClassifierBase<Y> {
  readonly kind: string = "DecisionTreeClassifier";
  readonly options: Readonly<typeof DEFAULTS>;

  constructor(options: DecisionTreeClassifierOptions = {}) {
    super();
    this.options = Object.freeze(withDefaults(DEFAULTS, options));
  }

  protected settings(): { shape: TreeShapeOptions; plan: EnsemblePlan; classWeight?: ClassWeight } {
    const o = this.options;
    return { shape: o, plan: { nEstimators: 1, bootstrap: false, seed: o.seed }, classWeight: o.classWeight };
  }

  /**
   * Restores a classifier saved with `toJSON()`; predictions are identical.
   *
   * @example
   * const copy = DecisionTreeClassifier.fromJSON(JSON.parse(JSON.stringify(tree.toJSON())));
   */
  static fromJSON<Y extends Label = Label>(json: ModelJSON): DecisionTreeClassifier<Y> {
    const options = optionsFromJSON(json?.options ?? {}, ["maxDepth", "maxLeafNodes"]);
    return new DecisionTreeClassifier<Y>(options as DecisionTreeClassifierOptions).restore(json);
  }
}
