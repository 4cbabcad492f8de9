import { UnderstudyError } from "../../core/errors.ts";
import { messages } from "../../core/messages/index.ts";
import type { ModelJSON, TreeStructure } from "../estimator.ts";

const ARRAYS = ["feature", "threshold", "left", "right", "missingGoesLeft", "value", "cover", "nSamples", "impurity"] as const;

/**
 * Trees as plain JSON (typed arrays become number arrays), and back.
 *
 * @example
 * const restored = treesFromJSON("DecisionTreeClassifier", treesToJSON(model.trees));
 */
export function treesToJSON(trees: TreeStructure[]): Record<string, unknown>[] {
  return trees.map((t) => {
    const out: Record<string, unknown> = { nodeCount: t.nodeCount, nOutputs: t.nOutputs };
    for (const key of ARRAYS) out[key] = Array.from(t[key]);
    return out;
  });
}

/**
 * A copy of a tree whose arrays share nothing with the original, for handing out.
 *
 * @example
 * const mine = copyTree(model.trees[0]);
 */
export function copyTree(t: TreeStructure): TreeStructure {
  return {
    ...t,
    feature: t.feature.slice(),
    threshold: t.threshold.slice(),
    left: t.left.slice(),
    right: t.right.slice(),
    missingGoesLeft: t.missingGoesLeft.slice(),
    value: t.value.slice(),
    cover: t.cover.slice(),
    nSamples: t.nSamples.slice(),
    impurity: t.impurity.slice(),
  };
}

/** Restores trees written by `treesToJSON`; names the problem when the JSON is damaged. */
export function treesFromJSON(kind: string, json: unknown): TreeStructure[] {
  if (!Array.isArray(json) || json.length === 0) {
    throw new UnderstudyError("bad_model_json", messages.models.missingSavedPart(`${kind}.fromJSON`, "a non-empty state.trees"));
  }
  return json.map((t: Record<string, unknown>, i) => {
    const nodeCount = t?.nodeCount;
    const nOutputs = t?.nOutputs;
    if (typeof nodeCount !== "number" || typeof nOutputs !== "number") {
      throw new UnderstudyError("bad_model_json", messages.models.damagedModelJSON(`${kind}.fromJSON`, `tree ${i} lacks nodeCount or nOutputs`));
    }
    const arr = (key: (typeof ARRAYS)[number], len: number): number[] => {
      const a = t[key];
      if (!Array.isArray(a) || a.length !== len) {
        throw new UnderstudyError("bad_model_json", messages.models.damagedModelJSON(`${kind}.fromJSON`, `tree ${i} field ${key} should hold ${len} numbers`));
      }
      return a as number[];
    };
    return {
      nodeCount,
      nOutputs,
      feature: Int32Array.from(arr("feature", nodeCount)),
      threshold: Float64Array.from(arr("threshold", nodeCount)),
      left: Int32Array.from(arr("left", nodeCount)),
      right: Int32Array.from(arr("right", nodeCount)),
      missingGoesLeft: Uint8Array.from(arr("missingGoesLeft", nodeCount)),
      value: Float64Array.from(arr("value", nodeCount * nOutputs)),
      cover: Float64Array.from(arr("cover", nodeCount)),
      nSamples: Int32Array.from(arr("nSamples", nodeCount)),
      impurity: Float64Array.from(arr("impurity", nodeCount)),
    };
  });
}

/** Options as JSON: Infinity ("no limit") becomes null, which JSON can hold. */
export function optionsToJSON(options: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) {
    if (v === undefined) continue;
    out[k] = v === Infinity ? null : typeof v === "object" && v !== null ? structuredClone(v) : v;
  }
  return out;
}

/** The inverse of `optionsToJSON` for the options whose "no limit" is Infinity. */
export function optionsFromJSON(options: Record<string, unknown>, unlimited: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...options };
  for (const k of unlimited) if (out[k] === null) out[k] = Infinity;
  return out;
}

/** Checks that `json` is a saved model of this kind before it is restored. */
export function checkRestoredModel(kind: string, json: ModelJSON): void {
  if (json == null || json.format !== "understudy-model" || json.kind !== kind) {
    throw new UnderstudyError("bad_model_json", messages.models.wrongSavedKind(kind, json?.kind));
  }
  if (!Array.isArray(json.featureNames) || json.state == null || !Array.isArray(json.state.treeWeights)) {
    throw new UnderstudyError("bad_model_json", messages.models.damagedModelJSON(`${kind}.fromJSON`, "featureNames or state is missing"));
  }
}
