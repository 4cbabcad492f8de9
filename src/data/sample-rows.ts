// Internal: the DuckDB queries behind readBigFile's `sample`. Not part of the public API.
import { open } from "node:fs/promises";
import type { DuckDBResultReader } from "@duckdb/node-api";
import type { DuckDBFileFormat } from "./duckdb-source.ts";

/** Runs one query through DuckDB and reads every row (errors already phrased for the file). */
export type RunQuery = (sql: string) => Promise<DuckDBResultReader>;

const ROW = "__understudy_row";
/** Candidates kept per wanted row in the one-pass read: room for a row count 1.5× short of the estimate. */
const MARGIN = 1.5;
/** The one-pass read is used while its candidates are under this share of the estimated rows. */
const MAX_SHARE = 0.5;

/**
 * The rows of a seeded uniform sample of `source` (a DuckDB table function over the file at
 * `path`), in file order, as DuckDB's result.
 *
 * The sample is the `sample` rows whose `hash(row number, seed)` is smallest (row numbers from
 * 1, ties broken by row number): uniform, and the same rows for the same file and seed on any
 * machine and thread count. Ranking whole rows (`ORDER BY hash(...) LIMIT n` over every
 * column) made DuckDB carry all 12M rows of a 1.5 GB CSV into its sort (≈ 47 s of CPU); here
 * only the picked rows are ever ranked:
 * - CSV/TSV, one pass: the row count is estimated from the file's size and the lines in 16
 *   blocks spread over it; the pass counts the rows and keeps those whose hash is under a
 *   threshold that lets through about 1.5 × `sample` of them. Every row of the sample is among
 *   them whenever at least `sample` pass (rows outside have larger hashes), so the result is
 *   exact; when fewer pass (the estimate was far too high), the exact two passes below follow.
 * - Otherwise (Parquet, whose count is in its metadata; JSON): count the rows, pick the row
 *   numbers from `range()` without reading the file, then keep those rows in one pass.
 *
 * @example
 * const rows = await readSampledRows("big.csv", "csv", "read_csv('big.csv')", 200_000, 0, (sql) => connection.runAndReadAll(sql));
 */
export async function readSampledRows(path: string, format: DuckDBFileFormat, source: string, sample: number, seed: number, run: RunQuery): Promise<DuckDBResultReader> {
  const n = Math.trunc(sample);
  const hash = (row: string) => `hash(${row}, ${Math.trunc(seed)}::BIGINT)`;
  let rowCount: number | undefined;
  if (format === "csv" || format === "tsv") {
    const estimate = await estimateRowCount(path);
    const share = (n * MARGIN) / estimate;
    if (share < MAX_SHARE) {
      // hash() is a UBIGINT, uniform over [0, 2^64): this threshold lets through `share` of the rows.
      const threshold = BigInt(Math.floor(share * 2 ** 64));
      await run(`CREATE TEMP TABLE understudy_candidates AS
        SELECT count(*) AS row_count, list(numbered) FILTER (WHERE ${hash(`numbered.${ROW}`)} <= ${threshold}::UBIGINT) AS rows
        FROM (SELECT *, row_number() OVER () AS ${ROW} FROM ${source}) numbered`);
      const [count, kept] = (await run(`SELECT row_count, len(rows) FROM understudy_candidates`)).getRows()[0].map(Number);
      if (kept >= n || kept === count) {
        return run(`WITH kept AS (SELECT unnest(candidate) FROM (SELECT unnest(rows) AS candidate FROM understudy_candidates)),
          picked AS (SELECT * FROM kept ORDER BY ${hash(ROW)}, ${ROW} LIMIT ${n})
          SELECT * EXCLUDE (${ROW}) FROM picked ORDER BY ${ROW}`);
      }
      rowCount = count;
    }
  }
  rowCount ??= Number((await run(`SELECT count(*) FROM ${source}`)).getRows()[0][0]);
  if (n >= rowCount) return run(`SELECT * FROM ${source}`);
  return run(`WITH picked AS (SELECT r FROM range(1, ${rowCount + 1}) t(r) ORDER BY ${hash("r")}, r LIMIT ${n})
    SELECT * EXCLUDE (${ROW}) FROM (SELECT *, row_number() OVER () AS ${ROW} FROM ${source})
    WHERE ${ROW} IN (SELECT r FROM picked) ORDER BY ${ROW}`);
}

const BLOCKS = 16;
const BLOCK_BYTES = 1 << 16;

/** The file's size over the mean bytes per line in 16 blocks spread over it (at least 1): a guess, only ever used to size a threshold. */
async function estimateRowCount(path: string): Promise<number> {
  const file = await open(path, "r");
  try {
    const size = (await file.stat()).size;
    const buffer = new Uint8Array(BLOCK_BYTES);
    let bytes = 0;
    let lines = 0;
    for (let b = 0; b < BLOCKS; b++) {
      const { bytesRead } = await file.read(buffer, 0, BLOCK_BYTES, Math.floor((b * Math.max(0, size - BLOCK_BYTES)) / (BLOCKS - 1)));
      bytes += bytesRead;
      for (let i = buffer.indexOf(10); i >= 0 && i < bytesRead; i = buffer.indexOf(10, i + 1)) lines++;
    }
    return lines === 0 ? 1 : Math.max(1, Math.round((size * lines) / bytes));
  } finally {
    await file.close();
  }
}
