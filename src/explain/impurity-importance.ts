import type { TreeStructure } from "../models/estimator.ts";
import { treesOf, type FittedModel } from "./model-access.ts";

/** A feature's share of the total impurity decrease. */
export interface FeatureImportance {
  feature: number;
  name: string;
  importance: number;
}

/**
 * Mean decrease in impurity, normalized to sum to 1, as scikit-learn's `feature_importances_`:
 * per tree, Σ over a feature's splits of cover·impurity − Σ children cover·impurity, divided by
 * the root cover and normalized; forests average the trees that split at least once, then
 * normalize again. Biased toward features with many split points: prefer
 * `permutationImportance` for decisions.
 *
 * @example
 * impurityImportance(forest).sort((a, b) => b.importance - a.importance)[0].name;
 */
export function impurityImportance(model: FittedModel): FeatureImportance[] {
  const { trees } = treesOf(model, "impurityImportance");
  const F = model.nFeatures;
  const total = new Float64Array(F);
  let used = 0;
  for (const tree of trees) {
    if (tree.nodeCount <= 1) continue;
    const imp = treeImportance(tree, F);
    for (let j = 0; j < F; j++) total[j] += imp[j];
    used++;
  }
  let sum = 0;
  for (let j = 0; j < F; j++) sum += used > 0 ? (total[j] /= used) : 0;
  return Array.from(total, (v, j) => ({ feature: j, name: model.featureNames[j] ?? `x${j}`, importance: sum > 0 ? v / sum : 0 }));
}

function treeImportance(tree: TreeStructure, F: number): Float64Array {
  const out = new Float64Array(F);
  const { left, right, cover, impurity, feature } = tree;
  for (let n = 0; n < tree.nodeCount; n++) {
    const l = left[n];
    if (l === -1) continue;
    const r = right[n];
    out[feature[n]] += cover[n] * impurity[n] - cover[l] * impurity[l] - cover[r] * impurity[r];
  }
  let sum = 0;
  for (let j = 0; j < F; j++) sum += (out[j] /= cover[0]);
  if (sum > 0) for (let j = 0; j < F; j++) out[j] /= sum;
  return out;
}
