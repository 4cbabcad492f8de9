import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { Random } from "../core/random.ts";

/** Row indices of each part, ascending. */
export interface RowSplit {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
}

/** Options for {@link splitRows}. */
export interface SplitRowsOptions {
  /** Shares of the rows per part; must sum to 1. Default { train: 0.6, validation: 0.2, test: 0.2 }. */
  fractions?: { train: number; validation: number; test: number };
  /** Seed for the shuffle. Default 0. */
  seed?: number;
  /** Spread each label proportionally over the parts. Default true when labels are given. */
  stratify?: boolean;
  /**
   * A group id per row: rows that share one land in the same part (duplicate rows, one
   * customer's rows). Whole groups are dealt, so part sizes are close to the fractions, not exact.
   */
  groups?: ArrayLike<number>;
  /**
   * A time per row (numbers, e.g. epoch ms): out-of-time split. The earliest rows train, the next
   * validate, the latest test; rows at one time stay together. No shuffle, no stratification.
   */
  order?: ArrayLike<number>;
}

const PARTS = ["train", "validation", "test"] as const;

/**
 * Splits rows into train, validation and test parts at random, reproducibly for a seed.
 *
 * Part sizes come from `n × fraction`, rounded so they add up to `n` (largest remainder,
 * ties to train, then validation). A part with a fraction above 0 must get at least one row.
 * Given labels (one per row; null/undefined form their own group), each label is spread over
 * the parts in proportion, within one row per label: each label's rows are shuffled, then
 * all rows are dealt in the order of their rank within their label divided by the label's
 * size, so a label's first row goes first: a label with one or two rows still lands in train.
 * (Labels that are all different, like a continuous target, give a plain random split.)
 * `takeRows(table, split.train)` turns indices into a table.
 *
 * With `groups`, the same is done with whole groups (a group's label is its first row's): each
 * group goes to the part in which the middle of its run of rows falls, so no group straddles
 * two parts. With `order`, rows are sorted by time and dealt the same way (rows at one time
 * form one group). A part with a fraction above 0 that gets no group is an error. With one row
 * per group the split is the plain one, row for row.
 *
 * @example
 * const { train, validation, test } = splitRows(10, { seed: 1 });  // 6, 2 and 2 indices
 * splitRows(["spam", "ham", "ham", "spam", "ham"], { fractions: { train: 0.6, validation: 0, test: 0.4 } });
 * splitRows(6, { groups: [0, 0, 1, 2, 2, 3] });        // rows 0–1 and rows 3–4 each in one part
 * splitRows(5, { order: [5, 1, 4, 2, 3], fractions: { train: 0.6, validation: 0.2, test: 0.2 } }); // test: [0]
 */
export function splitRows(rowsOrLabels: number | ArrayLike<unknown>, options: SplitRowsOptions = {}): RowSplit {
  const labels = typeof rowsOrLabels === "number" ? undefined : rowsOrLabels;
  const n = typeof rowsOrLabels === "number" ? rowsOrLabels : rowsOrLabels?.length;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) {
    throw new UnderstudyError("bad_input", messages.data.splitRowsInput(typeof rowsOrLabels === "number" ? n : typeof rowsOrLabels));
  }
  const fractions = options.fractions ?? { train: 0.6, validation: 0.2, test: 0.2 };
  const sizes = partSizes(n, fractions);
  const rng = new Random(options.seed ?? 0);
  const stratify = options.stratify ?? labels !== undefined;
  if (stratify && labels === undefined) {
    throw new UnderstudyError("bad_option", messages.data.stratifyNeedsLabels());
  }

  const units = options.order ? timeUnits(options.order, n, options.groups) : groupUnits(options.groups, n);
  const unitOrder = options.order
    ? Int32Array.from({ length: units.count }, (_, u) => u)
    : stratify ? stratifiedOrder(unitLabels(labels!, units), rng) : shuffled(units.count, rng);
  return dealUnits(units, unitOrder, sizes, fractions);
}

/** Rows grouped into the units a split deals whole: a unit id per row, and the number of units. */
interface Units {
  of: Int32Array;
  count: number;
}

/** One unit per group id (numbered by first appearance), or one per row without groups. */
function groupUnits(groups: ArrayLike<number> | undefined, n: number): Units {
  if (groups === undefined) return { of: Int32Array.from({ length: n }, (_, i) => i), count: n };
  if (groups.length !== n) throw new UnderstudyError("length_mismatch", messages.data.splitGroupsLength(groups.length, n));
  const ids = new Map<number, number>();
  const of = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let u = ids.get(groups[i]);
    if (u === undefined) ids.set(groups[i], (u = ids.size));
    of[i] = u;
  }
  return { of, count: ids.size };
}

