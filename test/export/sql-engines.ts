// Test helpers: load rows into a real engine (DuckDB in-process, SQLite through its CLI) and
// run a query. Not a test file itself.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { sqlDialect } from "../../src/export/sql-dialect.ts";

export type Cell = string | number | boolean | null;
export type ColumnType = "number" | "integer" | "string" | "boolean";
export type Row = Record<string, unknown>;

export const SQLITE = "/usr/bin/sqlite3";

/** True when the sqlite3 CLI is here; otherwise prints why SQLite tests skip (and fails under CI). */
export function sqliteAvailable(): boolean {
  if (existsSync(SQLITE)) return true;
  if (process.env.CI === "true") throw new Error(`${SQLITE} is missing; CI must install the sqlite3 package.`);
  console.warn(`skipping SQLite checks: ${SQLITE} is not installed (apt-get install sqlite3)`);
  return false;
}

/** CREATE TABLE + INSERT statements for the rows, typed per column. */
export function tableScript(
  dialect: "duckdb" | "sqlite",
  table: string,
  columns: Record<string, ColumnType>,
  rows: Row[],
): string {
  const d = sqlDialect(dialect);
  const types = {
    duckdb: { number: "DOUBLE", integer: "BIGINT", string: "VARCHAR", boolean: "BOOLEAN" },
    sqlite: { number: "REAL", integer: "INTEGER", string: "TEXT", boolean: "INTEGER" },
  }[dialect];
  const names = Object.keys(columns);
  const create = `CREATE TABLE ${d.identifier(table)} (${names.map((n) => `${d.identifier(n)} ${types[columns[n]]}`).join(", ")});`;
  const literal = (v: unknown, columnType: ColumnType): string => {
    if (v == null || (typeof v === "number" && Number.isNaN(v))) return "NULL";
    if (typeof v === "number") return Number.isInteger(v) && columnType === "integer" ? String(v) : d.number(v);
    if (typeof v === "boolean") return d.label(v);
    return d.string(String(v));
  };
  const inserts: string[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500).map((r) => `(${names.map((n) => literal(r[n], columns[n])).join(", ")})`);
    inserts.push(`INSERT INTO ${d.identifier(table)} VALUES\n${chunk.join(",\n")};`);
  }
  return [create, ...inserts].join("\n");
}

/** Loads the rows into an in-memory DuckDB and returns the query's rows as plain objects. */
export async function runDuckDB(
  table: string,
  columns: Record<string, ColumnType>,
  rows: Row[],
  query: string,
): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    await connection.run(tableScript("duckdb", table, columns, rows));
    const reader = await connection.runAndReadAll(query);
    return reader.getRowObjects().map((r) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r)) out[k] = typeof v === "bigint" ? Number(v) : v;
      return out;
    });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Loads the rows into a fresh SQLite database through the sqlite3 CLI and returns `-json` rows. */
export function runSQLite(
  table: string,
  columns: Record<string, ColumnType>,
  rows: Row[],
  query: string,
): Record<string, unknown>[] {
  const dir = mkdtempSync(join(tmpdir(), "understudy-sqlite-"));
  try {
    const file = join(dir, "script.sql");
    writeFileSync(file, `${tableScript("sqlite", table, columns, rows)}\n${query.trimEnd().replace(/;?$/, ";")}\n`);
    const out = execFileSync(SQLITE, ["-json", "-bail", ":memory:", `.read ${file}`], { encoding: "utf8", maxBuffer: 1 << 28 });
    return out.trim() === "" ? [] : (JSON.parse(out) as Record<string, unknown>[]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
