import { UnderstudyError } from "../../core/errors.ts";
import { messages } from "../../core/messages/index.ts";
import { checkSavedModel, finiteArray, MODEL_JSON_LIMITS } from "../check-saved-model.ts";
import type { ModelJSON, TreeStructure } from "../estimator.ts";

const ARRAYS = ["feature", "threshold", "left", "right", "missingGoesLeft", "value", "cover", "nSamples", "impurity"] as const;

/**
 * Trees as plain JSON (typed arrays become number arrays), and back.
 *
 * @example
 * const json = treesToJSON(model.trees); // state.trees of model.toJSON()
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

/**
 * Restores the trees of a saved tree model (`json.state.trees`, written by `treesToJSON`),
 * after checking every structural invariant, so that a damaged or crafted file is refused
 * with `bad_model_json` instead of hanging or mispredicting: the envelope
 * ({@link checkSavedModel}); at most {@link MODEL_JSON_LIMITS} trees and nodes; per node a
 * leaf (feature, left, right all −1) or a split on a feature index < nFeatures with a finite
 * threshold and two distinct children strictly after it, each node but the root the child of
 * exactly one node (so no cycle and nothing unreachable); `missingGoesLeft` 0 or 1; finite
 * values (`nOutputs` = number of classes, or 1), covers, sample counts and impurities; one
 * finite tree weight per tree.
 *
 * @example
 * const trees = treesFromJSON("DecisionTreeClassifier", json, "classification");
 */
export function treesFromJSON(kind: string, json: ModelJSON, task: "classification" | "regression"): TreeStructure[] {
  checkSavedModel(json, task);
  const state = json.state;
  const trees = state.trees;
  const bad = (problem: string) => new UnderstudyError("bad_model_json", messages.models.damagedJSON(kind, problem));
  if (!Array.isArray(trees) || trees.length === 0) throw bad("state.trees must be a non-empty array");
  if (trees.length > MODEL_JSON_LIMITS.trees) throw bad(`${trees.length} trees is over the cap of ${MODEL_JSON_LIMITS.trees}`);
  if (!finiteArray(state.treeWeights, trees.length)) throw bad(`state.treeWeights must hold ${trees.length} finite numbers, one per tree`);
  const shape = { nFeatures: json.featureNames.length, nOutputs: task === "classification" ? json.classes!.length : 1 };
  let nodes = 0;
  return trees.map((t: unknown, i) => {
    const tree = treeFromJSON(kind, i, t, shape);
    nodes += tree.nodeCount;
    if (nodes > MODEL_JSON_LIMITS.nodes) throw bad(`the trees hold over ${MODEL_JSON_LIMITS.nodes} nodes in all, the cap`);
    return tree;
  });
}

function treeFromJSON(kind: string, i: number, t: unknown, shape: { nFeatures: number; nOutputs: number }): TreeStructure {
  const bad = (problem: string) => new UnderstudyError("bad_model_json", messages.models.damagedTree(kind, i, problem));
  if (t === null || typeof t !== "object") throw bad("not an object");
  const json = t as Record<string, unknown>;
  const { nodeCount, nOutputs } = json;
  if (typeof nodeCount !== "number" || !Number.isInteger(nodeCount) || nodeCount < 1 || nodeCount > MODEL_JSON_LIMITS.nodesPerTree) {
    throw bad(`nodeCount must be an integer from 1 to ${MODEL_JSON_LIMITS.nodesPerTree}`);
  }
  if (nOutputs !== shape.nOutputs) throw bad(`nOutputs must be ${shape.nOutputs} (one value per class, or 1 for a regressor)`);
  const numbers = (key: (typeof ARRAYS)[number], len: number): number[] => {
    const a = json[key];
    if (!finiteArray(a, len)) throw bad(`field ${key} must hold ${len} finite numbers`);
    return a;
  };
  const tree: TreeStructure = {
    nodeCount,
    nOutputs: shape.nOutputs,
    feature: Int32Array.from(integers(numbers("feature", nodeCount), -1, shape.nFeatures - 1, () => bad(`feature indices must be −1 (leaf) or from 0 to ${shape.nFeatures - 1} (nFeatures − 1)`))),
    threshold: Float64Array.from(numbers("threshold", nodeCount)),
    left: Int32Array.from(integers(numbers("left", nodeCount), -1, nodeCount - 1, () => bad("left children must be node indices in range"))),
    right: Int32Array.from(integers(numbers("right", nodeCount), -1, nodeCount - 1, () => bad("right children must be node indices in range"))),
    missingGoesLeft: Uint8Array.from(integers(numbers("missingGoesLeft", nodeCount), 0, 1, () => bad("missingGoesLeft must hold 0 or 1"))),
    value: Float64Array.from(numbers("value", nodeCount * shape.nOutputs)),
    cover: Float64Array.from(numbers("cover", nodeCount)),
    nSamples: Int32Array.from(integers(numbers("nSamples", nodeCount), 0, 2 ** 31 - 1, () => bad("nSamples must hold counts"))),
    impurity: Float64Array.from(numbers("impurity", nodeCount)),
  };
  checkLinks(tree, bad);
  return tree;
}

function integers(a: number[], min: number, max: number, bad: () => Error): number[] {
  for (const x of a) if (!Number.isInteger(x) || x < min || x > max) throw bad();
  return a;
}

/** Leaves have no children; a split's two children come after it; every node but the root has one parent. */
function checkLinks(tree: TreeStructure, bad: (problem: string) => Error): void {
  const parents = new Uint8Array(tree.nodeCount);
  for (let node = 0; node < tree.nodeCount; node++) {
    const l = tree.left[node];
    const r = tree.right[node];
    if (tree.feature[node] < 0) {
      if (l !== -1 || r !== -1) throw bad(`node ${node} is a leaf (feature −1) but has children`);
      continue;
    }
    if (!(l > node && r > node && l !== r)) throw bad(`node ${node} must have two distinct children after it (left ${l}, right ${r})`);
    if (++parents[l] > 1 || ++parents[r] > 1) throw bad(`node ${parents[l] > 1 ? l : r} is the child of two nodes`);
  }
  for (let node = 1; node < tree.nodeCount; node++) if (parents[node] === 0) throw bad(`node ${node} is the child of no node`);
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
