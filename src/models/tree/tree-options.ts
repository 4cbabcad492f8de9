import { anyOf, finiteNumber, fraction, integer, oneOf, option, weightPerLabel } from "../option-constraints.ts";
import { monotoneMap, type MonotoneConstraints } from "../ebm/ebm-options.ts";
import type { ClassWeight, MaxFeatures } from "./tree-settings.ts";

const maxFeaturesAllowed = anyOf([oneOf("sqrt", "log2", "all"), fraction]);

/**
 * The tree-shaping options every tree and forest shares (scikit-learn's defaults: grow until
 * leaves are pure). Each estimator's table spreads these, so the four cannot drift apart.
 */
export const TREE_SIZE_OPTIONS = {
  maxDepth: option<number>(Infinity, integer({ min: 1, orInfinity: true }), "Deepest level a node may sit at (root = 0). Default Infinity: grow until leaves are pure."),
  minSamplesLeaf: option<number>(1, integer({ min: 1 }), "Fewest training rows a leaf may hold. Default 1."),
  minSamplesSplit: option<number>(2, integer({ min: 2 }), "Fewest training rows a node needs to be split. Default 2."),
  maxLeafNodes: option<number>(Infinity, integer({ min: 2, orInfinity: true }), "Most leaves; when set the tree grows best-first by impurity decrease. Default Infinity."),
  minImpurityDecrease: option<number>(0, finiteNumber({ min: 0 }), "Split only when the weighted impurity decrease is at least this. Default 0."),
  monotone: option<MonotoneConstraints>({}, monotoneMap, 'Monotone constraints: { feature: "increasing" | "decreasing" } (by name or index); "increasing" means the prediction (for a binary classifier, the probability of the first class) never decreases as the feature grows. A split on a constrained feature is kept only if its children keep the order, and their subtrees are bounded by the midpoint of the two (as LightGBM and XGBoost do). Not for more than two classes. Default {}.'),
};

/** Options of DecisionTreeClassifier: name → default, allowed values, doc. */
export const DECISION_TREE_CLASSIFIER_OPTIONS = {
  criterion: option<"gini" | "entropy">("gini", oneOf("gini", "entropy"), 'Split quality: "gini" (default) or "entropy" (information gain, in bits).'),
  ...TREE_SIZE_OPTIONS,
  maxFeatures: option<MaxFeatures>("all", maxFeaturesAllowed, 'Features examined per split: "all" (default), "sqrt", "log2" or { fraction }.'),
  classWeight: option<ClassWeight | undefined>(undefined, anyOf([oneOf("balanced"), weightPerLabel], { optional: true }), 'Per-class weights: "balanced" or { label: weight }. Default: none (all 1).'),
  seed: option<number>(0, integer(), "Seeds the order features are examined in, which decides ties between equal splits. Default 0."),
};

/** Options of DecisionTreeRegressor. */
export const DECISION_TREE_REGRESSOR_OPTIONS = {
  criterion: option<"squared_error">("squared_error", oneOf("squared_error"), 'Split quality: "squared_error" (variance reduction), the default and only choice.'),
  ...TREE_SIZE_OPTIONS,
  maxFeatures: DECISION_TREE_CLASSIFIER_OPTIONS.maxFeatures,
  seed: DECISION_TREE_CLASSIFIER_OPTIONS.seed,
};

const nEstimators = option<number>(100, integer({ min: 1 }), "Number of trees. Default 100.");
const bootstrap = option<boolean>(true, oneOf(true, false), "Each tree sees a bootstrap sample (drawn with replacement). Default true.");
const maxSamples = option<{ fraction: number } | undefined>(undefined, anyOf([fraction], { optional: true }), "Bootstrap sample size as a fraction of the rows. Default: as many as there are rows.");
const oobScore = option<boolean>(false, oneOf(true, false), "Score each row with the trees that did not draw it (accuracy or R²); read it from `oobScore`. Default false.");

// Forests spread their tree's table; seed (and classWeight) move to the end so the options keep
// the order toJSON has always written them in.
const { classWeight, seed, ...classifierTree } = DECISION_TREE_CLASSIFIER_OPTIONS;
const { seed: regressorSeed, ...regressorTree } = DECISION_TREE_REGRESSOR_OPTIONS;

/** Options of RandomForestClassifier: the tree's, with "sqrt" features per split, plus the forest's. */
export const RANDOM_FOREST_CLASSIFIER_OPTIONS = {
  nEstimators,
  ...classifierTree,
  maxFeatures: option<MaxFeatures>("sqrt", maxFeaturesAllowed, 'Features drawn per split: "sqrt" (default), "log2", "all" or { fraction }.'),
  bootstrap,
  maxSamples,
  classWeight,
  oobScore,
  seed: option<number>(0, seed.allowed, "Seeds bootstraps and feature draws: same seed, same forest. Default 0."),
};

/** Options of RandomForestRegressor: the tree's (all features per split, like scikit-learn ≥ 1.1), plus the forest's. */
export const RANDOM_FOREST_REGRESSOR_OPTIONS = {
  nEstimators,
  ...regressorTree,
  bootstrap,
  maxSamples,
  oobScore,
  seed: option<number>(0, regressorSeed.allowed, "Seeds bootstraps and feature draws: same seed, same forest. Default 0."),
};
