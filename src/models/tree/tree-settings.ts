import { UnderstudyError } from "../../core/errors.ts";
import { messages } from "../../core/messages/index.ts";
import type { MonotoneConstraints } from "../ebm/ebm-options.ts";
import { monotoneSigns } from "../monotone-signs.ts";
import type { GrowSettings } from "./build-tree.ts";
import type { EnsemblePlan } from "./grow-trees.ts";

/** How many features a split examines: a rule of the feature count, or a fraction of it. */
export type MaxFeatures = "sqrt" | "log2" | "all" | { fraction: number };

/** Per-class weights: "balanced" (n / (nClasses · count)) or an explicit weight per label. */
export type ClassWeight = "balanced" | Record<string, number>;

/** The tree-shaping options shared by trees and forests, defaults filled in. */
export interface TreeShapeOptions {
  maxDepth: number;
  minSamplesLeaf: number;
  minSamplesSplit: number;
  maxLeafNodes: number;
  minImpurityDecrease: number;
  criterion: string;
  maxFeatures: MaxFeatures;
  monotone?: MonotoneConstraints;
}

/**
 * Turns tree-shaping options, already checked against the estimator's option table, into the
 * builder's settings.
 *
 * @example
 * treeSettings(options, ["income", "debt"], 2, "DecisionTreeClassifier"); // GrowSettings
 */
export function treeSettings(o: TreeShapeOptions, featureNames: readonly string[], nClasses: number, kind: string): GrowSettings {
  const nFeatures = featureNames.length;
  const monotone = constraintSigns(kind, o.monotone ?? {}, featureNames, nClasses);
  return {
    ...(monotone ? { monotone } : {}),
    nClasses,
    criterion: o.criterion as GrowSettings["criterion"],
    maxDepth: o.maxDepth,
    minSamplesLeaf: o.minSamplesLeaf,
    minSamplesSplit: o.minSamplesSplit,
    maxLeafNodes: o.maxLeafNodes,
    minImpurityDecrease: o.minImpurityDecrease,
    maxFeatures: featureCount(o.maxFeatures, nFeatures),
  };
}

// +1 / −1 per constrained feature, or undefined when none is.
function constraintSigns(kind: string, monotone: MonotoneConstraints, featureNames: readonly string[], nClasses: number): Int8Array | undefined {
  if (Object.keys(monotone).length === 0) return undefined;
  if (nClasses > 2) throw new UnderstudyError("bad_option", messages.models.monotoneTwoClasses(kind, nClasses));
  return monotoneSigns(kind, monotone, featureNames);
}

/** Resolves `maxFeatures` to a count in [1, nFeatures], as scikit-learn does. */
function featureCount(m: MaxFeatures, p: number): number {
  if (m === "all") return p;
  if (m === "sqrt") return Math.max(1, Math.floor(Math.sqrt(p)));
  if (m === "log2") return Math.max(1, Math.floor(Math.log2(p)));
  return Math.max(1, Math.floor(m.fraction * p));
}

/**
 * Checks the one forest rule a table cannot state (oobScore needs bootstrap) and returns the
 * forest's ensemble plan (shared by both forests, whose plans are built alike).
 *
 * @example
 * forestPlan("RandomForestRegressor", { nEstimators: 100, bootstrap: true, oobScore: false, seed: 0 });
 */
export function forestPlan(
  kind: string,
  o: { nEstimators: number; bootstrap: boolean; maxSamples?: { fraction: number }; oobScore: boolean; seed: number },
): EnsemblePlan {
  if (o.oobScore && !o.bootstrap) throw new UnderstudyError("bad_option", messages.models.oobNeedsBootstrap(kind));
  return { nEstimators: o.nEstimators, bootstrap: o.bootstrap, maxSamples: o.maxSamples, seed: o.seed, oobScore: o.oobScore };
}
