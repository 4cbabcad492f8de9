import { Random } from "../../core/random.ts";
import type { TreeStructure } from "../estimator.ts";
import { buildTree, treeWorkspace, type GrowSettings } from "./build-tree.ts";
import type { PresortedColumns } from "./presort.ts";

/** How many trees, on which rows. A single tree is one tree on every row. */
export interface EnsemblePlan {
  nEstimators: number;
  bootstrap: boolean;
  maxSamples?: { fraction: number };
  seed: number;
  /** Collect out-of-bag predictions (bootstrap only). */
  oobScore?: boolean;
}

/**
 * Out-of-bag sums: for each row, the sum of the leaf values (`nOutputs` per row) of the trees
 * whose bootstrap sample left it out, and how many such trees there were.
 */
export interface OutOfBag {
  sums: Float64Array;
  counts: Int32Array;
}

/**
 * Grows the trees of a tree or forest on shared presorted columns. Bootstrap samples are
 * integer counts multiplied into the row weights, never copies of rows. Each tree draws from
 * its own fork of the seeded generator, so a seed reproduces the forest exactly.
 *
 * @example
 * growTrees(presortColumns(X), codes, weights, settings, { nEstimators: 100, bootstrap: true, seed: 0 });
 */
export function growTrees(
  pre: PresortedColumns,
  target: Int32Array | Float64Array,
  weights: Float64Array,
  settings: GrowSettings,
  plan: EnsemblePlan,
  oob?: OutOfBag,
): TreeStructure[] {
  const master = new Random(plan.seed);
  const n = pre.nRows;
  const trees: TreeStructure[] = [];
  const draws = plan.maxSamples ? Math.max(1, Math.round(n * plan.maxSamples.fraction)) : n;
  const counts = new Float64Array(n);
  const treeWeights = new Float64Array(n);
  const workspace = treeWorkspace(pre, settings);
  for (let t = 0; t < plan.nEstimators; t++) {
    const rng = plan.nEstimators === 1 && !plan.bootstrap ? master : master.fork();
    let w = weights;
    let sampled = false;
    if (plan.bootstrap) {
      counts.fill(0);
      for (let d = 0; d < draws; d++) counts[rng.int(n)]++;
      let any = false;
      for (let i = 0; i < n; i++) {
        treeWeights[i] = weights[i] * counts[i];
        if (treeWeights[i] > 0) any = true;
      }
      // A sample that drew only zero-weight rows cannot grow a tree; use every row instead.
      w = any ? treeWeights : weights;
      sampled = any;
    }
    const tree = buildTree(pre, target, w, settings, rng, workspace);
    trees.push(tree);
    if (oob && sampled) addOutOfBag(pre, tree, counts, oob);
  }
  return trees;
}

/** Adds the tree's prediction for every row its bootstrap sample did not draw. */
function addOutOfBag(pre: PresortedColumns, tree: TreeStructure, drawn: Float64Array, oob: OutOfBag): void {
  const { cols, nRows: n } = pre;
  const { feature, threshold, left, right, missingGoesLeft, value, nOutputs } = tree;
  for (let i = 0; i < n; i++) {
    if (drawn[i] > 0) continue;
    let node = 0;
    while (feature[node] >= 0) {
      const v = cols[feature[node] * n + i];
      const t = threshold[node];
      node = v <= t ? left[node] : v > t ? right[node] : missingGoesLeft[node] === 1 ? left[node] : right[node];
    }
    for (let k = 0; k < nOutputs; k++) oob.sums[i * nOutputs + k] += value[node * nOutputs + k];
    oob.counts[i]++;
  }
}
