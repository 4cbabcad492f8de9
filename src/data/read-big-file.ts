import type { ColumnTable } from "arquero";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { missingMarkers } from "./cell-values.ts";
import { checkReadable, duckdbSource, openDuckDB, requireDuckDBFormat, type DuckDBFileFormat } from "./duckdb-source.ts";
import { typeColumns } from "./table-file.ts";
import { checkColumnNames, tableFromColumns } from "./table-from-values.ts";
import { checkNotEmpty } from "./to-table.ts";

/** Options of {@link readBigFile}. */
export interface ReadBigFileOptions {
  /** At most this many rows, drawn uniformly at random from the whole file (seeded). Default: every row. */
  sample?: number;
  /** Seed of the sample: the same file and seed give the same rows. Default 0. */
  seed?: number;
  /** Cell values read as missing (CSV/TSV typing), as `toTable`'s `missing`. Default: the standard markers. */
  missing?: readonly string[];
}

const ROW = "__understudy_row";

/**
 * Reads a CSV, TSV, Parquet or JSON/NDJSON file of any size through embedded DuckDB (memory
 * capped at 1 GB; the file is streamed, never held as one string). With `sample: n`, DuckDB
 * keeps the n rows whose hash of (row number, seed) is smallest: a uniform random sample of
 * the whole file, the same for the same seed on every run and thread count. Only those rows
 * reach JavaScript, in file order.
 *
 * The data layer's rules hold: a column named twice is refused; CSV cells are typed as
 * `toTable` types them (plain-number columns become numbers, missing markers null; stray text
 * in a numeric column is left for schema inference to read as missing, with a warning).
 * Parquet and JSON keep their own column types (64-bit integers become numbers).
 *
 * @example
 * const t = await readBigFile("/data/loans.csv", { sample: 200_000, seed: 0 });
 * t.numRows(); // 200000 (or every row, when the file has fewer)
 */
export async function readBigFile(path: string, options: ReadBigFileOptions = {}): Promise<ColumnTable> {
  const format = requireDuckDBFormat(path);
  await checkReadable(path);
  const markers = missingMarkers(options.missing);
  const { instance, connection } = await openDuckDB();
  try {
    const run = async (sql: string) => {
      try {
        return await connection.runAndReadAll(sql);
      } catch (e) {
        throw new UnderstudyError("bad_file", messages.data.bigFileUnreadable(path, format, firstLine((e as Error).message)), { cause: e });
      }
    };
    checkColumnNames(await headerOf(path, format, run), `The header of "${path}"`);
    const source = duckdbSource(path, format);
    const sql = options.sample === undefined
      ? `SELECT * FROM ${source}`
      : `WITH numbered AS (SELECT *, row_number() OVER () AS ${ROW} FROM ${source}),
         picked AS (SELECT * FROM numbered ORDER BY hash(${ROW}, ${Math.trunc(options.seed ?? 0)}::BIGINT), ${ROW} LIMIT ${Math.trunc(options.sample)})
         SELECT * EXCLUDE (${ROW}) FROM picked ORDER BY ${ROW}`;
    const reader = await run(sql);
    const names = reader.columnNames();
    const values = reader.getColumnsJS();
    const columns: Record<string, unknown[]> = Object.create(null);
    names.forEach((name, j) => { columns[name] = format === "csv" || format === "tsv" ? values[j] : values[j].map(plainValue); });
    const table = tableFromColumns(columns);
    return checkNotEmpty(format === "csv" || format === "tsv" ? typeColumns(table, markers) : table, {});
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The column names as the file spells them (DuckDB renames a repeated header, so CSV headers are read as a row). */
async function headerOf(path: string, format: DuckDBFileFormat, run: (sql: string) => Promise<{ getRows(): unknown[][]; columnNames(): string[] }>): Promise<string[]> {
  if (format === "csv" || format === "tsv") {
    const first = (await run(`SELECT * FROM ${duckdbSource(path, format, { header: false })} LIMIT 1`)).getRows()[0] ?? [];
    return first.map((v) => (v == null ? "" : String(v)));
  }
  return (await run(`DESCRIBE SELECT * FROM ${duckdbSource(path, format)}`)).getRows().map((r) => String(r[0]));
}

/** DuckDB's JavaScript values as the rest of the library reads cells: 64-bit integers as numbers. */
function plainValue(v: unknown): unknown {
  return typeof v === "bigint" ? Number(v) : v;
}

function firstLine(text: string): string {
  return text.split("\n", 1)[0];
}
