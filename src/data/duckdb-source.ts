// Internal: how embedded DuckDB is opened and pointed at a data file, shared by readBigFile
// (sampling) and `understudy score` (scoring where the data lives). Not part of the public API.
import { stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { fileReadError } from "./table-file.ts";

/** Files read through DuckDB. */
export type DuckDBFileFormat = "csv" | "tsv" | "parquet" | "json";

const EXTENSIONS: Record<string, DuckDBFileFormat> = {
  ".csv": "csv",
  ".tsv": "tsv",
  ".tab": "tsv",
  ".parquet": "parquet",
  ".pq": "parquet",
  ".json": "json",
  ".ndjson": "json",
  ".jsonl": "json",
};

/** DuckDB's memory cap: it spills to a temporary folder beyond it instead of growing. */
export const DUCKDB_MEMORY_LIMIT = "1GB";

/** The DuckDB format of `path` from its extension, or undefined when DuckDB is not used for it. */
export function duckdbFileFormat(path: string): DuckDBFileFormat | undefined {
  const dot = path.lastIndexOf(".");
  const slash = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return dot > slash ? EXTENSIONS[path.slice(dot).toLowerCase()] : undefined;
}

/** Like {@link duckdbFileFormat}, but an unknown extension is an error naming the ones read. */
export function requireDuckDBFormat(path: string): DuckDBFileFormat {
  const format = duckdbFileFormat(path);
  if (!format) throw new UnderstudyError("bad_file", messages.data.bigFileType(path, Object.keys(EXTENSIONS).join(", ")));
  return format;
}

/** A string as a SQL literal. */
export function sqlLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * The table function that reads `path`. CSV/TSV cells come as text (`all_varchar`), empty
 * ones as "" (a `nullstr` no cell holds), so the data layer's typing and missing markers
 * decide, exactly as for small files; Parquet and JSON keep their own types.
 */
export function duckdbSource(path: string, format: DuckDBFileFormat, options: { header?: boolean } = {}): string {
  const file = sqlLiteral(path);
  switch (format) {
    case "csv":
    case "tsv":
      return `read_csv(${file}, header = ${options.header ?? true}, all_varchar = true, delim = ${format === "tsv" ? "'\\t'" : "','"}, quote = '"', escape = '"', nullstr = '\u0001', strict_mode = true)`;
    case "parquet":
      return `read_parquet(${file})`;
    case "json":
      return `read_json(${file}, format = 'auto')`;
  }
}

/**
 * An in-memory DuckDB with {@link DUCKDB_MEMORY_LIMIT} and its spill folder under the system's
 * temporary folder (not the working directory). Close it with `closeSync()` on the instance.
 *
 * @example
 * const { connection, instance } = await openDuckDB();
 * await connection.runAndReadAll("SELECT 1");
 * instance.closeSync();
 */
export async function openDuckDB(): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  // Loaded on first use: the native addon (and, under Deno, --allow-ffi) is needed only by the
  // features that read through DuckDB, not by every import of the library.
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:", {
    memory_limit: DUCKDB_MEMORY_LIMIT,
    temp_directory: join(tmpdir(), `understudy-duckdb-${process.pid}`),
  });
  return { instance, connection: await instance.connect() };
}

/** Throws the data layer's error when `path` is not a readable file. */
export async function checkReadable(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (e) {
    throw fileReadError(path, e);
  }
}
