import type { ColumnTable } from "arquero";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { toTable, type TableInput } from "../data/to-table.ts";

/**
 * Input rows as the featurizer reads them without copying: an array of row objects as it is
 * (each checked), any other table input (column object, arquero table, file path) as an
 * arquero table, read column by column. Unlike {@link rowList}, no row objects are built.
 *
 * @example
 * rowsOrTable([{ body: "hi" }]);          // the same array
 * rowsOrTable({ body: ["hi", "WIN"] });   // an arquero table over the caller's arrays
 */
export function rowsOrTable(rows: TableInput): readonly Record<string, unknown>[] | ColumnTable {
  if (Array.isArray(rows)) {
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (r === null || typeof r !== "object" || Array.isArray(r)) throw new UnderstudyError("bad_input", messages.understudy.rowsNotObjects(i));
    }
    return rows as readonly Record<string, unknown>[];
  }
  return toTable(rows, { allowEmpty: true });
}
