// Internal: the data layer's rule on repeated column names, for JSON read through DuckDB. Not
// part of the public API.
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { sqlLiteral } from "./duckdb-source.ts";
import type { RunQuery } from "./sample-rows.ts";
import { checkColumnNames } from "./table-from-values.ts";

/** The row objects DuckDB's read_json reads to find a file's columns (its default sample_size). */
export const JSON_SCHEMA_ROWS = 20_480;

/**
 * Refuses the first row object of the JSON file at `path` (of its first `firstRows` when given)
 * with a key twice, as the in-memory reader does, or with two keys that differ only in case,
 * which DuckDB's case-blind column names would turn into "x" and "x_1". Parsing every row's
 * keys costs about as much as reading the file, so readBigFile checks only the rows DuckDB reads
 * for the columns, and every row only when the read fails (DuckDB refuses a repeated key in any
 * row, and this check then names it in the data layer's terms).
 *
 * @example
 * await checkJsonKeys("rows.ndjson", (sql) => connection.runAndReadAll(sql), JSON_SCHEMA_ROWS);
 */
export async function checkJsonKeys(path: string, run: RunQuery, firstRows?: number): Promise<void> {
  const objects = `SELECT json FROM read_json_objects(${sqlLiteral(path)}, format = 'auto')${firstRows === undefined ? "" : ` LIMIT ${firstRows}`}`;
  const clash = (await run(`SELECT keys FROM (SELECT json_keys(json) AS keys FROM (${objects}))
    WHERE len(keys) <> len(list_distinct(list_transform(keys, k -> lower(k)))) LIMIT 1`)).getRows()[0];
  if (clash === undefined) return;
  const keys = listItems(clash[0]);
  checkColumnNames(keys, `"${path}"`);
  const seen = new Map<string, string>();
  for (const key of keys) {
    const earlier = seen.get(key.toLowerCase());
    if (earlier !== undefined) throw new UnderstudyError("duplicate_column", messages.data.caseOnlyColumns(earlier, key, `"${path}"`));
    seen.set(key.toLowerCase(), key);
  }
}

/** The strings of a DuckDB LIST value as the node client returns it. */
function listItems(value: unknown): string[] {
  const items = (value as { items?: unknown[] } | null)?.items ?? [];
  return items.map(String);
}
