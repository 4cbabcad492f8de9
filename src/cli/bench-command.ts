import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { benchmarkAgainstTeacher } from "../bench/benchmark-against-teacher.ts";
import { formatBenchmark } from "../bench/format-benchmark.ts";
import { benchmarkChart } from "../charts/benchmark-chart.ts";
import { renderSVG } from "../charts/render.ts";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { rowsOf } from "../data/rows-of.ts";
import { defaultTeacher } from "../llm/default-teacher.ts";
import type { Command } from "./command.ts";
import { optionReader } from "./option-reader.ts";
import { readData } from "./read-data.ts";
import { readUnderstudy } from "./read-understudy.ts";
import { writeOutputFile } from "./write-output-file.ts";

/**
 * `understudy bench`: the distilled model against the LLM baseline on held-out gold rows:
 * accuracy of the LLM, the small model and the cascade; agreement; latency p50/p95; cost per
 * 1,000 predictions. Needs an LLM configured; says what to set when there is none.
 *
 * @example
 * // OPENAI_API_KEY=... UNDERSTUDY_MODEL=gpt-4o-mini understudy bench --model m/model.json --data held-out.csv --out bench
 */
export const benchCommand: Command = {
  name: "bench",
  summary: "benchmark a distilled model against the LLM on held-out gold rows (accuracy, agreement, latency, cost)",
  usage: "understudy bench --model <model.json> --data <file> [--target col] [--rows n] [--out <dir>]",
  description: [
    "Needs an LLM: OPENAI_API_KEY (or OPENAI_BASE_URL for a local server) and UNDERSTUDY_MODEL. The LLM answers every",
    "row with no cache, so its latency and cost are real. Pass rows that were not used in distilling.",
  ].join("\n"),
  options: [
    { name: "model", type: "string", value: "model.json", help: "the model file `understudy distill` wrote", required: true },
    { name: "data", type: "string", value: "file", help: "held-out rows with gold labels: CSV, TSV, JSON, NDJSON or Arrow", required: true },
    { name: "target", type: "string", value: "col", help: "column of gold labels", default: "the model's target" },
    { name: "rows", type: "string", value: "n", help: "benchmark only the first n rows (each costs one LLM call)" },
    { name: "threshold", type: "string", value: "p", help: "cascade confidence threshold", default: "the one chosen when distilling" },
    { name: "concurrency", type: "string", value: "n", help: "LLM calls in flight at once", default: "4" },
    { name: "out", type: "string", value: "dir", help: "also write benchmark.json, benchmark.md and benchmark.svg here" },
  ],
  example: "understudy bench --model spam-model/model.json --data held-out.csv --rows 200 --out bench",
  async run(values, io) {
    const read = optionReader("bench", values);
    const limit = read.number("rows", { integer: true, min: 1 });
    const threshold = read.number("threshold", { min: 0, max: 1 });
    const concurrency = read.number("concurrency", { integer: true, min: 1 }) ?? 4;
    // No cache: the baseline's latency and cost must be real calls.
    const teacher = defaultTeacher({ cacheDir: false });
    if (!teacher) {
      throw new UnderstudyError("no_teacher", messages.cli.benchNeedsLLM());
    }
    const u = await readUnderstudy(read.string("model")!);
    const all = rowsOf((await readData(read.string("data")!, io.stdin)).table);
    const rows = limit === undefined ? all : all.slice(0, limit);
    io.stderr.write(`Benchmarking against ${teacher.model}: ${rows.length} rows, one LLM call each.\n`);
    const result = await benchmarkAgainstTeacher({
      understudy: u, rows, teacher, concurrency, onProgress: io.onProgress,
      ...(read.string("target") ? { target: read.string("target") } : {}),
      ...(threshold !== undefined ? { threshold } : {}),
    });
    io.progressDone();
    io.stdout.write(`${formatBenchmark(result)}\n`);
    const out = read.string("out");
    if (out) {
      // Everything made first, then written: a chart that fails to render leaves no half set.
      const files: [string, string][] = [
        ["benchmark.json", JSON.stringify(result, null, 2)],
        ["benchmark.md", `${formatBenchmark(result, { format: "markdown" })}\n`],
        ["benchmark.svg", await renderSVG(benchmarkChart(result.table))],
      ];
      await mkdir(out, { recursive: true });
      for (const [name, content] of files) await writeOutputFile(join(out, name), content, "--out");
      io.stdout.write(`Wrote benchmark.json, benchmark.md and benchmark.svg to ${out}\n`);
    }
    return 0;
  },
};
