import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { Random } from "../core/random.ts";
import type { Label } from "../models/estimator.ts";

/** Options of {@link assignFolds}. */
export interface AssignFoldsOptions {
  /** Number of folds, from 2 to the number of rows (or groups). Default 5. */
  folds?: number;
  /** Seed of the shuffle. Default 0. */
  seed?: number;
  /** Keep each label's share about equal across folds. Default true. */
  stratified?: boolean;
  /** Group id per row: rows sharing one (duplicates, one customer) always land in the same fold. Default: every row its own group. */
  groups?: Int32Array | readonly number[];
}

/**
 * Seeded (stratified, grouped) k-fold assignment: the held-out row indices of each fold,
 * ascending. Without groups, each label's rows are shuffled and dealt round-robin across the
 * folds (scikit-learn's StratifiedKFold up to the shuffle). With groups, whole groups are
 * placed, as scikit-learn's StratifiedGroupKFold does: shuffled, the groups with the most
 * uneven label mix first, each into the fold that keeps every label's share across folds most
 * even (ties: the fold with the fewest rows). Unstratified (regression): shuffled rows, or
 * groups, each into the fold with the fewest rows.
 *
 * @example
 * assignFolds(["a", "a", "b", "b"], { folds: 2, seed: 0 }); // two folds, one "a" and one "b" in each
 * assignFolds(["a", "a", "b", "b"], { folds: 2, groups: [0, 0, 1, 1] }); // rows 0 and 1 together
 */
export function assignFolds(y: ArrayLike<Label>, options: AssignFoldsOptions = {}): number[][] {
  const n = y.length;
  const k = options.folds ?? 5;
  const groups = options.groups;
  if (groups && groups.length !== n) throw new UnderstudyError("length_mismatch", messages.evaluate.groupsLength(n, groups.length));
  const members = groups ? groupMembers(groups) : undefined;
  const units = members ? members.length : n;
  if (!Number.isInteger(k) || k < 2 || k > units) {
    throw new UnderstudyError("bad_option", members && Number.isInteger(k) && k >= 2 ? messages.evaluate.foldsAboveGroups(k, units) : messages.evaluate.foldCount(k, n));
  }
  const rng = new Random(options.seed ?? 0);
  const stratified = options.stratified ?? true;
  const folds = !members
    ? (stratified ? dealByLabel(y, k, rng) : dealRows(n, k, rng))
    : (stratified ? placeGroupsByLabel(y, members, k, rng) : placeGroups(members, k, rng));
  for (const f of folds) f.sort((a, b) => a - b);
  return folds;
}

function groupMembers(groups: Int32Array | readonly number[]): number[][] {
  const byId = new Map<number, number[]>();
  for (let i = 0; i < groups.length; i++) {
    const list = byId.get(groups[i]);
    if (list) list.push(i);
    else byId.set(groups[i], [i]);
  }
  return [...byId.values()];
}

function dealByLabel(y: ArrayLike<Label>, k: number, rng: Random): number[][] {
  const folds: number[][] = Array.from({ length: k }, () => []);
  const byLabel = new Map<Label, number[]>();
  for (let i = 0; i < y.length; i++) {
    const list = byLabel.get(y[i]);
    if (list) list.push(i);
    else byLabel.set(y[i], [i]);
  }
  let next = 0;
  for (const list of byLabel.values()) {
    rng.shuffle(list);
    for (const i of list) folds[next++ % k].push(i);
  }
  return folds;
}

function dealRows(n: number, k: number, rng: Random): number[][] {
  const folds: number[][] = Array.from({ length: k }, () => []);
  const order = rng.shuffle(Array.from({ length: n }, (_, i) => i)) as number[];
  order.forEach((i, r) => folds[r % k].push(i));
  return folds;
}

function placeGroups(members: number[][], k: number, rng: Random): number[][] {
  const folds: number[][] = Array.from({ length: k }, () => []);
  for (const g of rng.shuffle([...members]) as number[][]) {
    let best = 0;
    for (let f = 1; f < k; f++) if (folds[f].length < folds[best].length) best = f;
    folds[best].push(...g);
  }
  return folds;
}

function placeGroupsByLabel(y: ArrayLike<Label>, members: number[][], k: number, rng: Random): number[][] {
  const labels = [...new Set(Array.from(y))];
  const code = new Map(labels.map((l, c) => [l, c]));
  const C = labels.length;
  const total = new Float64Array(C);
  const counts = members.map((g) => {
    const c = new Float64Array(C);
    for (const i of g) c[code.get(y[i])!]++;
    c.forEach((v, j) => (total[j] += v));
    return c;
  });
  const order = rng.shuffle(members.map((_, g) => g)) as number[];
  // The most uneven groups first (stable, so equal ones keep the seeded order).
  const spread = counts.map((c) => std(Array.from(c)));
  order.sort((a, b) => spread[b] - spread[a]);
  const perFold = Array.from({ length: k }, () => new Float64Array(C));
  const folds: number[][] = Array.from({ length: k }, () => []);
  for (const g of order) {
    let best = -1, bestCost = Infinity;
    for (let f = 0; f < k; f++) {
      for (let c = 0; c < C; c++) perFold[f][c] += counts[g][c];
      let cost = 0;
      for (let c = 0; c < C; c++) cost += std(perFold.map((p) => p[c] / total[c]));
      for (let c = 0; c < C; c++) perFold[f][c] -= counts[g][c];
      if (cost < bestCost - 1e-12 || (Math.abs(cost - bestCost) <= 1e-12 && folds[f].length < folds[best].length)) { best = f; bestCost = cost; }
    }
    for (let c = 0; c < C; c++) perFold[best][c] += counts[g][c];
    folds[best].push(...members[g]);
  }
  return folds;
}

function std(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
}
