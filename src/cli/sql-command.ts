import { sqlDialectNames } from "../export/sql-dialect.ts";
import type { Command } from "./command.ts";
import { optionReader } from "./option-reader.ts";
import { modelSQL } from "./model-sql.ts";
import { readUnderstudy } from "./read-understudy.ts";
import { writeOutputFile } from "./write-output-file.ts";

/**
 * `understudy sql`: the model as one SQL SELECT over a table of input rows, returning every
 * input column plus `prediction` (and `probability` for classifiers), for scoring inside a
 * database.
 *
 * @example
 * // understudy sql --model model.json --dialect duckdb --table applicants > score.sql
 */
export const sqlCommand: Command = {
  name: "sql",
  summary: "export a distilled model as one SQL query (duckdb, sqlite, postgres, bigquery, spark)",
  usage: "understudy sql --model <model.json> --dialect <dialect> --table <name> [--out <file.sql>]",
  description: [
    "Trees, forests, EBMs and linear/logistic models on numeric, boolean and categorical columns have a SQL form; text (TF-IDF)",
    "features and k-NN do not: `understudy distill --exportable` keeps only candidates that have one.",
  ].join("\n"),
  options: [
    { name: "model", type: "string", value: "model.json", help: "the model file `understudy distill` wrote", required: true },
    { name: "dialect", type: "string", value: "dialect", help: sqlDialectNames.join(", "), default: "duckdb" },
    { name: "table", type: "string", value: "name", help: "the table (or schema.table) holding the input columns", required: true },
    { name: "out", type: "string", value: "file.sql", help: "where to write the query; - is standard output", default: "-" },
  ],
  example: "understudy sql --model model.json --dialect duckdb --table applicants --out score.sql",
  async run(values, io) {
    const read = optionReader("sql", values);
    const dialect = read.choice("dialect", sqlDialectNames) ?? "duckdb";
    const table = read.string("table")!;
    const path = read.string("model")!;
    const sql = modelSQL(await readUnderstudy(path), { command: "sql", path, dialect, table });
    const out = read.string("out") === "-" ? undefined : read.string("out");
    if (out) {
      await writeOutputFile(out, `${sql}\n`, "--out");
      io.stdout.write(`Wrote the ${dialect} query to ${out}\n`);
    } else {
      io.stdout.write(sql.endsWith("\n") ? sql : `${sql}\n`);
    }
    return 0;
  },
};
