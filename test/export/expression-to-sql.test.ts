import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expressionToSQL } from "../../src/export/expression-to-sql.ts";
import { evaluateExpression } from "../../src/features/expression/evaluate-expression.ts";
import { parseExpression } from "../../src/features/expression/parse-expression.ts";
import type { ExpressionNode } from "../../src/features/expression/ast.ts";
import { sqlDialect } from "../../src/export/sql-dialect.ts";
import { runDuckDB, runSQLite, sqliteAvailable, type ColumnType, type Row } from "./sql-engines.ts";

const hasSQLite = sqliteAvailable();

// Real measurements (penguins) shifted so that zeros, negatives and missing values all occur.
const penguins = JSON.parse(readFileSync(new URL("../../node_modules/vega-datasets/data/penguins.json", import.meta.url), "utf8")) as Row[];
const rows: Row[] = penguins.map((p, i) => ({
  a: p["Beak Length (mm)"] as number | null,
  b: p["Beak Depth (mm)"] == null ? null : Math.round((p["Beak Depth (mm)"] as number) - 17),
  c: i % 5 === 0 ? 0 : (p["Flipper Length (mm)"] as number | null),
}));
const columns: Record<string, ColumnType> = { a: "number", b: "number", c: "number" };

const expressions = [
  "a / b",
  "log(b) + abs(a - 40)",
  "if(b > 0, a * 2, -c)",
  "a >= 40 and b != 0",
  "not (b < 0) or c == 0",
  "min(a, b, 3) - max(b, c)",
  "clip(a - 40, -2.5, 2.5)",
  "-(a - b) * 0.1",
  "not b",
];

describe("expressionToSQL", () => {
  it("gives evaluateExpression's values (NULL for NaN) in DuckDB, SQLite and postgres syntax", async () => {
    const nodes = expressions.map((text) => {
      const r = parseExpression(text, { columns: ["a", "b", "c"] });
      if (!r.success) throw new Error(`${text}: ${JSON.stringify(r.issues)}`);
      return r.data;
    });
    const expected = nodes.map((node) => Array.from(evaluateExpression(node, { a: rows.map((r) => r.a), b: rows.map((r) => r.b), c: rows.map((r) => r.c) })));
    const query = (dialect: "duckdb" | "sqlite" | "postgres") =>
      `SELECT ${nodes.map((n, k) => `${expressionToSQL(n, { dialect })} AS ${sqlDialect(dialect).identifier(`e${k}`)}`).join(",\n")} FROM t`;
    const engines: [string, Row[]][] = [
      ["duckdb", await runDuckDB("t", columns, rows, query("duckdb"))],
      ["postgres", await runDuckDB("t", columns, rows, query("postgres"))], // DuckDB parses Postgres syntax
    ];
    if (hasSQLite) engines.push(["sqlite", runSQLite("t", columns, rows, query("sqlite"))]);
    for (const [engine, out] of engines) {
      expressions.forEach((text, k) => {
        const got = out.map((r) => (r[`e${k}`] == null ? NaN : (r[`e${k}`] as number) + 0));
        // log may differ from Math.log in the last bit; everything else is exact.
        const tolerance = text.includes("log") ? 1e-12 : 0;
        got.forEach((g, i) => {
          const e = expected[k][i] + 0; // -0 and 0 are the same feature value
          if (Number.isNaN(e) || Number.isNaN(g) || tolerance === 0) expect({ engine, text, i, value: g }).toEqual({ engine, text, i, value: e });
          else expect(Math.abs(g - e)).toBeLessThanOrEqual(tolerance);
        });
      });
      // The data reaches every branch: some NaN and some numbers for each expression.
      expressions.forEach((_, k) => expect(expected[k].some(Number.isNaN) && expected[k].some((v) => !Number.isNaN(v))).toBe(true));
    }
  });

  it("writes and/or/not so that a missing operand stays missing (unlike SQL's AND/OR)", () => {
    const node: ExpressionNode = { type: "binary", op: "and", left: { type: "column", name: "x" }, right: { type: "number", value: 0 } };
    expect(expressionToSQL(node, { dialect: "postgres" })).toBe(`CAST(SIGN(ABS(CAST(NULLIF(TRIM(BOTH (' ' || chr(9)) FROM CAST("x" AS TEXT)), '') AS DOUBLE PRECISION))) * SIGN(ABS(0e0::float8)) AS DOUBLE PRECISION)`);
    expect(evaluateExpression(node, { x: NaN })).toBeNaN();
  });
});
