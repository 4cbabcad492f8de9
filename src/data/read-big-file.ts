import type { ColumnTable } from "arquero";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { missingMarkers } from "./cell-values.ts";
import { fileColumnNames } from "./duckdb-column-names.ts";
import { checkJsonKeys } from "./duckdb-json-keys.ts";
import { checkReadable, duckdbSource, openDuckDB, requireDuckDBFormat } from "./duckdb-source.ts";
import { readSampledRows } from "./sample-rows.ts";
import { typeColumns } from "./table-file.ts";
import { tableFromColumns } from "./table-from-values.ts";
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

/**
 * Reads a CSV, TSV, Parquet or JSON/NDJSON file of any size through embedded DuckDB (memory
 * capped at 1 GB; the file is streamed, never held as one string). With `sample: n`, DuckDB
 * keeps the n rows whose hash of (row number, seed) is smallest: a uniform random sample of
 * the whole file, the same for the same seed on every run and thread count. The file is read
 * once (twice for JSON, and for a CSV whose rows are far longer than its lines suggest) and
 * only the sampled rows reach JavaScript, in file order.
 *
 * The data layer's rules hold: a column named twice is refused (JSON: in any row, and also two
 * keys that differ only in case, which DuckDB cannot keep apart); CSV cells are typed as
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
    const names = await fileColumnNames(path, format, run);
    const source = duckdbSource(path, format);
    const result = await (options.sample === undefined
      ? run(`SELECT * FROM ${source}`)
      : readSampledRows(path, format, source, options.sample, options.seed ?? 0, run)
    ).catch(async (e: unknown) => {
      // DuckDB refuses a JSON key repeated in any row; say so in the data layer's terms when that is why.
      if (format === "json") await checkJsonKeys(path, run);
      throw e;
    });
    const values = result.getColumnsJS();
    const text = format === "csv" || format === "tsv";
    // By position: the file's own names (DuckDB may have renamed a header that differs from another only in case).
    const columns: Record<string, unknown[]> = Object.create(null);
    names.forEach((name, j) => { columns[name] = text ? values[j] : values[j].map(plainValue); });
    const table = tableFromColumns(columns);
    return checkNotEmpty(text ? typeColumns(table, markers) : table, {});
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** DuckDB's JavaScript values as the rest of the library reads cells: 64-bit integers as numbers. */
function plainValue(v: unknown): unknown {
  return typeof v === "bigint" ? Number(v) : v;
}

function firstLine(text: string): string {
  return text.split("\n", 1)[0];
}
