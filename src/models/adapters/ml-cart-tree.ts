import { UnderstudyError } from "../../core/errors.ts";
import { messages } from "../../core/messages/index.ts";
import { emptyTree } from "../tree/empty-tree.ts";
import { logger } from "../../core/logger.ts";
import type { Matrix } from "../../data/matrix.ts";
import type { TreeStructure } from "../estimator.ts";

/** One node of ml-cart's `toJSON().root`, as JSON.stringify writes it (a TreeNode's own fields). */
export interface MlCartNode {
  splitValue?: number | null;
  splitColumn?: number | null;
  /** Rows at the node when training found a candidate split; absent on pure or tiny leaves. */
  numberSamples?: number | null;
  gain?: number | null;
  left?: MlCartNode;
  right?: MlCartNode;
  /** Leaves: class fractions as a 1 × K matrix (classifier), or the mean target (regression). */
  distribution?: number[][] | number[] | number;
}

/** How one ml-cart tree becomes a TreeStructure. Internal to the adapters. */
export interface MlCartTreeSettings {
  /** Who is converting, for error messages, e.g. "fromMlCart". */
  caller: string;
  task: "classification" | "regression";
  /** Classifiers: number of classes (leaf distributions are padded with zeros to this width). */
  nClasses: number;
  /** Turns a padded leaf distribution into the leaf value (identity, or a one-hot vote). */
  leafValue?: (distribution: number[]) => number[];
  /** ml-random-forest trees see a subset of columns: column j of the tree is columnMap[j] of X. */
  columnMap?: number[];
  /** Rows to count covers with (exact when they are the rows the tree was trained on). */
  X?: Matrix;
}

/** Covers of a converted tree: exact, or how many sibling pairs had to be split by guess. */
export interface ConvertedTree {
  tree: TreeStructure;
  guessedCovers: number;
}

/**
 * Flattens one ml-cart tree (nested nodes) into our flat `TreeStructure`.
 *
 * - ml-cart sends a row left when `x[col] < splitValue`; ours when `x <= threshold`. The
 *   threshold is the largest double below splitValue, so both tests agree on every number.
 *   NaN fails `<`, so ml-cart sends missing values right: `missingGoesLeft` is 0.
 * - Covers (training rows per node, which TreeSHAP weighs by) come from `numberSamples`, which
 *   ml-cart stores on every node where it searched a split (for a forest's tree: rows of its
 *   bootstrap sample), then down the tree: a child without a count gets its parent's count
 *   minus its sibling's. Two sibling leaves that both lack counts (pure or tiny leaves) are
 *   split by what their class fractions allow and by the gini gains stored on the parent and
 *   every ancestor (classifiers). What is still open (two pure leaves whose mirror splits fit
 *   every gain; regression leaves) follows the rows of `X` when given, else is split evenly and
 *   counted in `guessedCovers`. A tree with no counts at all (saved after ml.js's `load`) takes
 *   its covers from X.
 * - Internal nodes store no output in ml-cart: their value is the cover-weighted mean of their
 *   children, which is the class distribution (or mean target) of the rows at the node.
 */
