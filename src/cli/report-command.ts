import type { Command } from "./command.ts";
import { optionReader } from "./option-reader.ts";
import { readUnderstudy } from "./read-understudy.ts";
import { writeOutputFile } from "./write-output-file.ts";

/**
 * `understudy report`: the audit report of a distilled model, as self-contained HTML,
 * Markdown or JSON, from the figures stored in model.json (no data or LLM needed).
 *
 * @example
 * // understudy report --model spam-model/model.json --format md --out report.md
 */
export const reportCommand: Command = {
  name: "report",
  summary: "write the audit report of a distilled model (HTML, Markdown or JSON)",
  usage: "understudy report --model <model.json> [--format html|md|json] [--out <file>]",
  options: [
    { name: "model", type: "string", value: "model.json", help: "the model file `understudy distill` wrote", required: true },
    { name: "format", type: "string", value: "format", help: "html (self-contained, charts inline), md or json", default: "the --out extension, else html" },
    { name: "out", type: "string", value: "file", help: "where to write the report; - is standard output", default: "-" },
  ],
  example: "understudy report --model spam-model/model.json --format html --out report.html",
  async run(values, io) {
    const read = optionReader("report", values);
    const out = read.string("out") === "-" ? undefined : read.string("out");
    const fromExtension = out?.match(/\.(html|md|json)$/i)?.[1].toLowerCase() as "html" | "md" | "json" | undefined;
    const format = read.choice("format", ["html", "md", "json"] as const) ?? fromExtension ?? "html";
    const u = await readUnderstudy(read.string("model")!);
    io.onProgress?.({ phase: "report", done: 0, total: 1, message: `rendering ${format}` });
    const report = await u.report({ format });
    io.onProgress?.({ phase: "report", done: 1, total: 1 });
    io.progressDone();
    if (out) {
      await writeOutputFile(out, report, "--out");
      io.stdout.write(`Wrote the ${format} report to ${out}\n`);
    } else {
      io.stdout.write(report.endsWith("\n") ? report : `${report}\n`);
    }
    return 0;
  },
};
