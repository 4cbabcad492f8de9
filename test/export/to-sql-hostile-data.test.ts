// Issue 13 items 1–5 and issue 17's SQL shape: data and names that used to break the export
// (NUL, quotes, newlines, odd whitespace, blank numeric cells, missing columns, deep forests),
// each run in DuckDB and through the sqlite3 CLI against the in-process predictions.
import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { isMissingCell } from "../../src/data/cell-values.ts";
import { DecisionTreeClassifier, RandomForestClassifier, Random, TableEncoder, toSQL, UnderstudyError } from "../../src/index.ts";
import type { TreeStructure } from "../../src/models/estimator.ts";
import { runDuckDB, runSQLite, sqliteAvailable, type ColumnType, type Row } from "./sql-engines.ts";

const hasSQLite = sqliteAvailable();

const INJECTION = "x'); DROP TABLE data; --";
const NUL = "a\u0000b";
const NEWLINE = "line\n    two";
const XNAME = "x\n  value";
// Fitted categories that each break a naive writer, and one value the model never saw.
const cities = [NUL, INJECTION, NEWLINE, "tab\there", "null\u00a0", "nan\u2003", "plain", "NA\t", "unseen"];

function hostileRows(n: number, seed: number): Row[] {
  const r = new Random(seed);
  return Array.from({ length: n }, (_, i) => {
    const city = cities[r.int(i < n / 2 ? cities.length - 1 : cities.length)];
    const x = Math.round(r.normal() * 100) / 10;
    const yes = city === NUL || city === NEWLINE || city === "nan\u2003" || (city === "NA\t" && x > 0) || x > 1.2;
    return { id: i, city, [XNAME]: i % 9 === 0 ? "" : String(x), note: `row ${i}`, label: yes ? "yes" : "no", z: 1 };
  });
}

const columns: Record<string, ColumnType> = { id: "integer", city: "string", [XNAME]: "string", note: "string", label: "string", z: "number" };
const rows = hostileRows(400, 5);
const train = rows.filter((row) => row.city !== "unseen");
const encoder = new TableEncoder({ roles: { city: "categorical", [XNAME]: "numeric", z: "numeric" }, features: ["city", XNAME, "z"] }).fit(train);
const model = new DecisionTreeClassifier({ maxDepth: 8, seed: 0 }).fit(encoder.transform(train), train.map((row) => row.label as string));
const want = model.predict(encoder.transform(rows));

async function scored(dialect: "duckdb" | "sqlite", table: Row[], tableColumns: Record<string, ColumnType>, options: { inputColumns?: string[] } = {}) {
  const sql = toSQL({ model, encoder, dialect, table: "data", ...options });
  return dialect === "sqlite" ? runSQLite("data", tableColumns, table, sql) : runDuckDB("data", tableColumns, table, sql);
}

const engines = hasSQLite ? (["duckdb", "sqlite"] as const) : (["duckdb"] as const);

