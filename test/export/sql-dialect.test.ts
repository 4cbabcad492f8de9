import { describe, expect, it } from "vitest";
import { UnderstudyError } from "../../src/core/errors.ts";
import { sqlDialect, sqlDialectNames } from "../../src/export/sql-dialect.ts";
import { Random } from "../../src/core/random.ts";
import { runDuckDB, runSQLite, sqliteAvailable } from "./sql-engines.ts";

const hasSQLite = sqliteAvailable();

// Doubles that are easy to get wrong: decimals with no exact binary form, 17-digit values,
// integers (which must not become integer literals), subnormals, huge and negative values.
const r = new Random(7);
const awkward = [0.1, 1 / 3, -2 / 3, 3, -0, 0, 1e-7, 1.5e21, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 123456789.12345679, -45.5];
for (let i = 0; i < 200; i++) awkward.push((r.next() - 0.5) * 10 ** (r.int(41) - 20));

describe("sqlDialect numbers", () => {
  it("duckdb reads every literal as a DOUBLE equal to the JavaScript number", async () => {
    const d = sqlDialect("duckdb");
    const select = `SELECT ${awkward.map((x, i) => `${d.number(x)} AS c${i}, typeof(${d.number(x)}) AS t${i}`).join(", ")}`;
    const [row] = await runDuckDB("unused", { x: "number" }, [], select);
    awkward.forEach((x, i) => {
      expect(row[`t${i}`]).toBe("DOUBLE");
      expect(row[`c${i}`]).toBe(x);
    });
  });

  it("sqlite reads every literal as a REAL equal to the JavaScript number", () => {
    if (!hasSQLite) return;
    const d = sqlDialect("sqlite");
    const select = awkward.map((x) => `SELECT ${d.number(x)} AS c, typeof(${d.number(x)}) AS t`).join(" UNION ALL ");
    const rows = runSQLite("unused", { x: "number" }, [], select);
    rows.forEach((row, i) => {
      expect(row.t).toBe("real");
      // -0 prints as 0 in sqlite's JSON: compare values, not signs of zero.
      expect(row.c === awkward[i] || (row.c === 0 && awkward[i] === 0)).toBe(true);
    });
  });

  it("spells doubles per dialect: exponent, ::float8, D suffix; negatives in parentheses", () => {
    expect(sqlDialect("duckdb").number(0.1)).toBe("0.1e0");
    expect(sqlDialect("sqlite").number(3)).toBe("3e0");
    expect(sqlDialect("bigquery").number(1e-7)).toBe("1e-7");
    expect(sqlDialect("postgres").number(-2.5)).toBe("(-2.5e0::float8)");
    expect(sqlDialect("spark").number(0.1)).toBe("0.1D");
    expect(sqlDialect("spark").number(1.5e21)).toBe("1.5e+21D");
  });

  it("refuses non-finite numbers with a clear error", () => {
    expect(() => sqlDialect("duckdb").number(NaN)).toThrow(/cannot write as a number/);
    expect(() => sqlDialect("duckdb").number(Infinity)).toThrow(UnderstudyError);
  });
});

describe("sqlDialect strings, labels and identifiers", () => {
  const nasty = ["it's", 'say "hi"', "back\\slash", "tab\there", "line\nbreak", "`tick`", "-- not a comment", "émoji 🐧"];

  it("strings and identifiers survive a round trip through DuckDB and SQLite", async () => {
    for (const name of ["duckdb", "sqlite"] as const) {
      if (name === "sqlite" && !hasSQLite) continue;
      const d = sqlDialect(name);
      const select = `SELECT ${nasty.map((s, i) => `${d.string(s)} AS ${d.identifier(`${s} ${i}`)}`).join(", ")}`;
      const [row] = name === "duckdb" ? await runDuckDB("unused", { x: "number" }, [], select) : runSQLite("unused", { x: "number" }, [], select);
      expect(row).toEqual(Object.fromEntries(nasty.map((s, i) => [`${s} ${i}`, s])));
    }
  });

  it("bigquery and spark use backticks and backslash escapes", () => {
    expect(sqlDialect("bigquery").identifier("a`b")).toBe("`a\\`b`");
    expect(sqlDialect("spark").identifier("a`b")).toBe("`a``b`");
    expect(sqlDialect("bigquery").string("it's \\ \n")).toBe("'it\\'s \\\\ \\x0a'");
    // Spark joins adjacent literals ('a''b' is "ab"), so a doubled quote would be wrong there.
    expect(sqlDialect("spark").string("it's")).toBe("'it\\'s'");
    expect(sqlDialect("postgres").string("it's \\")).toBe("'it''s \\'");
    expect(sqlDialect("postgres").identifier('a"b')).toBe('"a""b"');
  });

  it("labels: strings quoted, integers plain, other numbers as doubles, booleans per dialect", () => {
    expect(sqlDialect("duckdb").label("a'b")).toBe("'a''b'");
    expect(sqlDialect("duckdb").label(3)).toBe("3");
    expect(sqlDialect("duckdb").label(-3)).toBe("(-3)");
    expect(sqlDialect("duckdb").label(2.5)).toBe("2.5e0");
    expect(sqlDialect("postgres").label(true)).toBe("TRUE");
    expect(sqlDialect("sqlite").label(true)).toBe("1");
  });

  it("GREATEST everywhere but sqlite, which has scalar MAX", () => {
    expect(sqlDialect("sqlite").greatest(["a", "b"])).toBe("MAX(a, b)");
    for (const name of ["duckdb", "postgres", "bigquery", "spark"]) expect(sqlDialect(name).greatest(["a", "b"])).toBe("GREATEST(a, b)");
  });

  it("an unknown dialect gets one error listing the supported ones", () => {
    expect(() => sqlDialect("mysql")).toThrow(UnderstudyError);
    expect(() => sqlDialect("mysql")).toThrow(`unknown dialect "mysql"; supported dialects: ${sqlDialectNames.join(", ")}`);
  });
});
