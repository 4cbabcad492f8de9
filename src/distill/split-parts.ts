import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { isMissingCell, numberOfCell } from "../data/cell-values.ts";
import { dateOfCell } from "../data/date-of-cell.ts";
import { mergeGroups } from "../data/merge-groups.ts";
import { rowGroups } from "../data/row-groups.ts";
import { splitRows } from "../data/split-rows.ts";
import type { CheckedOptions } from "./check-options.ts";
import type { LoadedInputs } from "./load-inputs.ts";
import type { RunEvents } from "./run-events.ts";

/** Row indices per part of the split. */
export interface Parts {
  train: number[];
  validation: number[];
  test: number[];
}

/** What {@link splitParts} decided: the parts, and the groups folds must honour. */
export interface SplitParts {
  parts: Parts;
  /**
   * Group id per row: rows sharing one sit in one part and must sit in one cross-validation
   * fold. Duplicates share a group; with `split.group`, so do rows with one value of that
   * column. With `split.by` (`grouping: "time"`) the id is the rank of the row's time (0 =
   * earliest), so folds can run forward in time.
   */
  groups: Int32Array;
  /** What the groups are: single rows, duplicates, an entity column (and duplicates), or times. */
  grouping: "rows" | "duplicates" | "group" | "time";
  /** Rows equal on every column the model reads: `rows` repeat an earlier row; `sets` distinct rows have copies; `acrossParts` copies out of time that sit in a later part than a training copy. */
  duplicates: { rows: number; sets: number; acrossParts?: number };
}

/** The options {@link splitParts} reads. */
export type SplitPartsOptions = Pick<CheckedOptions, "split" | "seed" | "target">;

/**
 * Splits the rows into train, validation and test (seeded; stratified on gold labels when
 * there are any), so that nothing known on one side leaks to the other: copies of a row (equal
 * on every feature and text column, before featurizing) stay in one part; `split.group` keeps
 * each entity on one side; `split.by` trains on the earliest rows and tests on the latest.
 * Duplicates are counted and a warning says how many.
 *
 * @example
 * const { parts, groups, duplicates } = splitParts(options, inputs, events);
 * parts.test.length; duplicates.rows; // rows that repeat an earlier row
 */
export function splitParts(o: SplitPartsOptions, inputs: LoadedInputs, events: RunEvents): SplitParts {
  const { rows, kind, gold } = inputs;
  const copies = rowGroups(rows, [...inputs.features, ...inputs.text]);
  const stratifyOn = kind === "classification" && gold ? gold : rows.length;
  const { by, group } = o.split;
  for (const [key, column] of [["by", by], ["group", group]] as const) {
    if (column === undefined) continue;
    if (!inputs.columns.includes(column)) throw new UnderstudyError("unknown_column", messages.distill.unknownColumn(`split.${key}`, column, inputs.columns));
    if (column === o.target) throw new UnderstudyError("bad_option", messages.distill.splitColumnIsTarget(key, column));
  }
  const fractions = { train: o.split.train, validation: o.split.validation, test: o.split.test };
  let groups: Int32Array;
  let grouping: SplitParts["grouping"];
  let split;
  if (by !== undefined) {
    const times = timesOf(rows, by);
    split = splitRows(rows.length, { fractions, seed: o.seed, order: times });
    groups = timeRanks(times);
    grouping = "time";
  } else {
    const entity = group !== undefined ? entityGroups(rows, group) : undefined;
    groups = entity ? mergeGroups(entity, copies.groups) : copies.groups;
    grouping = entity ? "group" : copies.repeats > 0 ? "duplicates" : "rows";
    split = splitRows(stratifyOn, { fractions, seed: o.seed, groups });
  }
  const parts: Parts = { train: Array.from(split.train), validation: Array.from(split.validation), test: Array.from(split.test) };
  const duplicates = duplicateCounts(copies.groups, copies.repeats, by !== undefined ? parts : undefined);
  if (duplicates.rows > 0) events.warn(duplicateWarning(duplicates));
  return { parts, groups, grouping, duplicates };
}

/** A time per row: dates (Date, ISO strings) as epoch ms, else numbers; anything else is an error naming the row. */
function timesOf(rows: Record<string, unknown>[], column: string): Float64Array {
  const values = rows.map((r) => r[column]);
  // One date makes it a date column: then every row needs a date, and the first that is not is named.
  const asDates = values.some((v) => !Number.isNaN(dateOfCell(v)));
  const times = Float64Array.from(values, (v) => (asDates ? dateOfCell(v) : isMissingCell(v) || typeof v === "boolean" ? NaN : numberOfCell(v)));
  const bad = times.findIndex((t) => !Number.isFinite(t));
  if (bad >= 0) throw new UnderstudyError("bad_input", messages.distill.splitByNotTime(column, bad, values[bad]));
  return times;
}

/** The rank of each row's time among the distinct times, earliest 0. */
function timeRanks(times: Float64Array): Int32Array {
  const distinct = [...new Set(times)].sort((a, b) => a - b);
  const rank = new Map(distinct.map((t, k) => [t, k]));
  return Int32Array.from(times, (t) => rank.get(t)!);
}

/** Rows grouped by the entity column's value; a row with no entity cannot be placed. */
function entityGroups(rows: Record<string, unknown>[], column: string): Int32Array {
  const missing = rows.filter((r) => isMissingCell(r[column])).length;
  if (missing > 0) throw new UnderstudyError("bad_input", messages.distill.splitGroupMissing(column, missing));
  return rowGroups(rows, [column]).groups;
}

function duplicateCounts(copies: Int32Array, repeats: number, outOfTime: Parts | undefined): SplitParts["duplicates"] {
  const size = new Map<number, number>();
  for (const g of copies) size.set(g, (size.get(g) ?? 0) + 1);
  const sets = [...size.values()].filter((s) => s > 1).length;
  if (!outOfTime) return { rows: repeats, sets };
  const inTrain = new Set(outOfTime.train.map((i) => copies[i]));
  const acrossParts = [...outOfTime.validation, ...outOfTime.test].filter((i) => inTrain.has(copies[i])).length;
  return { rows: repeats, sets, acrossParts };
}

function duplicateWarning(d: SplitParts["duplicates"]): string {
  const found = `${d.rows} row(s) repeat another row on every input column (${d.sets} distinct row(s) have copies)`;
  if (d.acrossParts === undefined) return `${found}; each row's copies were kept in one part (and will share a fold), so held-out figures do not reward memorizing them.`;
  return `${found}; out of time the dates decide, and ${d.acrossParts} held-out row(s) repeat a training row: held-out figures may be optimistic. Remove the copies if they are not real repeats.`;
}
