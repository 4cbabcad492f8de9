// Score inside a database: distill a model, export it as one SQL query, run that query in DuckDB
// and check that it gives the in-process predictions on every row. No LLM involved: the known
// labels teach. Data: the vega-datasets cars (which region made this car?).
// Run: npx tsx examples/sql-export.ts
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { distill } from "../src/index.ts";

const cars = (JSON.parse(readFileSync(fileURLToPath(new URL("../node_modules/vega-datasets/data/cars.json", import.meta.url)), "utf8")) as Record<string, unknown>[])
  .map((car, i) => ({ id: i + 1, ...car }));
const u = await distill({
  data: cars, task: "Which region made this car?", labels: ["USA", "Europe", "Japan"], target: "Origin",
  features: ["Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration", "Miles_per_Gallon"],
  model: "tree", seed: 0,
});
console.log(`Model: ${u.metadata.modelChoice.reason}`);
const sql = u.toSQL({ dialect: "duckdb", table: "cars" });
console.log(`SQL: ${sql.split("\n").length} lines, e.g.\n${sql.split("\n").slice(0, 4).join("\n")}\n  ...`);

// Load the same rows into DuckDB (through a newline-delimited JSON file) and score them there.
const dir = mkdtempSync(join(tmpdir(), "understudy-sql-"));
const instance = await DuckDBInstance.create(":memory:");
const db = await instance.connect();
try {
  const file = join(dir, "cars.ndjson");
  writeFileSync(file, cars.map((c) => JSON.stringify(c)).join("\n"));
  await db.run(`CREATE TABLE cars AS SELECT * FROM read_json_auto('${file.replace(/'/g, "''")}', format = 'newline_delimited')`);
  const scored = (await db.runAndReadAll(sql)).getRowObjects();
  const predicted = u.predict(cars);
  const inProcess = new Map(cars.map((car, i) => [car.id, predicted[i]]));
  const same = scored.filter((row) => row.prediction === inProcess.get(Number(row.id))).length;
  console.log(`DuckDB scored ${scored.length} cars; the SQL matches the in-process predictions on ${same}/${cars.length} rows.`);
  if (same !== cars.length) process.exitCode = 1;
} finally {
  db.closeSync();
  instance.closeSync();
  rmSync(dir, { recursive: true, force: true });
}
