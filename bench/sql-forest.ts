// Plan+run time and size of a 100-tree forest's SQL in DuckDB and Postgres (default settings,
// JIT on), for forests fitted on 2,000 and 32,000 rows, scored over 2,000 rows.
// Run: npx tsx bench/sql-forest.ts            (DuckDB only)
//      PGHOST=/tmp/pg PGPORT=55432 npx tsx bench/sql-forest.ts   (adds Postgres through psql)
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";
import { RandomForestClassifier, Random, toSQL } from "../src/index.ts";

const names = Array.from({ length: 10 }, (_, j) => `x${j}`);
function data(n: number, seed: number) {
  const r = new Random(seed);
  const X = Array.from({ length: n }, () => names.map(() => r.normal()));
  const y = X.map((x) => (x[0] + x[1] * x[2] + 0.5 * r.normal() > 0 ? (x[3] > 0.5 ? "a" : "b") : "c"));
  return { X, y };
}

async function main() {
  const scored = data(2000, 99).X;
  const values = scored.map((x) => `(${x.map((v) => `${v}::float8`).join(", ")})`).join(",\n");
  const create = `CREATE TABLE t (${names.map((c) => `${c} DOUBLE PRECISION`).join(", ")});\nINSERT INTO t VALUES\n${values};`;
  for (const n of [2000, 32000]) {
    const { X, y } = data(n, 1);
    const forest = new RandomForestClassifier({ nEstimators: 100, seed: 0 }).fit(X, y, { featureNames: names });
    const want = forest.predict(scored);
    const instance = await DuckDBInstance.create(":memory:");
    const con = await instance.connect();
    await con.run(create.replaceAll("::float8", ""));
    const duck = toSQL({ model: forest, dialect: "duckdb", table: "t" });
    let t = performance.now();
    const rows = (await con.runAndReadAll(duck)).getRowObjects();
    const duckMs = performance.now() - t;
    const same = rows.filter((row, i) => row.prediction === want[i]).length;
    con.closeSync();
    instance.closeSync();
    let pg = "";
    if (process.env.PGHOST) {
      const sql = toSQL({ model: forest, dialect: "postgres", table: "t" });
      writeFileSync("/tmp/us-forest.sql", `DROP TABLE IF EXISTS t;\n${create}\n\\timing on\n\\o /dev/null\n${sql};\n`);
      const out = execFileSync("psql", ["-U", "postgres", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", "SET client_min_messages = warning", "-f", "/tmp/us-forest.sql"], { encoding: "utf8", maxBuffer: 1 << 26 });
      pg = `, Postgres ${out.trim().split("\n").pop()}`;
    }
    console.log(`fitted on ${n} rows: SQL ${(duck.length / 1024).toFixed(0)} KiB; DuckDB ${(duckMs / 1000).toFixed(1)} s (${same}/2000 as in process)${pg}`);
  }
}
await main();
