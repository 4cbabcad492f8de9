import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { distill } from "../../src/distill.ts";
import { Understudy } from "../../src/understudy/understudy.ts";
import { runDuckDB, runSQLite, sqliteAvailable, type ColumnType } from "../export/sql-engines.ts";
import { cars, penguins, PENGUIN_LABELS } from "./datasets.ts";

// The exported SQL is run by real engines on the real rows (missing values and categories
// included) and compared with the in-process predictions row by row.
let previousLogger: ReturnType<typeof setLogger>;
beforeAll(() => { previousLogger = setLogger({ warn: () => {}, info: () => {} }); });
afterAll(() => { setLogger(previousLogger); });

const rows = penguins();
const columns: Record<string, ColumnType> = {
  Island: "string", "Beak Length (mm)": "number", "Beak Depth (mm)": "number", "Flipper Length (mm)": "number", "Body Mass (g)": "number", Sex: "string",
};
const task = "Which species is this penguin?";

describe("u.toSQL on penguins, run in DuckDB and SQLite", () => {
  for (const model of ["tree", "logistic", "forest"] as const) {
    it(`${model}: the SQL's prediction equals predict on 100% of rows, probability to 1e-9`, async () => {
      const u = await distill({ data: rows, task, labels: PENGUIN_LABELS, target: "Species", model });
      const sql = u.toSQL({ dialect: "duckdb", table: "penguins" });
      const out = await runDuckDB("penguins", columns, rows, sql);
      const expected = u.predict(rows);
      const proba = u.predictProba(rows);
      expect(out).toHaveLength(rows.length);
      expect(out.map((r) => r.prediction)).toEqual(expected);
      out.forEach((r, i) => expect(Math.abs((r.probability as number) - Math.max(...proba[i]))).toBeLessThan(1e-9));
      // Every input column comes back beside the prediction.
      expect(Object.keys(out[0])).toEqual([...Object.keys(columns), "prediction", "probability"]);
      if (sqliteAvailable()) {
        const lite = runSQLite("penguins", columns, rows, u.toSQL({ dialect: "sqlite", table: "penguins" }));
        expect(lite.map((r) => r.prediction)).toEqual(expected);
      }
    });
  }

  it("works the same from a bundle restored with fromJSON", async () => {
    const u = await distill({ data: rows, task, labels: PENGUIN_LABELS, target: "Species", model: "tree" });
    const v = Understudy.fromJSON(JSON.parse(JSON.stringify(u.toJSON())));
    expect(v.toSQL({ dialect: "postgres", table: "penguins" })).toBe(u.toSQL({ dialect: "postgres", table: "penguins" }));
  });

  it("exports a regression (cars) whose SQL values equal predict", async () => {
    const data = cars();
    const features = ["Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration", "Origin"];
    const u = await distill({ data, task: "Miles per gallon?", target: "Miles_per_Gallon", features, model: "tree" });
    const carColumns: Record<string, ColumnType> = { Name: "string", Cylinders: "number", Displacement: "number", Horsepower: "number", Weight_in_lbs: "number", Acceleration: "number", Year: "string", Origin: "string" };
    const out = await runDuckDB("cars", carColumns, data, u.toSQL({ dialect: "duckdb", table: "cars" }));
    const expected = u.predict(data) as number[];
    out.forEach((r, i) => expect(r.prediction).toBeCloseTo(expected[i], 9));
  });

  it("refuses k-NN and unknown dialects with clear errors", async () => {
    const u = await distill({ data: rows, task, labels: PENGUIN_LABELS, target: "Species", model: "knn" });
    expect(() => u.toSQL({ dialect: "duckdb", table: "penguins" })).toThrow(/k-NN model .* has no SQL form/);
    expect(() => u.toSQL({ dialect: "oracle" as never, table: "penguins" })).toThrow(/dialect must be one of duckdb, sqlite, postgres, bigquery, spark/);
  });
});
