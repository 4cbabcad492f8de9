import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { rowsOf } from "../data/rows-of.ts";
import type { Command } from "./command.ts";
import { csvCell } from "./csv-cell.ts";
import { optionReader } from "./option-reader.ts";
import { readData } from "./read-data.ts";
import { readUnderstudy } from "./read-understudy.ts";
import { writeOutputFile } from "./write-output-file.ts";

/** Rows predicted per progress step. */
const CHUNK = 2000;

/**
 * `understudy predict`: predicts every row of a data file with a distilled model, with no
 * LLM, and writes what a user joins back onto the input: the row's id (the model's id column
 * when the data has it, else `row`, the 1-based row number), `prediction`, and for classifiers
 * one probability column per class (`p_spam`, `p_ham`, in the model's class order), in input
 * order. CSV (spreadsheet-safe cells) or JSON Lines; `--data -` reads standard input and
 * `--out -` (the default) writes standard output, so it composes with pipes.
 *
 * @example
 * // understudy predict --model spam-model/model.json --data new-emails.csv --out predictions.csv
 * // cat new.csv | understudy predict --model m.json --data - --format jsonl | jq .p_spam
 */
export const predictCommand: Command = {
  name: "predict",
  summary: "predict rows of a data file with a distilled model (no LLM needed): id, prediction, one probability per class",
  usage: "understudy predict --model <model.json> --data <file|-> [--out <file|->] [--format csv|jsonl]",
  options: [
    { name: "model", type: "string", value: "model.json", help: "the model file `understudy distill` wrote", required: true },
    { name: "data", type: "string", value: "file", help: "rows to predict (CSV, TSV, JSON, NDJSON or Arrow) with the model's input columns; - reads standard input", required: true },
    { name: "out", type: "string", value: "file", help: "where to write the predictions; - is standard output", default: "-" },
    { name: "format", type: "string", value: "format", help: "csv or jsonl (one JSON object per line)", default: "jsonl for an --out ending in .jsonl or .ndjson, else csv" },
  ],
  example: "understudy predict --model spam-model/model.json --data new-emails.csv --out predictions.csv",
  async run(values, io) {
    const read = optionReader("predict", values);
    const out = read.string("out") ?? "-";
    const format = read.choice("format", ["csv", "jsonl"] as const) ?? (/\.(jsonl|ndjson)$/i.test(out) ? "jsonl" : "csv");
    const u = await readUnderstudy(read.string("model")!);
    const rows = rowsOf((await readData(read.string("data")!, io.stdin)).table);
    const missing = [...u.metadata.features, ...u.metadata.text].filter((c) => !(rows.length > 0 && Object.hasOwn(rows[0], c)));
    if (missing.length) throw new UnderstudyError("unknown_column", messages.cli.predictMissingColumns(missing));

    const idColumn = u.metadata.idColumn && rows.length > 0 && Object.hasOwn(rows[0], u.metadata.idColumn) ? u.metadata.idColumn : undefined;
    const classes = u.metadata.taskType === "classification" ? (u.classes ?? []).map(String) : [];
    const header = [idColumn ?? "row", "prediction", ...classes.map((c) => `p_${c}`)];
    const records: unknown[][] = [];
    for (let start = 0; start < rows.length; start += CHUNK) {
      io.onProgress?.({ phase: "predict", done: start, total: rows.length });
      const chunk = rows.slice(start, start + CHUNK);
      const labels = u.predict(chunk);
      const proba = classes.length ? u.predictProba(chunk) : undefined;
      labels.forEach((label, k) => records.push([idColumn ? chunk[k][idColumn] : start + k + 1, label, ...(proba ? proba[k] : [])]));
    }
    io.onProgress?.({ phase: "predict", done: rows.length, total: rows.length });
    io.progressDone();

    const text = format === "csv"
      ? [header, ...records].map((cells) => `${cells.map(csvCell).join(",")}\n`).join("")
      : records.map((cells) => `${JSON.stringify(Object.fromEntries(header.map((h, k) => [h, cells[k]])))}\n`).join("");
    if (out === "-") {
      io.stdout.write(text);
    } else {
      await writeOutputFile(out, text, "--out");
      io.stdout.write(`Wrote ${rows.length} predictions to ${out}\n`);
    }
    return 0;
  },
};
