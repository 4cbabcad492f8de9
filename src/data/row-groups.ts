import { isMissingCell } from "./cell-values.ts";

/** What {@link rowGroups} found: a group id per row and how many rows repeat an earlier one. */
export interface RowGroups {
  /** Group id per row, numbered 0, 1, 2, ... in order of first appearance. */
  groups: Int32Array;
  /** Distinct groups. */
  count: number;
  /** Rows equal to an earlier row on the columns read (`rows − count`). */
  repeats: number;
}

/**
 * Groups rows that are equal on every named column, before any featurizing: the raw cell
 * values compared as text (`1` and `"1"` are one value, dates by their ISO text, and every
 * missing cell equals every other). With the model's input columns this finds duplicate rows
 * (which must stay on one side of a split, or held-out figures measure memory); with one
 * column it groups rows by that column's value (one customer, one group).
 *
 * @example
 * const { groups, repeats } = rowGroups([{ a: 1, b: "x" }, { a: 2, b: "x" }, { a: "1", b: "x" }], ["a", "b"]);
 * Array.from(groups); // [0, 1, 0]
 * repeats;            // 1
 */
export function rowGroups(rows: readonly Record<string, unknown>[], columns: readonly string[]): RowGroups {
  const ids = new Map<string, number>();
  const groups = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const key = columns.map((c) => cellKey(rows[i]?.[c])).join("\u0001");
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    groups[i] = id;
  }
  return { groups, count: ids.size, repeats: rows.length - ids.size };
}

/** One text per distinct cell value; missing cells share one marker that no string equals. */
function cellKey(v: unknown): string {
  if (isMissingCell(v)) return "\u0000";
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}
