// Measures exported SQL: size, and DuckDB time against in-process predict, for forests on a
// synthetic 20,000 × 20 set. Run: npx tsx test/export/measure-sql.ts
import { DuckDBInstance } from "@duckdb/node-api";
import { Random } from "../../src/core/random.ts";
import { toSQL } from "../../src/export/to-sql.ts";
import { RandomForestClassifier } from "../../src/models/random-forest-classifier.ts";
import { DecisionTreeClassifier } from "../../src/models/decision-tree-classifier.ts";
import type { Estimator } from "../../src/models/estimator.ts";

const n = 20_000;
const p = 20;
const r = new Random(0);
const X = Array.from({ length: n }, () => Array.from({ length: p }, () => r.normal()));
const y = X.map((x) => (x[0] + x[1] * x[2] + 0.5 * r.normal() > 0 ? (x[3] > 0.5 ? "a" : "b") : "c"));
const names = Array.from({ length: p }, (_, j) => `x${j}`);

const instance = await DuckDBInstance.create(":memory:");
const con = await instance.connect();
await con.run(`CREATE TABLE t (${names.map((c) => `${c} DOUBLE`).join(", ")})`);
const appender = await con.createAppender("t");
for (const row of X) {
  for (const v of row) appender.appendDouble(v);
  appender.endRow();
}
appender.closeSync();

async function measure(label: string, model: Estimator) {
  const sql = toSQL({ model, dialect: "duckdb", table: "t" });
  let t = performance.now();
  const want = model.predict(X);
  const inProcess = performance.now() - t;
  t = performance.now();
  const rows = (await con.runAndReadAll(sql)).getRowObjects();
  const inDuckDB = performance.now() - t;
  const same = rows.filter((row, i) => row.prediction === want[i]).length;
  console.log(`${label}: SQL ${(sql.length / 1024).toFixed(0)} KiB; predict ${inProcess.toFixed(0)} ms in-process, ${inDuckDB.toFixed(0)} ms in DuckDB; same predictions ${same}/${n}`);
}

await measure("tree (maxDepth 8)", new DecisionTreeClassifier({ maxDepth: 8 }).fit(X, y, { featureNames: names }));
await measure("tree (unlimited depth)", new DecisionTreeClassifier().fit(X, y, { featureNames: names }));
await measure("forest (100 trees, maxDepth 8)", new RandomForestClassifier({ nEstimators: 100, maxDepth: 8 }).fit(X, y, { featureNames: names }));
con.closeSync();
instance.closeSync();