/** Units numbered by time, earliest first: rows at one time share a unit. */
function timeUnits(times: ArrayLike<number>, n: number, groups: ArrayLike<number> | undefined): Units {
  if (groups !== undefined) throw new UnderstudyError("bad_option", messages.data.splitOrderWithGroups());
  if (times.length !== n) throw new UnderstudyError("length_mismatch", messages.data.splitGroupsLength(times.length, n));
  for (let i = 0; i < n; i++) {
    if (typeof times[i] !== "number" || Number.isNaN(times[i])) throw new UnderstudyError("bad_input", messages.data.splitOrderValue(i, times[i]));
  }
  const distinct = [...new Set(Array.from(times))].sort((a, b) => a - b);
  const rank = new Map(distinct.map((t, u) => [t, u]));
  return { of: Int32Array.from({ length: n }, (_, i) => rank.get(times[i])!), count: distinct.length };
}

/** A unit's label for stratifying: the label of its first row. */
function unitLabels(labels: ArrayLike<unknown>, units: Units): unknown[] {
  const out = new Array<unknown>(units.count);
  const seen = new Uint8Array(units.count);
  for (let i = 0; i < units.of.length; i++) {
    const u = units.of[i];
    if (!seen[u]) { seen[u] = 1; out[u] = labels[i]; }
  }
  return out;
}

/** Deals units in order: each goes to the part in which the middle of its run of rows falls. */
function dealUnits(units: Units, unitOrder: Int32Array, sizes: number[], fractions: NonNullable<SplitRowsOptions["fractions"]>): RowSplit {
  const unitSize = new Int32Array(units.count);
  for (let i = 0; i < units.of.length; i++) unitSize[units.of[i]]++;
  const cut = [sizes[0], sizes[0] + sizes[1]];
  const partOf = new Int8Array(units.count);
  let start = 0;
  for (const u of unitOrder) {
    const middle = start + unitSize[u] / 2;
    partOf[u] = middle < cut[0] ? 0 : middle < cut[1] ? 1 : 2;
    start += unitSize[u];
  }
  const rows: number[][] = [[], [], []];
  for (let i = 0; i < units.of.length; i++) rows[partOf[units.of[i]]].push(i);
  const split = {} as RowSplit;
  PARTS.forEach((part, p) => {
    if (fractions[part] > 0 && rows[p].length === 0) {
      throw new UnderstudyError("empty_input", messages.data.emptyGroupedPart(part, units.count));
    }
    split[part] = Int32Array.from(rows[p]);
  });
  return split;
}

function partSizes(n: number, fractions: SplitRowsOptions["fractions"] & object): number[] {
  const f = PARTS.map((part) => fractions[part]);
  if (f.some((x) => typeof x !== "number" || !(x >= 0))) {
    throw new UnderstudyError("bad_option", messages.data.negativeFractions(fractions));
  }
  const sum = f[0] + f[1] + f[2];
  if (Math.abs(sum - 1) > 1e-9) {
    throw new UnderstudyError("bad_option", messages.data.fractionsSum(sum));
  }
  const sizes = f.map((x) => Math.floor(x * n + 1e-9));
  const left = n - sizes.reduce((a, b) => a + b, 0);
  const byRemainder = [0, 1, 2].sort((a, b) => f[b] * n - sizes[b] - (f[a] * n - sizes[a]) || a - b);
  for (let k = 0; k < left; k++) sizes[byRemainder[k]]++;
  PARTS.forEach((part, p) => {
    if (f[p] > 0 && sizes[p] === 0) {
      throw new UnderstudyError("empty_input", messages.data.emptySplitPart(part, n, f[p]));
    }
  });
  if (sizes[0] === 0) {
    throw new UnderstudyError("empty_input", messages.data.emptyTrainPart());
  }
  return sizes;
}

function shuffled(n: number, rng: Random): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  rng.shuffle(order);
  return order;
}

/** Rows ordered so that every prefix holds each label in proportion (within one row). */
function stratifiedOrder(labels: ArrayLike<unknown>, rng: Random): Int32Array {
  const n = labels.length;
  const groups = new Map<unknown, number[]>();
  for (let i = 0; i < n; i++) {
    const key = labels[i] ?? null;
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = []));
    g.push(i);
  }
  const position = new Float64Array(n);
  const tieBreak = new Float64Array(n);
  for (const rows of groups.values()) {
    rng.shuffle(rows);
    rows.forEach((row, rank) => {
      position[row] = rank / rows.length;
      tieBreak[row] = rng.next();
    });
  }
  const order = Int32Array.from({ length: n }, (_, i) => i);
  return order.sort((a, b) => position[a] - position[b] || tieBreak[a] - tieBreak[b]);
}