export function mlCartTree(root: MlCartNode, s: MlCartTreeSettings): ConvertedTree {
  const nodes: MlCartNode[] = [];
  const left: number[] = [];
  const right: number[] = [];
  // Preorder, children after parents, so a reverse pass visits children first.
  const stack: [MlCartNode, number, "l" | "r"][] = [[root, -1, "l"]];
  while (stack.length > 0) {
    const [node, parent, side] = stack.pop()!;
    if (node == null || typeof node !== "object") {
      throw new UnderstudyError("bad_model_json", messages.models.damagedModelJSON(s.caller, `a tree node is ${JSON.stringify(node)}`));
    }
    const id = nodes.length;
    nodes.push(node);
    left.push(-1);
    right.push(-1);
    if (parent >= 0) (side === "l" ? left : right)[parent] = id;
    if (node.left && node.right) {
      stack.push([node.right, id, "r"], [node.left, id, "l"]);
    }
  }
  const n = nodes.length;
  const K = s.task === "classification" ? s.nClasses : 1;
  const tree = emptyTree(n, K);
  tree.left.set(left);
  tree.right.set(right);
  const fractions: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const node = nodes[i];
    if (left[i] === -1) {
      const d = leafDistribution(node, s, K);
      fractions[i] = d;
      tree.value.set(s.leafValue ? s.leafValue(d) : d, i * K);
      continue;
    }
    const col = node.splitColumn;
    const split = node.splitValue;
    const width = s.columnMap ? s.columnMap.length : Infinity;
    if (typeof col !== "number" || !Number.isInteger(col) || col < 0 || col >= width || typeof split !== "number" || !Number.isFinite(split)) {
      throw new UnderstudyError(
        "bad_model_json",
        messages.models.damagedModelJSON(s.caller, `an internal node has splitColumn ${JSON.stringify(col)} and splitValue ${JSON.stringify(split)}`),
      );
    }
    tree.feature[i] = s.columnMap ? s.columnMap[col] : col;
    tree.threshold[i] = nextDown(split);
  }
  const rows = s.X ? countRows(tree, s.X) : undefined;
  let guessedCovers = 0;
  if (rows && !(typeof root.numberSamples === "number" && root.numberSamples > 0)) tree.cover.set(rows);
  else guessedCovers = storedCovers(tree, nodes, fractions, K, rows);
  for (let i = n - 1; i >= 0; i--) {
    if (left[i] === -1) continue;
    const l = left[i];
    const r = right[i];
    const c = tree.cover[i];
    for (let k = 0; k < K; k++) {
      tree.value[i * K + k] = c > 0
        ? (tree.cover[l] * tree.value[l * K + k] + tree.cover[r] * tree.value[r * K + k]) / c
        : (tree.value[l * K + k] + tree.value[r * K + k]) / 2;
    }
  }
  for (let i = 0; i < n; i++) tree.nSamples[i] = Math.round(tree.cover[i]);
  fillImpurity(tree, nodes, s.task);
  return { tree, guessedCovers };
}

/** Warns once per conversion when some covers could only be guessed. */
export function warnGuessedCovers(caller: string, guessed: number): void {
  if (guessed === 0) return;
  logger().warn(
    `${caller}: the ml.js JSON does not record how many training rows reached ${guessed} pair(s) of sibling leaves; their covers were split as evenly as the stored numbers allow, so TreeSHAP values are approximate (additivity still holds). Pass { X: trainingRows } for exact covers.`,
  );
}

function leafDistribution(node: MlCartNode, s: MlCartTreeSettings, K: number): number[] {
  const d = node.distribution;
  if (s.task === "regression") {
    const v = Array.isArray(d) ? (Array.isArray(d[0]) ? d[0][0] : d[0]) : d;
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new UnderstudyError("bad_model_json", messages.models.damagedModelJSON(s.caller, `a regression leaf has distribution ${JSON.stringify(d)}, expected a finite number`));
    }
    return [v];
  }
  const row = Array.isArray(d) ? (Array.isArray(d[0]) ? (d[0] as number[]) : (d as number[])) : undefined;
  if (!row || row.length === 0 || row.length > K || row.some((p) => typeof p !== "number" || !(p >= 0))) {
    throw new UnderstudyError(
      "bad_model_json",
      messages.models.damagedModelJSON(s.caller, `a leaf has distribution ${JSON.stringify(d)}, expected 1 to ${K} class fractions (or \`classes\` lists fewer classes than the model has)`),
    );
  }
  const out = new Array<number>(K).fill(0);
  for (let k = 0; k < row.length; k++) out[k] = row[k];
  return out;
}

/** Rows of X reaching each node. */
function countRows(tree: TreeStructure, X: Matrix): Float64Array {
  const counts = new Float64Array(tree.nodeCount);
  for (let i = 0; i < X.nRows; i++) {
    const x = X.row(i);
    let node = 0;
    counts[0]++;
    while (tree.left[node] !== -1) {
      const v = x[tree.feature[node]];
      node = (v !== v ? tree.missingGoesLeft[node] === 1 : v <= tree.threshold[node]) ? tree.left[node] : tree.right[node];
      counts[node]++;
    }
  }
  return counts;
}

