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
 * @example
 * const { train, validation, test } = splitRows(10, { seed: 1 });  // 6, 2 and 2 indices
 * splitRows(["spam", "ham", "ham", "spam", "ham"], { fractions: { train: 0.6, validation: 0, test: 0.4 } });
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

  const order = stratify ? stratifiedOrder(labels!, rng) : shuffled(n, rng);
  const split = {} as RowSplit;
  let start = 0;
  PARTS.forEach((part, p) => {
    split[part] = order.slice(start, start + sizes[p]).sort();
    start += sizes[p];
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
