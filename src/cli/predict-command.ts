import { UnderstudyError } from "../core/errors.ts";
import { loadTable } from "../data/load-table.ts";
import { rowsOf } from "../data/rows-of.ts";
import type { Command } from "./command.ts";
import { optionReader } from "./option-reader.ts";
import { readUnderstudy } from "./read-understudy.ts";
import { writeOutputFile } from "./write-output-file.ts";

/** Rows predicted per progress step. */
const CHUNK = 2000;

/**
 * `understudy predict`: predicts every row of a data file with a distilled model, with no
 * LLM. Writes CSV: the row's id (the model's id column when the data has it, else its
 * 1-based row number), `prediction`, and for classifiers `probability` of that class.
 *
 * @example
 * // understudy predict --model spam-model/model.json --data new-emails.csv --out predictions.csv
 */
export const predictCommand: Command = {
  name: "predict",
  summary: "predict rows of a data file with a distilled model (no LLM needed)",
  usage: "understudy predict --model <model.json> --data <file> [--out <file.csv>]",
  options: [
    { name: "model", type: "string", value: "model.json", help: "the model file `understudy distill` wrote", required: true },
    { name: "data", type: "string", value: "file", help: "rows to predict: CSV, TSV, JSON, NDJSON or Arrow, with the model's input columns", required: true },
    { name: "out", type: "string", value: "file.csv", help: "where to write the predictions", default: "stdout" },
  ],
  example: "understudy predict --model spam-model/model.json --data new-emails.csv --out predictions.csv",
  async run(values, io) {
    const read = optionReader("predict", values);
    const u = await readUnderstudy(read.string("model")!);
    const rows = rowsOf(await loadTable(read.string("data")!));
    const missing = [...u.metadata.features, ...u.metadata.text].filter((c) => rows.length > 0 && !(c in rows[0]));
    if (missing.length) {
      throw new UnderstudyError("unknown_column", `predict: the data lacks the model's input column(s) ${missing.map((c) => JSON.stringify(c)).join(", ")}; pass rows with the columns the model was distilled on.`);
    }
    const idColumn = u.metadata.idColumn && rows.length > 0 && u.metadata.idColumn in rows[0] ? u.metadata.idColumn : undefined;
    const classifier = u.metadata.taskType === "classification";
    const lines = [[idColumn ?? "row", "prediction", ...(classifier ? ["probability"] : [])].map(csvCell).join(",")];
    for (let start = 0; start < rows.length; start += CHUNK) {
      io.onProgress?.({ phase: "predict", done: start, total: rows.length });
      const chunk = rows.slice(start, start + CHUNK);
      const labels = u.predict(chunk);
      const proba = classifier ? u.predictProba(chunk) : undefined;
      const classes = u.classes ?? [];
      labels.forEach((label, k) => {
        const id = idColumn ? chunk[k][idColumn] : start + k + 1;
        const p = proba ? [Math.round(proba[k][classes.indexOf(label)] * 1e6) / 1e6] : [];
        lines.push([id, label, ...p].map(csvCell).join(","));
      });
    }
    io.onProgress?.({ phase: "predict", done: rows.length, total: rows.length });
    io.progressDone();
    const csv = `${lines.join("\n")}\n`;
    const out = read.string("out");
    if (out) {
      await writeOutputFile(out, csv, "--out");
      io.stdout.write(`Wrote ${rows.length} predictions to ${out}\n`);
    } else {
      io.stdout.write(csv);
    }
    return 0;
  },
};

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
