import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { checkReadable, duckdbSource, openDuckDB, requireDuckDBFormat, sqlLiteral } from "../data/duckdb-source.ts";
import type { Command, CommandIO } from "./command.ts";
import { optionReader } from "./option-reader.ts";
import { modelSQL } from "./model-sql.ts";
import { readUnderstudy } from "./read-understudy.ts";

/**
 * `understudy score`: runs the model's DuckDB SQL (`u.toSQL({ dialect: "duckdb" })`) inside
 * embedded DuckDB over the whole --data file (CSV, TSV, Parquet or JSON of any size), streaming
 * the result into --out (Parquet or CSV): every input column, then `prediction` (and
 * `probability` for classifiers). Nothing passes through JavaScript row by row; DuckDB's memory
 * is capped at 1 GB. Prints the rows scored and the rate.
 *
 * @example
 * // understudy score --model model.json --data big.parquet --out scored.parquet
 */
export const scoreCommand: Command = {
  name: "score",
  summary: "score a data file of any size with a distilled model's SQL inside embedded DuckDB (Parquet or CSV out)",
  usage: "understudy score --model <model.json> --data <file> --out <scored.parquet|scored.csv>",
  description: "CSV cells are read as text and typed by the model's SQL, as `understudy predict` reads them; Parquet keeps its column types.",
  options: [
    { name: "model", type: "string", value: "model.json", help: "the model file `understudy distill` wrote", required: true },
    { name: "data", type: "string", value: "file", help: "rows to score: CSV, TSV, Parquet, JSON or NDJSON, of any size", required: true },
    { name: "out", type: "string", value: "file", help: "where to write the scored rows: .parquet or .csv", required: true },
  ],
  example: "understudy score --model model.json --data applicants.parquet --out scored.parquet",
  async run(values, io) {
    const read = optionReader("score", values);
    const path = read.string("model")!;
    const u = await readUnderstudy(path);
    const data = read.string("data")!;
    const out = read.string("out")!;
    const outFormat = /\.parquet$/i.test(out) ? "parquet" : /\.csv$/i.test(out) ? "csv" : undefined;
    if (!outFormat) throw new UnderstudyError("usage", messages.cli.scoreOutFormat(out));
    const format = requireDuckDBFormat(data);
    await checkReadable(data);
    const started = performance.now();
    const rows = await scoreInDuckDB(modelSQL(u, { command: "score", path, dialect: "duckdb", table: "understudy_input" }), duckdbSource(data, format), out, outFormat, io);
    io.progressDone();
    const seconds = (performance.now() - started) / 1000;
    io.stdout.write(`Scored ${rows} rows of ${data} into ${out} in ${seconds.toFixed(1)} s (${Math.round(rows / Math.max(seconds, 1e-3))} rows/s)\n`);
    return 0;
  },
};

/** Runs `COPY (<model SQL>) TO out` with the input as a view, reporting DuckDB's progress; returns the rows written. */
async function scoreInDuckDB(sql: string, source: string, out: string, outFormat: "parquet" | "csv", io: CommandIO): Promise<number> {
  const { instance, connection } = await openDuckDB();
  try {
    await connection.run("SET enable_progress_bar = true; SET enable_progress_bar_print = false;");
    await connection.run(`CREATE VIEW understudy_input AS SELECT * FROM ${source}`);
    const options = outFormat === "parquet" ? "FORMAT parquet" : "FORMAT csv, HEADER";
    const copy = connection.runAndReadAll(`COPY (${sql}) TO ${sqlLiteral(out)} (${options})`);
    const timer = setInterval(() => {
      const p = connection.progress.percentage;
      if (p >= 0) io.onProgress?.({ phase: "score", done: Math.round(p), total: 100, message: `scoring in DuckDB: ${p.toFixed(0)}%` });
    }, 250);
    try {
      const result = await copy;
      return Number(result.getRows()[0]?.[0] ?? 0);
    } catch (e) {
      throw new UnderstudyError("bad_file", messages.cli.scoreFailed((e as Error).message.split("\n", 1)[0]), { cause: e });
    } finally {
      clearInterval(timer);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
