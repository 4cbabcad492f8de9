// Internal: the DuckDB query behind readBigFile's `sample`. Not part of the public API.

const ROW = "__understudy_row";

/**
 * The SELECT that reads the rows of a seeded uniform sample of `source` (a DuckDB table
 * function over a file holding `rowCount` rows), in file order.
 *
 * The sample is the `sample` rows whose `hash(row number, seed)` is smallest (row numbers from
 * 1, ties broken by row number): uniform, and the same rows for the same file and seed on any
 * machine and thread count. The picked row numbers depend only on `rowCount` and the seed, so
 * they come from `range()` without reading the file; the one pass over the file then keeps
 * the rows whose number was picked. Why this shape: ranking every row of the file instead
 * (`ORDER BY hash(...) LIMIT n` over whole rows) made DuckDB carry every column of all 12M
 * rows of a 1.5 GB CSV into its sort: 47 s of CPU, against 7 s for this pass.
 *
 * @example
 * sampledRowsSQL("read_parquet('big.parquet')", 12_000_000, 200_000, 0);
 * // WITH picked AS (SELECT r FROM range(1, 12000001) … LIMIT 200000) SELECT … WHERE … IN (SELECT r FROM picked) ORDER BY …
 */
export function sampledRowsSQL(source: string, rowCount: number, sample: number, seed: number): string {
  if (sample >= rowCount) return `SELECT * FROM ${source}`;
  return `WITH picked AS (SELECT r FROM range(1, ${rowCount + 1}) t(r) ORDER BY hash(r, ${Math.trunc(seed)}::BIGINT), r LIMIT ${Math.trunc(sample)})
    SELECT * EXCLUDE (${ROW}) FROM (SELECT *, row_number() OVER () AS ${ROW} FROM ${source})
    WHERE ${ROW} IN (SELECT r FROM picked) ORDER BY ${ROW}`;
}
