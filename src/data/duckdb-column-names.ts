// Internal: the column names of a file read through DuckDB, as the file spells them, with the
// data layer's rule (a column named twice is refused). Not part of the public API.
import { checkJsonKeys, JSON_SCHEMA_ROWS } from "./duckdb-json-keys.ts";
import { duckdbSource, type DuckDBFileFormat } from "./duckdb-source.ts";
import type { RunQuery } from "./sample-rows.ts";
import { checkColumnNames } from "./table-from-values.ts";

/**
 * The column names of `path` in DuckDB's column order, checked: a name used twice is refused
 * as in memory. DuckDB itself renames a repeated name ("x" and "X" become "x" and "x_1": its
 * names ignore case), so it cannot be asked. CSV/TSV headers are read as a plain row, and
 * those names are used by position, so "X" and "x" stay two columns as in memory. JSON keys
 * are checked in the rows DuckDB reads to find the columns: a key twice in one row, or two
 * keys that differ only in case (DuckDB would rename one), is refused. (A key twice in a later
 * row fails DuckDB's read, which readBigFile then explains with the same check.)
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
  if (format === "json") await checkJsonKeys(path, run, JSON_SCHEMA_ROWS);
  const names = (await run(`DESCRIBE SELECT * FROM ${duckdbSource(path, format)}`)).getRows().map((r) => String(r[0]));
  checkColumnNames(names, `"${path}"`);
  return names;
}
