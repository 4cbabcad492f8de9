// Internal: builds arquero tables from in-memory rows or columns, with the checks toTable
// promises (plain objects, equal column lengths). Not part of the public API.
import { table, type ColumnTable } from "arquero";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";

/**
 * Refuses column names a table cannot hold: one name twice (the second would replace the
 * first) and "__proto__" (objects, arquero's included, treat it as the prototype, not a key).
 * `where` names the source in the message, e.g. 'The header of "data.csv"'.
 */
export function checkColumnNames(names: readonly string[], where: string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (name === "__proto__") throw new UnderstudyError("bad_input", messages.data.reservedColumnName(name));
    if (seen.has(name) && name !== "") throw new UnderstudyError("duplicate_column", messages.data.duplicateColumn(name, where));
    seen.add(name);
  }
}

/**
 * Rows of objects → table. Columns are the union of every row's keys in first-seen order
 * (arquero's own `from` looks at the first row only); absent keys become null.
 */
export function tableFromRows(rows: readonly unknown[]): ColumnTable {
  const names: string[] = [];
  const index = new Map<string, number>();
  const n = rows.length;
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (row === null || typeof row !== "object" || Array.isArray(row)) {
      throw new UnderstudyError("bad_input", messages.data.rowNotObject(i, describeValue(row)));
    }
    for (const key of Object.keys(row)) {
      if (!index.has(key)) {
        index.set(key, names.length);
        names.push(key);
      }
    }
  }
  checkColumnNames(names, "The rows");
  const columns: Record<string, unknown[]> = Object.create(null);
  for (const name of names) {
    const values = new Array(n);
    for (let i = 0; i < n; i++) {
      const row = rows[i] as Record<string, unknown>;
      values[i] = Object.hasOwn(row, name) ? (row[name] ?? null) : null;
    }
    columns[name] = values;
  }
  return table(columns, names);
}

/** A column object `{ name: values[] }` → table; every column must have the same length. */
export function tableFromColumns(columns: Record<string, unknown>): ColumnTable {
  const names = Object.keys(columns);
  if (names.length === 0) {
    throw new UnderstudyError("empty_input", messages.data.noColumns());
  }
  checkColumnNames(names, "The column object");
  let firstLength = -1;
  for (const name of names) {
    const values = columns[name] as ArrayLike<unknown> | null;
    if (values == null || typeof values !== "object" || typeof values.length !== "number") {
      throw new UnderstudyError("bad_input", messages.data.columnNotArray(name, describeValue(values)));
    }
    if (firstLength < 0) firstLength = values.length;
    else if (values.length !== firstLength) {
      throw new UnderstudyError("length_mismatch", messages.data.raggedColumns(names[0], firstLength, name, values.length));
    }
  }
  return table(columns as Record<string, ArrayLike<unknown>>, names);
}

/** Short description of a value for error messages. */
export function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "string") return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
  return `a ${typeof v}`;
}
