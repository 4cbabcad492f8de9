import { readFileSync } from "node:fs";
import type { ColumnTable } from "arquero";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { missingMarkers } from "./cell-values.ts";
import { describeValue, tableFromColumns, tableFromRows } from "./table-from-values.ts";
import { fileReadError, tableFileFormat, tableFromFileBytes, type TableFileFormat } from "./table-file.ts";

/**
 * Data in any form Understudy accepts: an arquero table, an array of row objects, a column
 * object (`{ column: values[] }`), or the path of a CSV, TSV, JSON, NDJSON or Arrow file.
 */
export type TableInput = ColumnTable | readonly object[] | Record<string, ArrayLike<unknown>> | string;

/** Options for {@link toTable} and {@link loadTable}. */
export interface ToTableOptions {
  /** File format, when the extension does not say it. Default: from the extension. */
  format?: TableFileFormat;
  /** Accept data with zero rows (used when transforming an empty batch). Default false. */
  allowEmpty?: boolean;
  /**
   * Cell values read as missing when typing CSV/TSV columns (trimmed, any case). Default
   * `["", "NA", "N/A", "NaN", "null"]` (see `distill({ missing })`).
   */
  missing?: readonly string[];
}

/**
 * Turns data in any accepted form into an arquero table (synchronously; see `loadTable` for
 * the async file loader). An arquero table is returned as it is; row objects and column
 * objects are wrapped without modifying them. Rows may have different keys: the columns are
 * the union of all keys, absent ones null.
 *
 * Files are chosen by extension: .csv; .tsv/.tab; .json (an array of row objects or an object
 * of column arrays); .ndjson/.jsonl (one row object per line); .arrow/.feather/.ipc (Apache
 * Arrow IPC). CSV/TSV cells stay text unless a whole column is plain numbers (then numbers;
 * "007" keeps a column text) or only true/false (then booleans); empty cells and missing
 * markers (`missing`: NA, null, …) in such columns become null.
 *
 * Throws an `UnderstudyError` for empty data or an empty file, ragged column objects, rows
 * that are not objects, a column named twice (a CSV header such as `id,x,x`, a JSON row with
 * a repeated key) or named "__proto__", unknown file extensions and files that do not exist.
 *
 * @example
 * toTable([{ age: 41, city: "Oslo" }, { age: 29, city: "Lima" }]).numRows();  // 2
 * toTable({ age: [41, 29], city: ["Oslo", "Lima"] }).columnNames();          // ["age", "city"]
 * toTable("data/customers.csv");
 */
export function toTable(data: TableInput, options: ToTableOptions = {}): ColumnTable {
  let result: ColumnTable;
  if (typeof data === "string") {
    const format = tableFileFormat(data, options.format);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(data);
    } catch (e) {
      throw fileReadError(data, e);
    }
    result = tableFromFileBytes(data, bytes, format, missingMarkers(options.missing));
  } else if (isTable(data)) {
    result = data;
  } else if (Array.isArray(data)) {
    result = tableFromRows(data);
  } else if (data !== null && typeof data === "object") {
    result = tableFromColumns(data as Record<string, unknown>);
  } else {
    throw new UnderstudyError("bad_input", messages.data.notData(describeValue(data)));
  }
  return checkNotEmpty(result, options);
}

/** Rejects a table with no rows or no columns unless `allowEmpty`. */
export function checkNotEmpty(result: ColumnTable, options: ToTableOptions): ColumnTable {
  if (!options.allowEmpty && (result.numRows() === 0 || result.numCols() === 0)) {
    throw new UnderstudyError("empty_input", messages.data.emptyTable(result.numRows(), result.numCols()));
  }
  return result;
}

/** Duck-typed so that a table from another copy of arquero is still recognised. */
function isTable(data: unknown): data is ColumnTable {
  const t = data as ColumnTable;
  return (
    t !== null &&
    typeof t === "object" &&
    typeof t.columnNames === "function" &&
    typeof t.numRows === "function" &&
    typeof t.array === "function"
  );
}