function storedCovers(tree: TreeStructure, nodes: MlCartNode[], fractions: number[][], K: number, rows?: Float64Array): number {
  // Where the stored numbers leave a choice, X's rows say which way (else: split evenly).
  const target = (l: number, r: number, total: number): number =>
    rows && rows[l] + rows[r] > 0 ? (total * rows[l]) / (rows[l] + rows[r]) : total / 2;
  const known = (i: number): number | undefined => {
    const c = nodes[i].numberSamples;
    return typeof c === "number" && c > 0 ? c : undefined;
  };
  const gainAt = (i: number): number | undefined => (K > 1 && typeof nodes[i].gain === "number" ? nodes[i].gain! : undefined);
  let guessed = 0;
  const open: { l: number; r: number; total: number; options: number[]; target: number }[] = [];
  // A model saved after ml.js's load() has no counts at all: then every pair is a guess.
  tree.cover[0] = known(0) ?? 1;
  for (let i = 0; i < tree.nodeCount; i++) {
    const l = tree.left[i];
    if (l === -1) continue;
    const r = tree.right[i];
    const total = tree.cover[i];
    const cl = known(l);
    const cr = known(r);
    if (cl !== undefined || cr !== undefined) {
      tree.cover[l] = cl ?? total - cr!;
      tree.cover[r] = cr ?? total - cl!;
      continue;
    }
    let options = tree.left[l] === -1 && tree.left[r] === -1 && K > 1 && Number.isInteger(total)
      ? leafCountsAllowed(total, fractions[l], fractions[r])
      : [];
    // ml-cart stores the split's gini gain, which depends on how the rows divide.
    const gain = gainAt(i);
    if (gain !== undefined && options.length > 1) {
      const fit = options.filter((m) => Math.abs(giniGain(scale(fractions[l], m), scale(fractions[r], total - m)) - gain) < 1e-9);
      if (fit.length > 0) options = fit;
    }
    if (options.length === 1) tree.cover[l] = options[0];
    else if (options.length > 1) {
      tree.cover[l] = options[0];
      open.push({ l, r, total, options, target: target(l, r, total) });
    } else {
      tree.cover[l] = rows ? Math.round(target(l, r, total)) : total / 2;
      if (!rows) guessed++;
    }
    tree.cover[r] = total - tree.cover[l];
  }
  if (open.length === 0) return guessed;
  // Pairs still open (two pure leaves: m and total − m give the same gain) are settled by the
  // gains stored higher up, which depend on the class counts below: try every combination.
  const combos = open.reduce((c, o) => c * o.options.length, 1);
  const consistent: number[][] = [];
  if (combos <= 4096) {
    for (let c = 0; c < combos; c++) {
      let rest = c;
      const pick = open.map((o) => {
        const m = o.options[rest % o.options.length];
        rest = Math.floor(rest / o.options.length);
        return m;
      });
      setPicks(tree, open, pick);
      if (gainsMatch(tree, fractions, K, gainAt)) consistent.push(pick);
    }
  }
  // Of the combinations left (or all, when none fits), the one nearest the targets.
  const distance = (pick: number[]): number => pick.reduce((s, m, q) => s + Math.abs(m - open[q].target), 0);
  const nearest = open.map((o) => o.options.reduce((a, b) => (Math.abs(b - o.target) < Math.abs(a - o.target) ? b : a)));
  const chosen = consistent.length > 0 ? consistent.reduce((a, b) => (distance(b) < distance(a) ? b : a)) : nearest;
  setPicks(tree, open, chosen);
  open.forEach((_, q) => {
    if (!rows && (consistent.length === 0 || consistent.some((p) => p[q] !== chosen[q]))) guessed++;
  });
  return guessed;
}

function setPicks(tree: TreeStructure, open: { l: number; r: number; total: number }[], pick: number[]): void {
  open.forEach((o, q) => {
    tree.cover[o.l] = pick[q];
    tree.cover[o.r] = o.total - pick[q];
  });
}

/** Whether the class counts the covers imply reproduce every gini gain ml-cart stored. */
function gainsMatch(tree: TreeStructure, fractions: number[][], K: number, gainAt: (i: number) => number | undefined): boolean {
  const counts: number[][] = new Array(tree.nodeCount);
  for (let i = tree.nodeCount - 1; i >= 0; i--) {
    const l = tree.left[i];
    if (l === -1) {
      counts[i] = scale(fractions[i], tree.cover[i]);
      continue;
    }
    const r = tree.right[i];
    counts[i] = counts[l].map((c, k) => c + counts[r][k]);
    const gain = gainAt(i);
    if (gain !== undefined && Math.abs(giniGain(counts[l], counts[r]) - gain) > 1e-9) return false;
  }
  return K > 1;
}

