// Internal: the column names of a file read through DuckDB, as the file spells them, with the
// data layer's rule (a column named twice is refused). Not part of the public API.
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { duckdbSource, sqlLiteral, type DuckDBFileFormat } from "./duckdb-source.ts";
import type { RunQuery } from "./sample-rows.ts";
import { checkColumnNames } from "./table-from-values.ts";

/**
 * The column names of `path` in DuckDB's column order, checked: a name used twice is refused
 * as in memory. DuckDB itself renames a repeated name ("x" and "X" become "x" and "x_1": its
 * names ignore case), so it cannot be asked. CSV/TSV headers are read as a plain row, and
 * those names are used by position, so "X" and "x" stay two columns as in memory. JSON keys
 * are checked in every row object (JSON.parse, and DuckDB, would keep one of two equal keys);
 * keys that differ only in case are refused there, because DuckDB would rename one.
 *
 * @example
 * const names = await fileColumnNames("big.csv", "csv", (sql) => connection.runAndReadAll(sql));
 */
export async function fileColumnNames(path: string, format: DuckDBFileFormat, run: RunQuery): Promise<string[]> {
  if (format === "csv" || format === "tsv") {
    const first = (await run(`SELECT * FROM ${duckdbSource(path, format, { header: false })} LIMIT 1`)).getRows()[0] ?? [];
    const names = first.map((v) => (v == null ? "" : String(v)));
    checkColumnNames(names, `The header of "${path}"`);
    return names;
  }
  if (format === "json") await checkJsonKeys(path, run);
  const names = (await run(`DESCRIBE SELECT * FROM ${duckdbSource(path, format)}`)).getRows().map((r) => String(r[0]));
  checkColumnNames(names, `"${path}"`);
  return names;
}

/** Refuses the first row object of a JSON file with a key twice, or two keys equal but for case. */
async function checkJsonKeys(path: string, run: RunQuery): Promise<void> {
  const clash = (await run(`SELECT keys FROM (SELECT json_keys(json) AS keys FROM read_json_objects(${sqlLiteral(path)}, format = 'auto'))
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
