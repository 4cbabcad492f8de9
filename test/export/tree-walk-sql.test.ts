// Big tree models as node tables walked by a recursive CTE (DuckDB, SQLite, Postgres): the same
// numbers, bit for bit, as the in-process predict; small ones and other dialects keep CASEs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { Random } from "../../src/core/random.ts";
import { toSQL } from "../../src/export/to-sql.ts";
import { RandomForestClassifier } from "../../src/models/random-forest-classifier.ts";
import { RandomForestRegressor } from "../../src/models/random-forest-regressor.ts";
import type { Estimator, Label } from "../../src/models/estimator.ts";
import { HandTrees, tree } from "./hand-built-models.ts";
import { runDuckDB, runSQLite, sqliteAvailable, type ColumnType, type Row } from "./sql-engines.ts";
import { postgresAvailable, startPostgres, type PostgresServer } from "../support/postgres-server.ts";

const names = ["x0", "x1", "x2", "x3", "x4"];
const columns: Record<string, ColumnType> = Object.fromEntries(names.map((n) => [n, "number"]));

/** Noisy rows (a tree fitted on them grows deep) with a few missing cells among the scored ones. */
function data(n: number, seed: number, missing: boolean) {
  const r = new Random(seed);
  const X = Array.from({ length: n }, () => names.map(() => r.normal()));
  const y = X.map((x) => (x[0] + x[1] * x[2] + 0.5 * r.normal() > 0 ? (x[3] > 0.5 ? "a" : "b") : "c"));
  if (missing) for (let i = 0; i < n; i += 7) X[i][i % names.length] = NaN;
  return { X, y };
}

const train = data(400, 1, false);
const scored = data(300, 2, true).X;
const rows: Row[] = scored.map((x) => Object.fromEntries(names.map((n, j) => [n, Number.isNaN(x[j]) ? null : x[j]])));
const classifier = new RandomForestClassifier({ nEstimators: 40, seed: 0 }).fit(train.X, train.y, { featureNames: names });
const regressor = new RandomForestRegressor({ nEstimators: 40, seed: 0 }).fit(train.X, train.X.map((x) => 3 * x[0] - x[1] * x[2]), { featureNames: names });

const nodes = (m: { trees: { nodeCount: number }[] }) => m.trees.reduce((n, t) => n + t.nodeCount, 0);

/** Every row's prediction equal, and (classifiers) its probability equal to the last bit. */
function expectSame(model: Estimator, out: Record<string, unknown>[]) {
  const predictions = model.predict(scored) as Label[];
  const best = model.predictProba?.(scored).map((p) => Math.max(...p));
  expect(out.map((r) => r.prediction)).toEqual(predictions);
  if (best) expect(out.map((r) => r.probability)).toEqual(best);
}

// x <= 1 goes left (ties too); a missing x goes left at the root, right below it.
const small = tree([
  { feature: 0, threshold: 1, missingLeft: true, left: 1, right: 2, value: [0.5, 0.5] },
  { feature: 1, threshold: -1, missingLeft: false, left: 3, right: 4, value: [0.5, 0.5] },
  { value: [0.1, 0.9] },
  { value: [0.7, 0.3] },
  { value: [0.2, 0.8] },
]);
// 202 copies of the small tree (1,010 nodes), so the forest is walked, plus a lone leaf.
const handTrees = [...Array.from({ length: 202 }, () => small), tree([{ value: [0.6, 0.4] }])];
const handForest = new HandTrees(handTrees, new Float64Array(handTrees.length).fill(1 / handTrees.length), ["a", "b"], ["no", "yes"]);
const handRows: Row[] = [{ a: 1, b: -1 }, { a: 1, b: 5 }, { a: 2, b: -9 }, { a: null, b: null }, { a: null, b: -3 }, { a: 0, b: null }];

function expectHandForest(out: Record<string, unknown>[]) {
  const X = handRows.map((r) => [(r.a as number | null) ?? NaN, (r.b as number | null) ?? NaN]);
  expect(out.map((r) => r.prediction)).toEqual(handForest.predict(X));
  expect(out.map((r) => r.probability)).toEqual(handForest.predictProba(X).map((p) => Math.max(...p)));
}

