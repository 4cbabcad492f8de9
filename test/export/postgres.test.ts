// The SQL export (tree, forest, logistic, linear and EBM models) executed in a real PostgreSQL 15 server (a throwaway one, started for this file):
// models distilled through the public API on real data with categorical columns and missing
// values, scored by `u.toSQL({ dialect: "postgres" })` inside Postgres, must give the in-process
// predictions on 100% of rows and probabilities within 1e-9. Only `prediction` and `probability`
// are compared, by row id: which other columns the SELECT passes through is the exporter's choice.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { distill, type Understudy } from "../../src/index.ts";
import { postgresAvailable, startPostgres, type PostgresServer } from "../support/postgres-server.ts";

type Row = Record<string, string | number | null>;
type ColumnType = "double precision" | "text";

const dataset = (name: string): Row[] =>
  JSON.parse(readFileSync(new URL(`../../node_modules/vega-datasets/data/${name}.json`, import.meta.url), "utf8")) as Row[];

// Penguins (vega-datasets): Island and Sex are categorical; 11 rows lack Sex (null, or "."),
// 2 lack every measurement. Three rows the data never had: an unseen island and unseen sex.
const penguinTypes: Record<string, ColumnType> = {
  id: "text", Species: "text", Island: "text", "Beak Length (mm)": "double precision", "Beak Depth (mm)": "double precision",
  "Flipper Length (mm)": "double precision", "Body Mass (g)": "double precision", Sex: "text",
};
const penguins: Row[] = [
  ...dataset("penguins"),
  { Species: "Adelie", Island: "Atlantis", "Beak Length (mm)": 41, "Beak Depth (mm)": null, "Flipper Length (mm)": 200, "Body Mass (g)": 4000, Sex: "NA" },
  { Species: "Gentoo", Island: "Biscoe", "Beak Length (mm)": null, "Beak Depth (mm)": 15, "Flipper Length (mm)": null, "Body Mass (g)": null, Sex: null },
  { Species: "Chinstrap", Island: "Dream", "Beak Length (mm)": 50, "Beak Depth (mm)": 19, "Flipper Length (mm)": 196, "Body Mass (g)": 3700, Sex: "unknown" },
].map((r, i) => ({ id: `p${i}`, ...r }));

// Cars (vega-datasets): Origin is categorical; 6 cars lack Horsepower, 8 lack Miles_per_Gallon
// (kept as rows to score; the regression learns from the others).
const carTypes: Record<string, ColumnType> = {
  id: "text", Name: "text", Miles_per_Gallon: "double precision", Cylinders: "double precision", Displacement: "double precision",
  Horsepower: "double precision", Weight_in_lbs: "double precision", Acceleration: "double precision", Year: "text", Origin: "text", usa: "text",
};
const cars: Row[] = dataset("cars").map((r, i) => ({ id: `c${i}`, ...r, usa: r.Origin === "USA" ? "yes" : "no" }));
const carFeatures = ["Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration", "Origin"];

const hasPostgres = postgresAvailable();

/** CREATE TABLE + INSERT for the rows; identifiers and strings quoted as Postgres reads them. */
function tableScript(table: string, types: Record<string, ColumnType>, rows: Row[]): string {
  const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const literal = (v: unknown) => (v === null || v === undefined ? "NULL" : typeof v === "number" ? String(v) : `'${String(v).replaceAll("'", "''")}'`);
  const names = Object.keys(types);
  return [
    `CREATE TABLE ${ident(table)} (${names.map((n) => `${ident(n)} ${types[n]}`).join(", ")});`,
    `INSERT INTO ${ident(table)} VALUES\n${rows.map((r) => `(${names.map((n) => literal(r[n])).join(", ")})`).join(",\n")};`,
  ].join("\n");
}

/** Runs the model's Postgres SQL over the table and compares every row with the in-process answers. */
function expectPostgresMatches(pg: PostgresServer, u: Understudy, table: string, rows: Row[], categorical: string | undefined) {
  const sql = u.toSQL({ dialect: "postgres", table });
  if (categorical) expect(sql, "the model reads the categorical column").toContain(`"${categorical}"`);
  const out = pg.query(sql);
  expect(out.length).toBe(rows.length);
  const byId = new Map(out.map((r) => [r.id, r]));
  const predictions = u.predict(rows);
  expect(new Set(predictions).size, "a model that answers one thing proves little").toBeGreaterThan(1);
  if (u.classes) {
    const probabilities = u.predictProba(rows);
    let worst = 0;
    rows.forEach((row, i) => {
      const sql = byId.get(row.id)!;
      expect(sql.prediction, `row ${row.id}`).toBe(predictions[i]);
      const p = probabilities[i][u.classes!.indexOf(predictions[i] as string)];
      worst = Math.max(worst, Math.abs(Number(sql.probability) - p));
    });
    expect(worst).toBeLessThanOrEqual(1e-9);
  } else {
    let worst = 0;
    rows.forEach((row, i) => {
      const v = predictions[i] as number;
      worst = Math.max(worst, Math.abs(Number(byId.get(row.id)!.prediction) - v) / Math.max(1, Math.abs(v)));
    });
    expect(worst).toBeLessThanOrEqual(1e-9);
  }
}

describe.skipIf(!hasPostgres)("SQL export executed in PostgreSQL 15", () => {
  let pg: PostgresServer;
  beforeAll(async () => {
    pg = await startPostgres();
    pg.run(tableScript("penguins", penguinTypes, penguins));
    pg.run(tableScript("cars", carTypes, cars));
  }, 120_000);
  afterAll(() => pg?.stop());

  const penguinOptions = {
    data: penguins, task: "Which species is this penguin?", labels: ["Adelie", "Chinstrap", "Gentoo"], target: "Species",
    features: ["Island", "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)", "Sex"], teacher: false as const, seed: 0,
  };

  for (const model of ["tree", "forest", "logistic", "ebm"] as const) {
    it(`${model === "ebm" ? "an EBM" : `a ${model}`} over three penguin species: same predictions on every row, probabilities within 1e-9`, async () => {
      const u = await distill({ ...penguinOptions, model });
      expectPostgresMatches(pg, u, "penguins", penguins, "Island");
    });
  }

  for (const model of ["logistic", "ebm"] as const) {
    it(`${model === "ebm" ? "an EBM" : `a ${model}`} model of a binary question (made in the USA?) over cars`, async () => {
      const u = await distill({ data: cars, task: "Was this car made in the USA?", labels: ["yes", "no"], target: "usa", features: carFeatures.filter((f) => f !== "Origin"), teacher: false, model, seed: 0 });
      expectPostgresMatches(pg, u, "cars", cars, "Cylinders");
    });
  }

  for (const model of ["linear", "tree", "forest", "ebm"] as const) {
    it(`${model === "ebm" ? "an EBM" : `a ${model}`} regression of miles per gallon: same numbers on every row`, async () => {
      const training = cars.filter((r) => r.Miles_per_Gallon !== null);
      const u = await distill({ data: training, task: "How many miles per gallon does this car do?", target: "Miles_per_Gallon", features: carFeatures, teacher: false, model, seed: 0 });
      expect(u.classes).toBeUndefined();
      // The tuned tree splits on numbers only here (the penguin tree above covers a categorical column).
      expectPostgresMatches(pg, u, "cars", cars, model === "tree" ? undefined : "Origin");
    });
  }
});
