import { describe, expect, it } from "vitest";
import { UnderstudyError } from "../../src/core/errors.ts";
import { setLogger } from "../../src/core/logger.ts";
import { TableEncoder } from "../../src/data/table-encoder.ts";
import { toSQL } from "../../src/export/to-sql.ts";
import { sqlDialectNames } from "../../src/export/sql-dialect.ts";
import { HandLinear, HandNeighbours, HandTrees, tree } from "./hand-built-models.ts";

// A small encoder (numeric with missing values, a category with an unseen-bucket) and two
// hand-built models over its features: the snapshots double as a gallery of each dialect.
const encoder = new TableEncoder({ roles: { "bill length": "numeric", island: "categorical" } }).fit([
  { "bill length": 39.1, island: "Torgersen" },
  { "bill length": null, island: "Biscoe" },
  { "bill length": 46.5, island: "Biscoe" },
  { "bill length": 50, island: "Dream" },
]);
// Features: bill length, bill length is missing, island = Biscoe, = Dream, = Torgersen, = (other)
const treeModel = new HandTrees(
  [
    tree([
      { feature: 0, threshold: 42.8, missingLeft: true, left: 1, right: 2, value: [0.5, 0.25, 0.25] },
      { value: [1, 0, 0] },
      { feature: 2, threshold: 0.5, left: 3, right: 4, value: [0, 0.5, 0.5] },
      { value: [0, 1, 0] },
      { value: [0, 0, 1] },
    ]),
  ],
  new Float64Array([1]),
  encoder.featureNames,
  ["Adelie", "Chinstrap", "Gentoo"],
);
const logistic = new HandLinear([[0.25, -1, 0, 0.5, -0.125, 2]], [-3.5], "logistic", encoder.featureNames, ["no", "yes"]);

describe("toSQL", () => {
  for (const dialect of sqlDialectNames) {
    it(`writes a readable, deterministic SELECT for ${dialect} (snapshot)`, async () => {
      const sql = [
        toSQL({ model: treeModel, encoder, dialect, table: "lab.penguins", inputColumns: ["bill length", "island", "species"] }),
        toSQL({ model: logistic, encoder, dialect, table: ["lab", "penguins"], inputColumns: ["bill length", "island"] }),
      ].join("\n");
      await expect(sql).toMatchFileSnapshot(`__snapshots__/to-sql.${dialect}.sql`);
      expect(sql).not.toMatch(/\d{4}-\d{2}-\d{2}/); // no dates: the same model gives the same text
    });
  }

  it("uses each dialect's spelling of casts, quoting, GREATEST and EXP", () => {
    const write = (dialect: (typeof sqlDialectNames)[number]) => toSQL({ model: logistic, encoder, dialect, table: "t" });
    expect(write("postgres")).toContain(`COALESCE(CAST(NULLIF(TRIM(BOTH (' ' || chr(9)) FROM CAST("us_input"."bill length" AS TEXT)), '') AS DOUBLE PRECISION), 46.5e0::float8)`);
    expect(write("postgres")).toMatch(/EXP\(GREATEST\(-"_us_score", \(-700e0::float8\)\)\)/);
    expect(write("bigquery")).toContain("SAFE_CAST(`us_input`.`bill length` AS FLOAT64)");
    expect(write("bigquery")).toContain("FROM `t`");
    expect(write("spark")).toContain("TRY_CAST(`us_input`.`bill length` AS DOUBLE)");
    expect(write("spark")).toMatch(/EXP\(GREATEST\(-`_us_score`, \(-700D\)\)\)/);
    expect(write("sqlite")).toMatch(/EXP\(MAX\(-"_us_score", \(-700e0\)\)\)/);
    expect(write("duckdb")).toContain('TRY_CAST("us_input"."bill length" AS DOUBLE)');
    // One statement, starting with the header comment.
    for (const dialect of sqlDialectNames) {
      const sql = write(dialect);
      expect(sql.startsWith("-- Understudy model: HandLinear, 6 features")).toBe(true);
      expect(sql.match(/;/g)).toBeNull();
    }
  });

  it("returns every column of the table by default, then the prediction", () => {
    const sql = toSQL({ model: treeModel, encoder, dialect: "duckdb", table: "t" });
    expect(sql).toMatch(/SELECT\n  "_us_row"\.\*,\n  CASE WHEN/);
  });

  it("bad input: one clear error each", () => {
    expect(() => toSQL({ model: treeModel, encoder, dialect: "oracle" as never, table: "t" })).toThrow(
      'unknown dialect "oracle"; supported dialects: duckdb, sqlite, postgres, bigquery, spark',
    );
    expect(() => toSQL({ model: treeModel, encoder, dialect: "duckdb", table: "t", inputColumns: ["prediction"] })).toThrow(/clashes/);
    const narrow = new TableEncoder({ roles: { "bill length": "numeric" } }).fit([{ "bill length": 1 }, { "bill length": 2 }]);
    expect(() => toSQL({ model: treeModel, encoder: narrow, dialect: "duckdb", table: "t" })).toThrow(/encoder makes 1 features but the model was fitted on 6/);
    expect(() => toSQL({ model: treeModel, featureSQL: ["a"], dialect: "duckdb", table: "t", inputColumns: ["a"] })).toThrow(/1 feature expressions/);
    const knn = new HandNeighbours([[1]], [0], "identity", ["a"], ["x", "y"]);
    expect(() => toSQL({ model: knn, dialect: "duckdb", table: "t" })).toThrow(UnderstudyError);
  });

  it("warns when a query is longer than BigQuery accepts", () => {
    // A chain of 399 splits on x (leaves alternate between the classes), 60 times over.
    const nodes = [];
    for (let i = 0; i < 399; i++) nodes.push({ feature: 0, threshold: i + 0.5, left: 2 * i + 1, right: 2 * i + 2, value: [0.5, 0.5] }, { value: [i % 2, 1 - (i % 2)] });
    nodes.push({ value: [0.25, 0.75] });
    const chain = tree(nodes);
    const forest = new HandTrees(Array.from({ length: 60 }, () => chain), new Float64Array(60).fill(1 / 60), ["x"], ["a", "b"]);
    const warnings: string[] = [];
    const previous = setLogger({ warn: (m) => warnings.push(m) });
    try {
      toSQL({ model: forest, dialect: "duckdb", table: "t" });
      expect(warnings).toEqual([]);
      toSQL({ model: forest, dialect: "bigquery", table: "t" });
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/over BigQuery's limit of 1048576; use fewer or shallower trees/);
    } finally {
      setLogger(previous);
    }
  });
});