describe("toSQL of big tree models", () => {
  it("the forests under test are big enough to be walked as tables", () => {
    expect(nodes(classifier)).toBeGreaterThan(1000);
    expect(nodes(regressor)).toBeGreaterThan(1000);
  });

  for (const [name, model] of [["classifier", classifier], ["regressor", regressor]] as const) {
    it(`a ${name} forest walked in DuckDB gives predict's numbers, rows in table order`, async () => {
      const sql = toSQL({ model, dialect: "duckdb", table: "t" });
      expect(sql).toContain("WITH RECURSIVE");
      expectSame(model, await runDuckDB("t", columns, rows, sql));
    });

    it(`a ${name} forest walked in SQLite (folded over the trees) gives predict's numbers`, () => {
      if (!sqliteAvailable()) return;
      const sql = toSQL({ model, dialect: "sqlite", table: "t" });
      expect(sql).toContain("WITH RECURSIVE");
      const out = runSQLite("t", columns, rows, sql);
      expectSame(model, out);
    });
  }

  it("routes ties, NULLs (left or right, per node) and one-leaf trees as predict does", async () => {
    const sql = toSQL({ model: handForest, dialect: "duckdb", table: "h" });
    expect(sql).toContain("WITH RECURSIVE");
    expectHandForest(await runDuckDB("h", { a: "number", b: "number" }, handRows, sql));
    if (sqliteAvailable()) expectHandForest(runSQLite("h", { a: "number", b: "number" }, handRows, toSQL({ model: handForest, dialect: "sqlite", table: "h" })));
  });

  it("small trees, and BigQuery and Spark, keep CASE expressions", () => {
    const small = new RandomForestClassifier({ nEstimators: 3, maxDepth: 3, seed: 0 }).fit(train.X, train.y, { featureNames: names });
    expect(toSQL({ model: small, dialect: "duckdb", table: "t" })).not.toContain("RECURSIVE");
    expect(toSQL({ model: classifier, dialect: "bigquery", table: "t" })).not.toContain("RECURSIVE");
    expect(toSQL({ model: classifier, dialect: "spark", table: "t" })).not.toContain("RECURSIVE");
  });

  it("refuses trees past two million nodes, naming the count and the fix", () => {
    const huge = { ...tree([{ value: [1] }]), nodeCount: 2_000_001 };
    const model = new HandTrees([huge], new Float64Array([1]), ["x"]);
    expect(() => toSQL({ model, dialect: "duckdb", table: "t" })).toThrow(messages.export.forestTooLarge(2_000_001, 2_000_000));
  });
});

describe.runIf(postgresAvailable())("toSQL of big tree models in PostgreSQL 15 (default settings, JIT on)", () => {
  let pg: PostgresServer;
  beforeAll(async () => {
    pg = await startPostgres();
    const values = rows.map((r) => `(${names.map((n) => (r[n] === null ? "NULL" : `${r[n]}::float8`)).join(", ")})`);
    pg.run(`CREATE TABLE t (${names.map((n) => `${n} double precision`).join(", ")});\nINSERT INTO t VALUES\n${values.join(",\n")};`);
    const hand = handRows.map((r) => `(${[r.a, r.b].map((v) => (v === null ? "NULL" : `${v}::float8`)).join(", ")})`);
    pg.run(`CREATE TABLE h (a double precision, b double precision);\nINSERT INTO h VALUES\n${hand.join(",\n")};`);
  }, 120_000);
  afterAll(() => pg?.stop());

  for (const [name, model] of [["classifier", classifier], ["regressor", regressor]] as const) {
    it(`a ${name} forest gives predict's numbers`, () => {
      const sql = toSQL({ model, dialect: "postgres", table: "t" });
      expect(sql).toContain("WITH RECURSIVE");
      expectSame(model, pg.query(sql));
    });
  }

  it("routes ties, NULLs and one-leaf trees as predict does", () => {
    expectHandForest(pg.query(toSQL({ model: handForest, dialect: "postgres", table: "h" })));
  });
});
