import { finiteNumber, integer, option, type Constraint } from "../option-constraints.ts";

/** Direction of a monotone constraint on one feature. */
export type MonotoneDirection = "increasing" | "decreasing";

/** Monotone constraints by feature name or index (as a string key: { "0": "increasing" }). */
export type MonotoneConstraints = Readonly<Record<string, MonotoneDirection>>;

/** Value bins per feature: at least 2, at most 255 (the missing bin is extra, so a bin fits a byte). */
const binCount: Constraint = {
  expected: "an integer from 2 to 255",
  test: (v) => Number.isInteger(v) && (v as number) >= 2 && (v as number) <= 255,
};

/** A `monotone` option's allowed values (EBMs, trees and forests share it). */
export const monotoneMap: Constraint = {
  expected: 'an object { feature: "increasing" | "decreasing" } (feature by name or index)',
  test: (v) =>
    typeof v === "object" && v !== null && !Array.isArray(v) &&
    Object.values(v).every((d) => d === "increasing" || d === "decreasing"),
};

/**
 * Options of the Explainable Boosting Machine (InterpretML's EBM), declared once for both
 * the classifier and the regressor. Defaults are InterpretML's where its defaults fit a
 * single-threaded fit (it bags 14 times; 4 bags keep most of the smoothing at a third of the time).
 */
export const EBM_OPTIONS = {
  maxBins: option<number>(255, binCount, "Value bins per feature, cut at quantiles of the training rows; missing values (NaN) get a bin of their own. Default 255."),
  learningRate: option<number>(0.15, finiteNumber({ above: 0 }), "Shrinkage of each boosting step. Default 0.15 (InterpretML: 0.015 over up to 50,000 rounds on every core; a single-threaded fit takes bigger steps)."),
  maxRounds: option<number>(2000, integer({ min: 1 }), "Most cyclic rounds (each round boosts every term once). Default 2000."),
  earlyStoppingRounds: option<number>(20, integer({ min: 1 }), "Stop when the inner validation loss has not improved for this many rounds (the best round is kept). Default 20."),
  interactions: option<number>(10, integer({ min: 0 }), "Pairwise terms added after the main effects, chosen by the FAST ranking. Default 10."),
  outerBags: option<number>(4, integer({ min: 1 }), "Boosting runs on different inner train/validation splits, averaged. Default 4."),
  minSamplesLeaf: option<number>(2, integer({ min: 1 }), "Fewest training rows on each side of a split. Default 2."),
  seed: option<number>(0, integer(), "Seeds the inner validation splits. Default 0."),
  monotone: option<MonotoneConstraints>({}, monotoneMap, 'Monotone shape functions: { feature: "increasing" | "decreasing" }; "increasing" means the prediction (for classifiers, the probability of the first class) never decreases as the feature grows. Constrained features get no pairwise term. Default {}.'),
};

/** The options one may pass to an EBM; every one is optional. */
export type EBMOptions = { [K in keyof typeof EBM_OPTIONS]?: (typeof EBM_OPTIONS)[K]["default"] };

/** Share of each bag's rows held out for early stopping (InterpretML's validation_size). */
export const VALIDATION_FRACTION = 0.15;

/** Bins per feature for pairwise terms: coarser, so a pair's 2-D histogram stays small (InterpretML: 32). */
export const INTERACTION_BINS = 32;
