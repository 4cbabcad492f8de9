import { UnderstudyError } from "../../core/errors.ts";
import type { Label } from "../estimator.ts";
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
}

/**
 * The size limits every tree and forest starts from (scikit-learn's: grow until leaves are
 * pure), so the four estimators cannot drift apart. Spread in the middle of each DEFAULTS,
 * which keeps the option order that toJSON writes.
 */
export const TREE_SIZE_DEFAULTS = {
  maxDepth: Infinity,
  minSamplesLeaf: 1,
  minSamplesSplit: 2,
  maxLeafNodes: Infinity,
  minImpurityDecrease: 0,
};

/**
 * Validates the tree-shaping options (in fit, never in constructors) and turns them into the
 * builder's settings. Errors name the option and the values it accepts.
 *
 * @example
 * treeSettings("DecisionTreeClassifier", options, 8, 3); // GrowSettings
 */
export function treeSettings(kind: string, o: TreeShapeOptions, nFeatures: number, nClasses: number): GrowSettings {
  const criteria = nClasses > 0 ? ["gini", "entropy"] : ["squared_error"];
  if (!criteria.includes(o.criterion)) {
    throw bad(kind, "criterion", o.criterion, criteria.map((c) => JSON.stringify(c)).join(" or "));
  }
  if (!(o.maxDepth === Infinity || (Number.isInteger(o.maxDepth) && o.maxDepth >= 1))) {
    throw bad(kind, "maxDepth", o.maxDepth, "an integer ≥ 1, or Infinity for no limit");
  }
  if (!(Number.isInteger(o.minSamplesLeaf) && o.minSamplesLeaf >= 1)) {
    throw bad(kind, "minSamplesLeaf", o.minSamplesLeaf, "an integer ≥ 1");
  }
  if (!(Number.isInteger(o.minSamplesSplit) && o.minSamplesSplit >= 2)) {
    throw bad(kind, "minSamplesSplit", o.minSamplesSplit, "an integer ≥ 2");
  }
  if (!(o.maxLeafNodes === Infinity || (Number.isInteger(o.maxLeafNodes) && o.maxLeafNodes >= 2))) {
    throw bad(kind, "maxLeafNodes", o.maxLeafNodes, "an integer ≥ 2, or Infinity for no limit");
  }
  if (!(typeof o.minImpurityDecrease === "number" && o.minImpurityDecrease >= 0 && Number.isFinite(o.minImpurityDecrease))) {
    throw bad(kind, "minImpurityDecrease", o.minImpurityDecrease, "a finite number ≥ 0");
  }
  return {
    nClasses,
    criterion: o.criterion as GrowSettings["criterion"],
    maxDepth: o.maxDepth,
    minSamplesLeaf: o.minSamplesLeaf,
    minSamplesSplit: o.minSamplesSplit,
    maxLeafNodes: o.maxLeafNodes,
    minImpurityDecrease: o.minImpurityDecrease,
    maxFeatures: featureCount(kind, o.maxFeatures, nFeatures),
  };
}

/** Resolves `maxFeatures` to a count in [1, nFeatures], as scikit-learn does. */
function featureCount(kind: string, m: MaxFeatures, p: number): number {
  if (m === "all") return p;
  if (m === "sqrt") return Math.max(1, Math.floor(Math.sqrt(p)));
  if (m === "log2") return Math.max(1, Math.floor(Math.log2(p)));
  if (m != null && typeof m === "object" && typeof m.fraction === "number" && m.fraction > 0 && m.fraction <= 1) {
    return Math.max(1, Math.floor(m.fraction * p));
  }
  throw bad(kind, "maxFeatures", m, '"sqrt", "log2", "all" or { fraction } with 0 < fraction ≤ 1');
}

/**
 * Weight of each class code under `classWeight` (undefined: all 1). "balanced" uses the
 * unweighted class counts, like scikit-learn's compute_class_weight.
 *
 * @example
 * classWeights("DecisionTreeClassifier", "balanced", ["a", "b"], Int32Array.from([0, 0, 0, 1])); // [0.667, 2]
 */
