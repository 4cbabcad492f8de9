import { join } from "node:path";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { exportLabelBatch, type LabelBatchPlan } from "../distill/export-label-batch.ts";
import { importBatch } from "../llm/import-batch.ts";
import type { Command } from "./command.ts";
import { optionReader } from "./option-reader.ts";

/**
 * `understudy label`: buys labels at Batch API prices. `--batch <dir>` prints the cost plan and
 * writes `<dir>/labels.jsonl`, every labeling request `understudy distill` will make with the
 * same --data, --sample, --task, --labels, --text, --target, --features and --seed; upload it to
 * the Batch API (or vLLM's run_batch). `--import <output.jsonl>` files the answers into
 * --cache-dir; `distill` over that cache (replayTeacher) then pays nothing.
 *
 * @example
 * // understudy label --data big.parquet --sample 50000 --task "Spam?" --labels spam,ham --batch out/
 * // understudy label --import batch-output.jsonl --cache-dir .understudy-cache
 */
export const labelCommand: Command = {
  name: "label",
  summary: "write every labeling request of a distill run as a Batch API file, or import the batch's answers into the cache",
  usage: "understudy label --data <file> --task <question> --labels a,b --batch <dir> [options] | understudy label --import <output.jsonl> [--cache-dir dir]",
  options: [
    { name: "data", type: "string", value: "file", help: "rows to label: CSV, TSV, JSON, NDJSON or Parquet" },
    { name: "sample", type: "string", value: "n", help: "at most n rows drawn at random from the whole file (seeded; as distill --sample)" },
    { name: "task", type: "string", value: "question", help: "the task in one sentence, as the teacher is asked it" },
    { name: "labels", type: "string", value: "a,b,...", help: "the classes, comma-separated" },
    { name: "text", type: "string", value: "col,...", help: "text column(s) (default: columns that look like text)" },
    { name: "target", type: "string", value: "col", help: "column of known labels (never shown to the teacher)" },
    { name: "features", type: "string", value: "col,...", help: "input columns to use (default: all but the target and id-like ones)" },
    { name: "seed", type: "string", value: "n", help: "seed of the sample and the split", default: "0" },
    { name: "batch", type: "string", value: "dir", help: "write the Batch API input file <dir>/labels.jsonl" },
    { name: "import", type: "string", value: "file", help: "a Batch API output file to file into --cache-dir" },
    { name: "teacher-model", type: "string", value: "name", help: "the model that will answer (default: UNDERSTUDY_MODEL)" },
    { name: "cache-dir", type: "string", value: "dir", help: "where the LLM's answers are cached", default: ".understudy-cache" },
  ],
  example: 'understudy label --data big.parquet --sample 50000 --task "Is this email spam?" --labels spam,ham --text body --batch out/',
  async run(values, io) {
    const read = optionReader("label", values);
    const cacheDir = read.string("cache-dir") ?? ".understudy-cache";
    const imported = read.string("import");
    if (imported !== undefined) {
      const report = await importBatch(imported, { cacheDir });
      io.stdout.write(`Imported ${report.imported} of ${report.lines} answers into ${cacheDir}\n`);
      if (report.failed.length === 0) return 0;
      throw new UnderstudyError("bad_batch", messages.cli.labelImportFailed(report.lines, report.failed.length, `line ${report.failed[0].line}: ${report.failed[0].reason}`));
    }
    const dir = read.string("batch");
    if (dir === undefined) throw new UnderstudyError("usage", messages.cli.labelNeedsMode());
    const model = read.string("teacher-model") ?? process.env.UNDERSTUDY_MODEL;
    if (!model) throw new UnderstudyError("usage", messages.cli.labelNeedsModel());
    for (const flag of ["data", "task", "labels"]) {
      if (read.string(flag) === undefined) throw new UnderstudyError("usage", messages.cli.requiredFlag("label", `--${flag}`, labelCommand.options.find((o) => o.name === flag)!.help));
    }
    const sample = read.number("sample", { integer: true, min: 1 });
    const options = {
      data: read.string("data")!,
      task: read.string("task")!,
      labels: read.list("labels"),
      text: read.list("text"),
      target: read.string("target"),
      features: read.list("features"),
      seed: read.number("seed", { integer: true }) ?? 0,
      sample,
    };
    const path = join(dir, "labels.jsonl");
    const result = await exportLabelBatch(
      Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as typeof options,
      { model, cacheDir }, path, (plan) => io.stdout.write(`${planLine(plan, model)}\n`),
    );
    io.stdout.write(`Wrote ${result.lines} request(s) to ${path} (${result.cached} already cached in ${cacheDir}); upload it with purpose "batch", then: understudy label --import <output.jsonl> --cache-dir ${cacheDir}\n`);
    return 0;
  },
};

function planLine(plan: LabelBatchPlan, model: string): string {
  const cost = plan.estimatedUSD === undefined ? `no known price for ${model}` : `about $${plan.estimatedUSD.toFixed(2)} at Batch API prices`;
  return `Plan: ${plan.rows} rows in ${plan.requests} request(s) to ${model}, about ${plan.promptTokens} prompt + ${plan.completionTokens} completion tokens at most: ${cost}`;
}
