// Size and plan+run time of a 100-tree default forest's SQL, scored over 2,000 rows: DuckDB and
// Postgres 15 (a throwaway server, default settings, JIT on) run the node-table walk, SQLite the
// CASE per tree. Sizes also for forests fitted on 32,000 and 200,000 rows.
// Run: npx tsx bench/sql-forest.ts [fit rows...]   (default 2000 32000 200000)
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { RandomForestClassifier, Random, toSQL, UnderstudyError } from "../src/index.ts";
import type { SQLDialectName } from "../src/export/sql-dialect.ts";
import { postgresMissing, startPostgres } from "../test/support/postgres-server.ts";

const names = Array.from({ length: 10 }, (_, j) => `x${j}`);
/** Noisy three-class rows: fully grown trees get a leaf per few training rows. */
function data(n: number, seed: number) {
  const r = new Random(seed);
  const X = Array.from({ length: n }, () => names.map(() => r.normal()));
  const y = X.map((x) => (x[0] + x[1] * x[2] + 0.5 * r.normal() > 0 ? (x[3] > 0.5 ? "a" : "b") : "c"));
  return { X, y };
}

const scored = data(2000, 99).X;
const values = scored.map((x) => `(${x.map((v) => `${v}`).join(", ")})`).join(",\n");
const create = (type: string) => `CREATE TABLE t (${names.map((c) => `${c} ${type}`).join(", ")});\nINSERT INTO t VALUES\n${values};`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (sql: string) => `${(sql.length / 1e6).toFixed(1)} MB`;

async function duckdb(sql: string): Promise<[number, Record<string, unknown>[]]> {
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  await con.run(create("DOUBLE"));
  const t = performance.now();
  const rows = (await con.runAndReadAll(sql)).getRowObjects();
  const ms = performance.now() - t;
  con.closeSync();
  instance.closeSync();
  return [ms, rows];
}

function sqlite(sql: string): [number, Record<string, unknown>[]] {
  const dir = mkdtempSync(join(tmpdir(), "us-bench-"));
  try {
    writeFileSync(join(dir, "t.sql"), create("REAL"));
    writeFileSync(join(dir, "q.sql"), sql);
    execFileSync("sqlite3", [join(dir, "db"), `.read ${join(dir, "t.sql")}`]);
    const t = performance.now();
    const out = execFileSync("sqlite3", ["-json", join(dir, "db"), `.read ${join(dir, "q.sql")}`], { encoding: "utf8", maxBuffer: 1 << 28 });
    return [performance.now() - t, JSON.parse(out)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pg = postgresMissing() === undefined ? await startPostgres() : undefined;
try {
  pg?.run(create("double precision"));
  const fitRows = process.argv.slice(2).map(Number);
  console.log("| fitted on | trees | nodes | dialect | SQL | plan+run over 2,000 rows | same predictions |");
  console.log("|---|---|---|---|---|---|---|");
  for (const n of fitRows.length > 0 ? fitRows : [2000, 32000, 200000]) {
    const { X, y } = data(n, 1);
    // 200,000 rows: 10 trees fitted (100 take long here); sizes scale with the trees.
    const trees = n > 50000 ? 10 : 100;
    const forest = new RandomForestClassifier({ nEstimators: trees, seed: 0 }).fit(X, y, { featureNames: names });
    const nodes = forest.trees.reduce((s, t) => s + t.nodeCount, 0);
    const want = forest.predict(scored);
    const row = (dialect: string, size: string, time: string, same: string) => console.log(`| ${n} | ${trees} | ${nodes} | ${dialect} | ${size} | ${time} | ${same} |`);
    for (const dialect of ["duckdb", "postgres", "sqlite"] as SQLDialectName[]) {
      let sql: string;
      try {
        sql = toSQL({ model: forest, dialect, table: "t" });
      } catch (e) {
        if (!(e instanceof UnderstudyError)) throw e;
        row(dialect, `refused (${e.code})`, "", "");
        continue;
      }
      if (n !== 2000 || (dialect === "postgres" && !pg)) {
        row(dialect, mb(sql), "", "");
        continue;
      }
      const [ms, out] = dialect === "duckdb" ? await duckdb(sql) : dialect === "sqlite" ? sqlite(sql) : timed(() => pg!.query(sql));
      row(dialect, mb(sql), seconds(ms), `${out.filter((r, i) => r.prediction === want[i]).length}/${out.length}`);
    }
  }
} finally {
  pg?.stop();
}

function timed<T>(f: () => T): [number, T] {
  const t = performance.now();
  const out = f();
  return [performance.now() - t, out];
}