export function classWeights(
  kind: string,
  classWeight: ClassWeight | undefined,
  classes: Label[],
  codes: Int32Array,
): Float64Array {
  const K = classes.length;
  const out = new Float64Array(K).fill(1);
  if (classWeight === undefined) return out;
  if (classWeight === "balanced") {
    const counts = new Float64Array(K);
    for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
    for (let k = 0; k < K; k++) out[k] = codes.length / (K * counts[k]);
    return out;
  }
  if (classWeight === null || typeof classWeight !== "object") {
    throw bad(kind, "classWeight", classWeight, '"balanced" or an object { label: weight }');
  }
  const known = new Set(classes.map(String));
  for (const [label, w] of Object.entries(classWeight)) {
    if (!known.has(label)) {
      throw new UnderstudyError(
        "bad_option",
        `${kind}: classWeight names ${JSON.stringify(label)}, which is not a class in y (classes: ${classes.map(String).join(", ")}); fix the label.`,
      );
    }
    if (typeof w !== "number" || !(w >= 0) || !Number.isFinite(w)) {
      throw bad(kind, `classWeight[${JSON.stringify(label)}]`, w, "a finite number ≥ 0");
    }
  }
  classes.forEach((c, k) => {
    const w = classWeight[String(c)];
    if (w !== undefined) out[k] = w;
  });
  return out;
}

/**
 * Validates the forest-only options the same way and returns the forest's ensemble plan
 * (shared by both forests, whose plans are built alike).
 *
 * @example
 * forestPlan("RandomForestRegressor", { nEstimators: 100, bootstrap: true, oobScore: false, seed: 0 });
 */
export function forestPlan(
  kind: string,
  o: { nEstimators: number; bootstrap: boolean; maxSamples?: { fraction: number }; oobScore: boolean; seed: number },
): EnsemblePlan {
  if (!(Number.isInteger(o.nEstimators) && o.nEstimators >= 1)) {
    throw bad(kind, "nEstimators", o.nEstimators, "an integer ≥ 1");
  }
  if (typeof o.bootstrap !== "boolean") throw bad(kind, "bootstrap", o.bootstrap, "true or false");
  if (typeof o.oobScore !== "boolean") throw bad(kind, "oobScore", o.oobScore, "true or false");
  if (o.oobScore && !o.bootstrap) {
    throw new UnderstudyError("bad_option", `${kind}: option oobScore needs bootstrap: true (without bootstrap no row is out of bag).`);
  }
  const ms = o.maxSamples;
  if (ms !== undefined && !(ms != null && typeof ms === "object" && ms.fraction > 0 && ms.fraction <= 1)) {
    throw bad(kind, "maxSamples", ms, "{ fraction } with 0 < fraction ≤ 1");
  }
  return { nEstimators: o.nEstimators, bootstrap: o.bootstrap, maxSamples: o.maxSamples, seed: o.seed, oobScore: o.oobScore };
}

/** Checks the seed option. */
export function checkSeed(kind: string, seed: unknown): void {
  if (!(typeof seed === "number" && Number.isInteger(seed))) throw bad(kind, "seed", seed, "an integer");
}

function bad(kind: string, option: string, value: unknown, expected: string): UnderstudyError {
  const shown = typeof value === "number" ? String(value) : JSON.stringify(value);
  return new UnderstudyError("bad_option", `${kind}: option ${option} is ${shown}; it must be ${expected}.`);
}

/** `defaults` overridden by the options the caller set (keys set to undefined keep the default). */
export function withDefaults<T extends object>(defaults: T, options: Partial<T> | undefined): T {
  const out = { ...defaults } as Record<string, unknown>;
  for (const [k, v] of Object.entries(options ?? {})) if (v !== undefined) out[k] = v;
  return out as T;
}