describe("toSQL with hostile data", () => {
  it("the model really splits on the hostile categories and on blank numeric cells", () => {
    for (const c of [NUL, INJECTION, NEWLINE]) expect(encoder.featureNames).toContain(`city = ${c}`);
    expect(encoder.featureNames).toContain(`${XNAME} is missing`);
    expect(new Set(want).size).toBe(2);
  });

  for (const dialect of engines) {
    it(`${dialect}: NUL, quotes and newlines in values and names stay data; every row matches in process`, async () => {
      // SQLite's CLI prints a NUL-holding cell cut short: return only the key beside the prediction.
      const out = await scored(dialect, rows, columns, { inputColumns: ["id"] });
      expect(out.length).toBe(rows.length);
      expect(out.map((row) => row.prediction)).toEqual(want);
    });
  }

  it("postgres refuses a NUL in a category with one clear error (its text cannot hold NUL)", () => {
    const write = () => toSQL({ model, encoder, dialect: "postgres", table: "data" });
    expect(write).toThrow(UnderstudyError);
    expect(write).toThrow(messages.export.nulInValue("string", NUL, "postgres"));
  });

  it("never writes a raw control character, in any dialect", () => {
    const clean = rows.filter((row) => row.city !== NUL);
    const enc = new TableEncoder({ roles: { city: "categorical", [XNAME]: "numeric" }, features: ["city", XNAME] }).fit(clean);
    const tree = new DecisionTreeClassifier({ maxDepth: 8, seed: 0 }).fit(enc.transform(clean), clean.map((row) => row.label as string));
    for (const dialect of ["duckdb", "sqlite", "postgres", "bigquery", "spark"] as const) {
      const sql = toSQL({ model: tree, encoder: enc, dialect, table: "data" });
      // Newlines only between tokens (layout), never inside a literal: every quote is closed on its line.
      for (const line of sql.split("\n")) if (!line.trimStart().startsWith("--")) expect(line).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
      expect(sql).not.toContain(NEWLINE);
    }
  });

  it("one missing-marker rule: spaces and tabs are trimmed, other whitespace is not", () => {
    expect([isMissingCell("NA\t"), isMissingCell(" n/a "), isMissingCell("null\u00a0"), isMissingCell("nan\u2003"), isMissingCell("\tNULL")]).toEqual([
      true,
      true,
      false,
      false,
      true,
    ]);
    // The SQL applies the same rule: "null\u00a0" and "nan\u2003" are categories, "NA\t" is missing.
    expect(encoder.featureNames).toContain("city = null\u00a0");
    expect(encoder.featureNames).toContain("city = nan\u2003");
    expect(encoder.featureNames).toContain("city is missing");
  });

  if (hasSQLite) {
    it("sqlite: a table without a column the model uses is an error, not a silent misprediction", () => {
      const { [XNAME]: _dropped, ...rest } = columns;
      expect(() => runSQLite("data", rest, rows, toSQL({ model, encoder, dialect: "sqlite", table: "data" }))).toThrow(/no such column/);
    });
  }
});

describe("toSQL passes every column of the table through", () => {
  const clean = rows.filter((row) => row.city !== NUL);
  for (const dialect of engines) {
    it(`${dialect}: keys, notes and the kept label come back unchanged, in the table's order; unused columns need not exist`, async () => {
      const out = await scored(dialect, clean, columns);
      expect(Object.keys(out[0])).toEqual([...Object.keys(columns), "prediction", "probability"]);
      expect(out.map((row) => [row.id, row.note, row.label])).toEqual(clean.map((row) => [row.id, row.note, row.label]));
      // z is constant, so no split reads it: a table without z scores the same.
      const { z: _z, ...withoutZ } = columns;
      const out2 = await scored(dialect, clean, withoutZ);
      expect(Object.keys(out2[0])).toEqual([...Object.keys(withoutZ), "prediction", "probability"]);
      const expected = model.predict(encoder.transform(clean));
      expect(out.map((row) => row.prediction)).toEqual(expected);
      expect(out2.map((row) => row.prediction)).toEqual(expected);
    });
  }
});

function depth(tree: TreeStructure, node = 0): number {
  return tree.left[node] < 0 ? 0 : 1 + Math.max(depth(tree, tree.left[node]), depth(tree, tree.right[node]));
}

describe("toSQL of a deep forest", () => {
  it("50 trees of depth 16+ parse and run in SQLite and DuckDB, matching every row", async () => {
    const r = new Random(11);
    const names = ["a", "b", "c", "d"];
    const X = Array.from({ length: 500 }, () => names.map(() => r.normal()));
    const y = X.map((x) => (x[0] * x[1] + 0.8 * r.normal() > 0 ? "p" : "q"));
    const forest = new RandomForestClassifier({ nEstimators: 50, maxDepth: 20, seed: 2 }).fit(X, y, { featureNames: names });
    expect(Math.max(...forest.trees.map((t) => depth(t)))).toBeGreaterThanOrEqual(16);
    const data = X.map((x) => Object.fromEntries(names.map((n, j) => [n, x[j]])));
    const cols = Object.fromEntries(names.map((n) => [n, "number" as const]));
    const expected = forest.predict(X);
    for (const dialect of engines) {
      const sql = toSQL({ model: forest, dialect, table: "data" });
      const out = dialect === "sqlite" ? runSQLite("data", cols, data, sql) : await runDuckDB("data", cols, data, sql);
      expect(out.map((row) => row.prediction)).toEqual(expected);
    }
  }, 120_000);
});
