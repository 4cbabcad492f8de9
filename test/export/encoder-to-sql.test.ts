import { describe, expect, it } from "vitest";
import { TableEncoder } from "../../src/data/table-encoder.ts";
import { encoderToSQL } from "../../src/export/encoder-to-sql.ts";
import { sqlDialect } from "../../src/export/sql-dialect.ts";
import { runDuckDB, runSQLite, sqliteAvailable, type ColumnType, type Row } from "./sql-engines.ts";

const hasSQLite = sqliteAvailable();

// Every encoder step: numeric value (median fill, standardized or not), missing indicators,
// booleans (as booleans and as words), one-hot, the (other) bucket and missing markers.
const train: Row[] = [
  { x: 1.5, y: 10, flag: true, word: "yes", city: "Oslo", code: 7 },
  { x: null, y: 20, flag: false, word: "no", city: "Lima", code: 7 },
  { x: 4.25, y: 30, flag: null, word: "YES", city: "Oslo", code: 9 },
  { x: -2, y: 45, flag: true, word: null, city: "NA", code: 9 },
  { x: 0.1, y: 50, flag: true, word: "no", city: "Rome", code: 11 },
  { x: 8, y: 65, flag: false, word: "no", city: "Oslo", code: 7 },
];
const score: Row[] = [
  ...train,
  { x: null, y: null, flag: null, word: "maybe", city: "Paris", code: 13 }, // unseen everything
  { x: 3, y: 15, flag: false, word: " Yes ", city: "n/a", code: null }, // marker, padded word
  { x: 1e-9, y: -5, flag: true, word: "0", city: "Lima", code: 11 },
];
const columns: Record<string, ColumnType> = { x: "number", y: "number", flag: "boolean", word: "string", city: "string", code: "integer" };
const roles = { x: "numeric", y: "numeric", flag: "boolean", word: "boolean", city: "categorical", code: "categorical" } as const;

async function engineMatrix(encoder: TableEncoder, dialect: "duckdb" | "sqlite"): Promise<number[][]> {
  const d = sqlDialect(dialect);
  const { features } = encoderToSQL(encoder, { dialect });
  const select = `SELECT ${features.map((f, j) => `${f.sql} AS ${d.identifier(`f${j}`)}`).join(",\n")} FROM t`;
  const rows = dialect === "duckdb" ? await runDuckDB("t", columns, score, select) : runSQLite("t", columns, score, select);
  return rows.map((r) => features.map((_, j) => r[`f${j}`] as number));
}

describe("encoderToSQL", () => {
  for (const standardize of [false, true]) {
    it(`reproduces transform exactly in DuckDB and SQLite (standardize: ${standardize})`, async () => {
      const encoder = new TableEncoder({ roles, standardize, minCategoryCount: 2 }).fit(train);
      const expected = encoder.transform(score).toRows();
      expect(await engineMatrix(encoder, "duckdb")).toEqual(expected);
      if (hasSQLite) expect(await engineMatrix(encoder, "sqlite")).toEqual(expected);
    });
  }

  it("lists the input columns and one expression per feature, by name", () => {
    const encoder = new TableEncoder({ roles, minCategoryCount: 2 }).fit(train);
    const sql = encoderToSQL(encoder.toJSON(), { dialect: "postgres" });
    expect(sql.inputColumns).toEqual(["x", "y", "flag", "word", "city", "code"]);
    expect(sql.features.map((f) => f.name)).toEqual(encoder.featureNames);
    const x = sql.features.find((f) => f.name === "x")!;
    // Median of 1.5, 4.25, -2, 0.1, 8 is 1.5; postgres has no TRY_CAST, so a plain CAST.
    expect(x.sql).toBe(`COALESCE(CAST(NULLIF(TRIM(BOTH (' ' || chr(9)) FROM CAST("x" AS TEXT)), '') AS DOUBLE PRECISION), 1.5e0::float8)`);
    const duck = encoderToSQL(encoder, { dialect: "duckdb" }).features.find((f) => f.name === "x")!;
    expect(duck.sql).toBe('COALESCE(TRY_CAST("x" AS DOUBLE), 1.5e0)');
    expect(encoderToSQL(encoder, { dialect: "bigquery" }).features[0].sql).toContain("SAFE_CAST(`x` AS FLOAT64)");
  });

  it("text and concept features have no SQL form: one clear error naming the feature", () => {
    const json = new TableEncoder({ roles, minCategoryCount: 2 }).fit(train).toJSON() as unknown as { steps: object[] };
    json.steps.push({ feature: "body: free", column: "body", kind: "tfidf", op: "tfidf" });
    expect(() => encoderToSQL(json as never, { dialect: "duckdb" })).toThrow(
      /"body: free" is a tfidf feature, which has no SQL form; SQL export supports numeric, boolean and categorical features/,
    );
  });

  it("rejects JSON that is not an encoder's", () => {
    expect(() => encoderToSQL({ format: "nope" } as never, { dialect: "duckdb" })).toThrow(/TableEncoder JSON/);
  });
});
