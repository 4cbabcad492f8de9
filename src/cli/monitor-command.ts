import { rowsOf } from "../data/rows-of.ts";
import type { MonitorResult } from "../understudy/monitor.ts";
import type { Command } from "./command.ts";
import { optionReader } from "./option-reader.ts";
import { readData } from "./read-data.ts";
import { readUnderstudy } from "./read-understudy.ts";
import { writeOutputFile } from "./write-output-file.ts";

/**
 * `understudy monitor`: compares new rows with the training rows the model was distilled on:
 * the population stability index (PSI) of every input column the model reads and of its
 * output, and the columns that drifted (PSI > 0.25). Text by default, `--format json` for
 * the full result with every bin; `--fail-on-drift` exits with 1 when a column drifted, for
 * scheduled checks.
 *
 * @example
 * // understudy monitor --model spam-model/model.json --data this-week.csv
 * // understudy monitor --model m.json --data - --format json --fail-on-drift < new.csv
 */
export const monitorCommand: Command = {
  name: "monitor",
  summary: "drift of new rows against the training rows: PSI per input column and of the model's output",
  usage: "understudy monitor --model <model.json> --data <file|-> [--format text|json] [--out <file|->] [--fail-on-drift]",
  description: "PSI under 0.1 is stable, 0.1 to 0.25 a moderate shift, above 0.25 drifted. Numeric columns are compared over the training deciles, categorical ones over their training levels (unseen levels together as \"other\"), missing values in a bin of their own.",
  options: [
    { name: "model", type: "string", value: "model.json", help: "the model file `understudy distill` wrote", required: true },
    { name: "data", type: "string", value: "file", help: "the new rows (CSV, TSV, JSON, NDJSON or Arrow); - reads standard input", required: true },
    { name: "format", type: "string", value: "format", help: "text (a table) or json (every bin)", default: "text" },
    { name: "out", type: "string", value: "file", help: "where to write the result; - is standard output", default: "-" },
    { name: "fail-on-drift", type: "boolean", help: "exit with 1 when a column drifted (PSI > 0.25)" },
  ],
  example: "understudy monitor --model spam-model/model.json --data this-week.csv",
  async run(values, io) {
    const read = optionReader("monitor", values);
    const format = read.choice("format", ["text", "json"] as const) ?? "text";
    const out = read.string("out") ?? "-";
    const u = await readUnderstudy(read.string("model")!);
    const rows = rowsOf((await readData(read.string("data")!, io.stdin)).table);
    const result = u.monitor(rows);
    io.progressDone();
    const text = format === "json" ? `${JSON.stringify(result, null, 2)}\n` : formatMonitor(result);
    if (out === "-") io.stdout.write(text);
    else {
      await writeOutputFile(out, text, "--out");
      io.stdout.write(`Wrote the drift of ${result.rows} rows to ${out}\n`);
    }
    return read.flag("fail-on-drift") && result.drifted.length > 0 ? 1 : 0;
  },
};

/**
 * A monitor result as a table: one line per input column and one for the output, with the
 * PSI and its level, then the drifted columns.
 *
 * @example
 * formatMonitor(u.monitor(rows)); // "input        PSI     level\n income  0.4132  drifted\n..."
 */
export function formatMonitor(result: MonitorResult): string {
  const level = (psi: number) => (psi > 0.25 ? "drifted" : psi >= 0.1 ? "moderate shift" : "stable");
  const lines = [
    ...result.columns.map((c) => [c.column, c.psi.toFixed(4), level(c.psi)]),
    [`${result.prediction.output} (output)`, result.prediction.psi.toFixed(4), level(result.prediction.psi)],
  ];
  const header = ["input", "PSI", "level"];
  const widths = header.map((h, k) => Math.max(h.length, ...lines.map((l) => l[k].length)));
  const line = (cells: string[]) => cells.map((c, k) => (k === 1 ? c.padStart(widths[k]) : c.padEnd(widths[k]))).join("  ").trimEnd();
  return [
    `${result.rows} rows against the training rows`,
    line(header),
    ...lines.map(line),
    result.drifted.length ? `Drifted (PSI > 0.25): ${result.drifted.join(", ")}` : "No input column drifted (every PSI ≤ 0.25).",
  ].join("\n") + "\n";
}
