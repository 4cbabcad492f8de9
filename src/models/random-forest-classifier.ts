import type { Label, ModelJSON } from "./estimator.ts";
import type { EnsemblePlan } from "./tree/grow-trees.ts";
import { TreeClassifierBase } from "./tree/tree-classifier-base.ts";
import { optionsFromJSON } from "./tree/tree-json.ts";
import { storeOptions, type OptionsOf } from "./option-constraints.ts";
import { RANDOM_FOREST_CLASSIFIER_OPTIONS } from "./tree/tree-options.ts";
import { forestPlan, type ClassWeight, type TreeShapeOptions } from "./tree/tree-settings.ts";

/** Options of RandomForestClassifier, each optional: see {@link RANDOM_FOREST_CLASSIFIER_OPTIONS} for defaults and docs. */
export type RandomForestClassifierOptions = Partial<OptionsOf<typeof RANDOM_FOREST_CLASSIFIER_OPTIONS>>;

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
  readonly options: Readonly<OptionsOf<typeof RANDOM_FOREST_CLASSIFIER_OPTIONS>>;
  protected readonly optionTable = RANDOM_FOREST_CLASSIFIER_OPTIONS;

  constructor(options: RandomForestClassifierOptions = {}) {
    super();
    this.options = storeOptions(RANDOM_FOREST_CLASSIFIER_OPTIONS, options);
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
