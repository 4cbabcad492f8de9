import type { ColumnTable } from "arquero";

/**
 * The rows of a table as plain objects `{ column: value }` (new objects; changing them does
 * not change the table).
 *
 * @example
 * rowsOf(toTable({ a: [1, 2], b: ["x", "y"] }));  // [{ a: 1, b: "x" }, { a: 2, b: "y" }]
 */
export function rowsOf(table: ColumnTable): Record<string, unknown>[] {
  return table.objects() as Record<string, unknown>[];
}
