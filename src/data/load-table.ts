import { readFile } from "node:fs/promises";
import type { ColumnTable } from "arquero";
import { missingMarkers } from "./cell-values.ts";
import { checkNotEmpty, toTable, type TableInput, type ToTableOptions } from "./to-table.ts";
import { fileReadError, tableFileFormat, tableFromFileBytes } from "./table-file.ts";

/**
 * Async `toTable`: reads files without blocking (same formats and typing rules as
 * `toTable`); any other input is passed to `toTable`.
 *
 * @example
 * const t = await loadTable("test/fixtures/data/people.csv");
 * t.columnNames();  // ["id", "name", "age", ...]
 */
export async function loadTable(data: TableInput, options: ToTableOptions = {}): Promise<ColumnTable> {
  if (typeof data !== "string") return toTable(data, options);
  const format = tableFileFormat(data, options.format);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(data);
  } catch (e) {
    throw fileReadError(data, e);
  }
  return checkNotEmpty(tableFromFileBytes(data, bytes, format, missingMarkers(options.missing)), options);
}
