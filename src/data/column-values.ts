import type { ColumnTable } from "arquero";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";

/**
 * The values of one table column as a new plain array (in the table's current row order and
 * filter). Throws, naming the available columns, when the column does not exist.
 *
 * @example
 * columnValues(toTable({ a: [1, 2], b: ["x", "y"] }), "b");  // ["x", "y"]
 */
export function columnValues(table: ColumnTable, name: string): unknown[] {
  // columnNames, not table.column: arquero's lookup would find Object methods ("toString").
  if (!table.columnNames().includes(name)) {
    throw new UnderstudyError("unknown_column", messages.data.noSuchColumn(name, table.columnNames()));
  }
  return Array.from(table.array(name) as ArrayLike<unknown>);
}
