import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { inputRow, treesOf, type FittedModel } from "./model-access.ts";

/** One test on a row's way from the root to its leaf. */
export interface DecisionStep {
  node: number;
  feature: number;
  name: string;
  /** The row's value (NaN when missing). */
  value: number;
  threshold: number;
  /** The test the row passed: "<=" when it went left, ">" when it went right. */
  op: "<=" | ">";
  /** True when the value was missing and the node's missing-value route decided. Render a step with `formatRuleCondition`. */
  missing: boolean;
}

/** A row's path through one tree. */
export interface DecisionPath {
  tree: number;
  steps: DecisionStep[];
  leaf: number;
  /** The leaf's output: class shares in `classes` order, or [mean] for regressors. */
  value: number[];
  /** Training rows at the leaf. */
  samples: number;
}

/**
 * The tests a row passes from the root to its leaf in one tree of a tree model. For a
 * forest, `tree` picks which tree (default 0, the first).
 *
 * @example
 * decisionPath(tree, [3, 0.1, 7]).steps.map((s) => formatRuleCondition(s)); // ["links > 6.5", ...]
 */
export function decisionPath(model: FittedModel, x: ArrayLike<number>, options: { tree?: number } = {}): DecisionPath {
  const { trees } = treesOf(model, "decisionPath");
  const row = inputRow(model, x, "decisionPath");
  const t = options.tree ?? 0;
  if (!Number.isInteger(t) || t < 0 || t >= trees.length) {
    throw new UnderstudyError("bad_option", messages.explain.noSuchTree("decisionPath", t, trees.length));
  }
  const tree = trees[t];
  const steps: DecisionStep[] = [];
  let node = 0;
  while (tree.left[node] !== -1) {
    const f = tree.feature[node];
    const v = row[f];
    const missing = v !== v;
    const left = missing ? tree.missingGoesLeft[node] === 1 : v <= tree.threshold[node];
    steps.push({ node, feature: f, name: model.featureNames[f] ?? `x${f}`, value: v, threshold: tree.threshold[node], op: left ? "<=" : ">", missing });
    node = left ? tree.left[node] : tree.right[node];
  }
  const K = tree.nOutputs;
  return { tree: t, steps, leaf: node, value: Array.from(tree.value.subarray(node * K, node * K + K)), samples: tree.nSamples[node] };
}
