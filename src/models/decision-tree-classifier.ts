import type { Label, ModelJSON } from "./estimator.ts";
import type { EnsemblePlan } from "./tree/grow-trees.ts";
import { TreeClassifierBase } from "./tree/tree-classifier-base.ts";
import { optionsFromJSON } from "./tree/tree-json.ts";
import { storeOptions, type OptionsOf } from "./option-constraints.ts";
import { DECISION_TREE_CLASSIFIER_OPTIONS } from "./tree/tree-options.ts";
import type { ClassWeight, TreeShapeOptions } from "./tree/tree-settings.ts";

/** Options of DecisionTreeClassifier, each optional: see {@link DECISION_TREE_CLASSIFIER_OPTIONS} for defaults and docs. */
export type DecisionTreeClassifierOptions = Partial<OptionsOf<typeof DECISION_TREE_CLASSIFIER_OPTIONS>>;

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
  readonly options: Readonly<OptionsOf<typeof DECISION_TREE_CLASSIFIER_OPTIONS>>;
  protected readonly optionTable = DECISION_TREE_CLASSIFIER_OPTIONS;

  constructor(options: DecisionTreeClassifierOptions = {}) {
    super();
    this.options = storeOptions(DECISION_TREE_CLASSIFIER_OPTIONS, options);
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
