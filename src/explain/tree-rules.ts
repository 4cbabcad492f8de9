import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { Label } from "../models/estimator.ts";
import { outputNames, treesOf, type FittedModel } from "./model-access.ts";

/** One condition of a rule: `feature op threshold`, and whether missing values also pass. */
export interface RuleCondition {
  /** Column index in X. */
  feature: number;
  /** Feature name as fitted. */
  name: string;
  op: "<=" | ">";
  threshold: number;
  /** True when a row with this feature missing (NaN) follows this branch. */
  includesMissing: boolean;
}

/** One leaf of a tree as a rule: every condition must hold for a row to land here. */
export interface TreeRule {
  /** Node id of the leaf in the tree's flat arrays. */
  leaf: number;
  /** Conditions from the root, merged so each feature appears at most once per direction. */
  conditions: RuleCondition[];
  /** Training rows that reached the leaf (unweighted). */
  samples: number;
  /** Weighted training rows that reached the leaf. */
  cover: number;
  /** Classifiers: class shares at the leaf, in `classes` order. Regressors: [mean target]. */
  value: number[];
  /** Classifiers: the leaf's majority class. Regressors: the mean target. */
  prediction: Label;
  /** Names of the entries of `value` (class labels, or "prediction"). */
  outputs: string[];
}

/**
 * The rules of one tree of a tree model, one per leaf, as structured data (render them with
 * `formatTreeRules`). Conditions on the same feature are merged into the tightest bound.
 * For a forest, `tree` picks which tree (default 0, the first).
 *
 * @example
 * const rules = treeRules(new DecisionTreeClassifier({ maxDepth: 3 }).fit(X, y));
 * rules[0]; // { leaf: 3, conditions: [{ name: "links", op: "<=", threshold: 6.5, ... }], samples: 120, value: [0.9, 0.1], prediction: "ham", ... }
 */
export function treeRules(model: FittedModel, options: { tree?: number } = {}): TreeRule[] {
  const { trees } = treesOf(model, "treeRules");
  const t = options.tree ?? 0;
  if (!Number.isInteger(t) || t < 0 || t >= trees.length) {
    throw new UnderstudyError("bad_option", messages.explain.noSuchTree("treeRules", t, trees.length));
  }
  const tree = trees[t];
  const K = tree.nOutputs;
  const names = model.featureNames;
  const outputs = outputNames(model);
  const rules: TreeRule[] = [];
  const walk = (node: number, path: RuleCondition[]): void => {
    if (tree.left[node] === -1) {
      const value = Array.from(tree.value.subarray(node * K, node * K + K));
      let prediction: Label = value[0];
      if (model.capabilities.task === "classification") {
        let best = 0;
        for (let k = 1; k < K; k++) if (value[k] > value[best]) best = k;
        prediction = model.classes?.[best] ?? best;
      }
      rules.push({ leaf: node, conditions: mergeConditions(path), samples: tree.nSamples[node], cover: tree.cover[node], value, prediction, outputs });
      return;
    }
    const f = tree.feature[node];
    const base = { feature: f, name: names[f] ?? `x${f}`, threshold: tree.threshold[node] };
    const missingLeft = tree.missingGoesLeft[node] === 1;
    walk(tree.left[node], [...path, { ...base, op: "<=", includesMissing: missingLeft }]);
    walk(tree.right[node], [...path, { ...base, op: ">", includesMissing: !missingLeft }]);
  };
  walk(0, []);
  return rules;
}

// x <= 5 and then x <= 3 is just x <= 3; missing passes only if it passed every merged test.
function mergeConditions(path: RuleCondition[]): RuleCondition[] {
  const merged: RuleCondition[] = [];
  for (const c of path) {
    const same = merged.find((m) => m.feature === c.feature && m.op === c.op);
    if (!same) {
      merged.push({ ...c });
      continue;
    }
    same.threshold = c.op === "<=" ? Math.min(same.threshold, c.threshold) : Math.max(same.threshold, c.threshold);
    same.includesMissing = same.includesMissing && c.includesMissing;
  }
  return merged;
}
