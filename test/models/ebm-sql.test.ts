// EBM as SQL: DuckDB and SQLite reproduce predictions and probabilities on every row, NULLs included.
import { describe, expect, it } from "vitest";
import { Random } from "../../src/core/random.ts";
import { toSQL } from "../../src/export/to-sql.ts";
import type { Estimator } from "../../src/models/estimator.ts";
import { ExplainableBoostingClassifier, ExplainableBoostingRegressor } from "../../src/models/index.ts";
import { runDuckDB, runSQLite, sqliteAvailable, type ColumnType, type Row } from "../export/sql-engines.ts";

const hasSQLite = sqliteAvailable();
const columns: Record<string, ColumnType> = { a: "number", b: "number", c: "number" };

function rows(n: number, seed: number): Row[] {
  const rng = new Random(seed);
  return Array.from({ length: n }, (_, i) => ({
    a: rng.normal(),
    b: i % 9 === 0 ? null : Math.round(rng.normal() * 4) / 4, // ties on cut values and NULLs
    c: rng.normal(),
  }));
}
const toX = (data: Row[]) => data.map((r) => ["a", "b", "c"].map((f) => (r[f] == null ? NaN : (r[f] as number))));

async function expectSQLMatches(model: Estimator, data: Row[]) {
  const X = toX(data);
  const predictions = model.predict(X);
  const proba = model.classes ? model.predictProba!(X) : undefined;
  for (const dialect of ["duckdb", "sqlite"] as const) {
    if (dialect === "sqlite" && !hasSQLite) continue;
    const sql = toSQL({ model, dialect, table: "t", inputColumns: Object.keys(columns) });
    const out = dialect === "duckdb" ? await runDuckDB("t", columns, data, sql) : runSQLite("t", columns, data, sql);
    expect(out).toHaveLength(data.length);
    if (proba) {
      expect(out.map((r) => r.prediction)).toEqual(predictions);
      out.forEach((r, i) => expect(Math.abs((r.probability as number) - Math.max(...proba[i]))).toBeLessThan(1e-12));
    } else {
      out.forEach((r, i) => expect(r.prediction as number).toBe(predictions[i]));
    }
  }
}

describe("EBM to SQL", () => {
  const train = rows(400, 1);
  const X = toX(train);
  const z = X.map((r) => r[0] + (r[1] === r[1] ? r[1] : 0.5) * r[2]);

  it("binary classifier: every row's prediction and probability, in DuckDB and SQLite", async () => {
    const m = new ExplainableBoostingClassifier({ outerBags: 2, interactions: 2 }).fit(X, z.map((v) => (v > 0 ? "up" : "down")), { featureNames: ["a", "b", "c"] });
    await expectSQLMatches(m, rows(300, 2));
  });

  it("multiclass classifier (softmax)", async () => {
    const m = new ExplainableBoostingClassifier({ outerBags: 2, interactions: 1 }).fit(X, z.map((v) => (v > 0.7 ? "hi" : v < -0.7 ? "lo" : "mid")), { featureNames: ["a", "b", "c"] });
    await expectSQLMatches(m, rows(300, 3));
  });

  it("regressor: the same sum, bit for bit", async () => {
    const m = new ExplainableBoostingRegressor({ outerBags: 2, interactions: 2 }).fit(X, z, { featureNames: ["a", "b", "c"] });
    await expectSQLMatches(m, rows(300, 4));
  });
});
