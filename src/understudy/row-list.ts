import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { rowsOf } from "../data/rows-of.ts";
import { toTable, type TableInput } from "../data/to-table.ts";

/**
 * Input rows as a list of row objects: an array of objects as is (each checked), any other
 * table input (column object, arquero table) through its rows. An empty input gives [].
 *
 * @example
 * rowList({ body: ["hi", "WIN"] }); // [{ body: "hi" }, { body: "WIN" }]
 */
export function rowList(rows: TableInput): Record<string, unknown>[] {
  if (Array.isArray(rows)) {
    const bad = rows.findIndex((r) => r === null || typeof r !== "object" || Array.isArray(r));
    if (bad >= 0) throw new UnderstudyError("bad_input", messages.understudy.rowsNotObjects(bad));
    return rows as Record<string, unknown>[];
  }
  return rowsOf(toTable(rows, { allowEmpty: true }));
}