function scale(fractions: number[], n: number): number[] {
  return fractions.map((p) => Math.round(p * n));
}

/** ml-cart's gain: gini(parent) − Σ share·gini(child), from whole class counts. */
function giniGain(left: number[], right: number[]): number {
  const gini = (c: number[]): number => {
    const n = c.reduce((s, v) => s + v, 0);
    return n > 0 ? 1 - c.reduce((s, v) => s + (v / n) ** 2, 0) : 0;
  };
  const nL = left.reduce((s, v) => s + v, 0);
  const nR = right.reduce((s, v) => s + v, 0);
  const parent = left.map((v, k) => v + right[k]);
  return gini(parent) - (nL / (nL + nR)) * gini(left) - (nR / (nL + nR)) * gini(right);
}

/** Left counts m (1..total−1) for which m·fL and (total−m)·fR are whole class counts. */
function leafCountsAllowed(total: number, fL: number[], fR: number[]): number[] {
  const whole = (count: number, f: number[]): boolean => f.every((p) => Math.abs(p * count - Math.round(p * count)) < 1e-6);
  const out: number[] = [];
  for (let m = 1; m < total; m++) if (whole(m, fL) && whole(total - m, fR)) out.push(m);
  return out;
}

/**
 * Classifiers: gini of the node's class distribution (exact when covers are). Regressors:
 * ml-cart stores at each split node `gain` = the children's summed squared error (SSE), so a
 * split node's variance is (gain + nL·nR/n·(meanL − meanR)²) / n. Leaves record no spread: a
 * leaf gets what its parent's gain leaves after its split sibling's SSE (two sibling leaves
 * share it), so every split's impurity decrease is exact.
 */
function fillImpurity(tree: TreeStructure, nodes: MlCartNode[], task: "classification" | "regression"): void {
  const K = tree.nOutputs;
  if (task === "classification") {
    for (let i = 0; i < tree.nodeCount; i++) {
      let sum = 0;
      for (let k = 0; k < K; k++) sum += tree.value[i * K + k] ** 2;
      tree.impurity[i] = 1 - sum;
    }
    return;
  }
  const childSSE = (i: number): number | undefined => {
    const gain = nodes[i].gain;
    return tree.left[i] !== -1 && typeof gain === "number" && gain >= 0 && tree.cover[i] > 0 ? gain : undefined;
  };
  for (let i = 0; i < tree.nodeCount; i++) {
    const gain = childSSE(i);
    if (gain === undefined) continue;
    const l = tree.left[i];
    const r = tree.right[i];
    const nP = tree.cover[i];
    tree.impurity[i] = (gain + ((tree.cover[l] * tree.cover[r]) / nP) * (tree.value[l] - tree.value[r]) ** 2) / nP;
  }
  for (let i = 0; i < tree.nodeCount; i++) {
    const gain = childSSE(i);
    if (gain === undefined) continue;
    const kids = [tree.left[i], tree.right[i]];
    const leaves = kids.filter((c) => tree.left[c] === -1);
    let rest = gain;
    for (const c of kids) if (tree.left[c] !== -1) rest -= tree.cover[c] * tree.impurity[c];
    const leafRows = leaves.reduce((sum, c) => sum + tree.cover[c], 0);
    for (const c of leaves) tree.impurity[c] = leafRows > 0 ? Math.max(0, rest) / leafRows : 0;
  }
}

/** One more than the highest column any split uses (ml-cart does not record the width). */
export function usedColumns(root: MlCartNode): number {
  let max = -1;
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.left && node.right) {
      if (typeof node.splitColumn === "number" && node.splitColumn > max) max = node.splitColumn;
      stack.push(node.left, node.right);
    }
  }
  return max + 1;
}

/** The number of classes: the widest leaf distribution (a class's rows all end in some leaf). */
export function maxLeafWidth(root: MlCartNode): number {
  let max = 0;
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.left && node.right) stack.push(node.left, node.right);
    else {
      const d = node.distribution;
      const row = Array.isArray(d) ? (Array.isArray(d[0]) ? d[0] : d) : [];
      if (row.length > max) max = row.length;
    }
  }
  return max;
}

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);

/** The largest double below x (finite x): `v < x` exactly when `v <= nextDown(x)`. */
function nextDown(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  f64[0] = x;
  i64[0] += x > 0 ? -1n : 1n;
  return f64[0];
}
