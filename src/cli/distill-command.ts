import type { ErrorCode } from "../core/error-codes.ts";
import { UnderstudyError } from "../core/errors.ts";
import { isMissingCell, missingMarkers } from "../data/cell-values.ts";
import { rowsOf } from "../data/rows-of.ts";
import { distill } from "../distill.ts";
import type { Budget } from "../llm/openai-teacher.ts";
import type { Understudy } from "../understudy/understudy.ts";
import type { Command } from "./command.ts";
import { inCliTerms, type CliContext } from "./in-cli-terms.ts";
import { optionReader } from "./option-reader.ts";
import { distillFlagSpecs, readDistillFlags } from "./distill-flags.ts";
import { readData } from "./read-data.ts";
import { readSampledData } from "./read-sampled-data.ts";
import { reproducingCommand } from "./reproducing-command.ts";
import { resolveTeacher, type TeacherMode } from "./resolve-teacher.ts";
import { summarizeUnderstudy } from "./summarize-understudy.ts";
import { writeModelFiles } from "./write-model-files.ts";

/**
 * `understudy distill`: distills a small model from a data file and writes model.json,
 * report.html and report.md into --out (all of them, or none when one fails). Prints the
 * command that reproduces the run, with the data's SHA-256, and records it in the report.
 *
 * @example
 * // understudy distill --data emails.csv --task "Is this email spam?" --labels spam,ham --text body --target label --out model
 */
export const distillCommand: Command = {
  name: "distill",
  summary: "distill a small, transparent model from a teacher (an LLM, or known labels) and write the model and its audit report",
  usage: "understudy distill --data <file> --task <question> [--labels a,b] [--text col] [--target col] [options]",
  description: [
    "An LLM teaches when OPENAI_API_KEY (or OPENAI_BASE_URL) and UNDERSTUDY_MODEL are set; otherwise",
    "the --target column's known labels do. Without --labels the task is regression on a numeric --target.",
  ].join("\n"),
  options: [
    { name: "data", type: "string", value: "file", help: "rows to learn from: CSV, TSV, JSON, NDJSON, Arrow or Parquet; - reads standard input", required: true },
    { name: "sample", type: "string", value: "n", help: "at most n rows drawn at random from the whole --data file through DuckDB (seeded; for files bigger than memory)" },
    { name: "task", type: "string", value: "question", help: "the task in one sentence, as the teacher is asked it", required: true },
    { name: "labels", type: "string", value: "a,b,...", help: "the classes, comma-separated (omit for regression)" },
    { name: "text", type: "string", value: "col,...", help: "text column(s) (default: columns that look like text)" },
    { name: "target", type: "string", value: "col", help: "column of known labels: evaluates, or teaches when no LLM is configured" },
    { name: "features", type: "string", value: "col,...", help: "input columns to use (default: all but the target and id-like ones)" },
    { name: "model", type: "string", value: "kind", help: "auto, tree, logistic, linear, ebm, knn or forest", default: "auto" },
    { name: "teacher", type: "string", value: "who", help: "auto (the configured LLM, else gold labels), llm, gold, or replay (only the LLM answers in --cache-dir, e.g. after `understudy label --import`)", default: "auto" },
    { name: "out", type: "string", value: "dir", help: "folder for model.json, report.html and report.md", default: "understudy-model" },
    { name: "budget-calls", type: "string", value: "n", help: "most paid teacher calls (cache hits are free)" },
    { name: "budget-usd", type: "string", value: "usd", help: "most dollars spent on the teacher" },
    { name: "max-labels", type: "string", value: "n", help: "training labels to buy (fewer than the training rows: active learning picks them)" },
    { name: "cascade-target", type: "string", value: "share", help: "agreement with the teacher the cascade keeps", default: "0.99" },
    { name: "sensitive", type: "string", value: "col,...", help: "columns to compare outcomes by group (fairness); never features unless --use-sensitive-as-feature" },
    { name: "use-sensitive-as-feature", type: "boolean", help: "let the --sensitive columns be features too (the report says so)" },
    ...distillFlagSpecs,
    { name: "intended-use", type: "string", value: "text", help: "what the model may be used for (printed in the report)" },
    { name: "cache-dir", type: "string", value: "dir", help: "where the LLM's answers are cached", default: ".understudy-cache" },
    { name: "seed", type: "string", value: "n", help: "seed of every random choice", default: "0" },
  ],
  example: 'understudy distill --data emails.csv --task "Is this email spam?" --labels spam,ham --text body --target label --out spam-model',
  async run(values, io) {
    const read = optionReader("distill", values);
    const target = read.string("target");
    const cacheDir = read.string("cache-dir") ?? ".understudy-cache";
    const out = read.string("out") ?? "understudy-model";
    const budget: Budget = {};
    const maxCalls = read.number("budget-calls", { integer: true, min: 1 });
    const maxUSD = read.number("budget-usd", { min: 0 });
    if (maxCalls !== undefined) budget.maxCalls = maxCalls;
    if (maxUSD !== undefined) budget.maxUSD = maxUSD;
    const seed = read.number("seed", { integer: true }) ?? 0;
    const options = {
      task: read.string("task")!,
      labels: read.list("labels"),
      text: read.list("text"),
      target,
      features: read.list("features"),
      model: read.choice("model", ["auto", "tree", "logistic", "linear", "knn", "forest", "ebm"] as const),
      budget: maxCalls !== undefined || maxUSD !== undefined ? budget : undefined,
      maxLabels: read.number("max-labels", { integer: true, min: 1 }),
      cascadeTarget: read.number("cascade-target", { above: 0, max: 1 }),
      sensitive: read.list("sensitive"),
      ...(read.flag("use-sensitive-as-feature") ? { useSensitiveAsFeature: true } : {}),
      ...readDistillFlags(read),
      intendedUse: read.string("intended-use"),
      seed,
    };
    const mode: TeacherMode = read.choice("teacher", ["auto", "llm", "gold", "replay"] as const) ?? "auto";
    // Read and check the data before any progress is drawn, so a bad file or flag fails with its one line.
    const sample = read.number("sample", { integer: true, min: 1 });
    const path = read.string("data")!;
    // The file is read with the run's missing markers, less the labels (a class "NA" is a class).
    const labels = new Set((options.labels ?? []).map((l) => l.trim().toLowerCase()));
    const missing = missingMarkers(options.missing).list.filter((m) => !labels.has(m));
    const data = sample !== undefined || /\.(parquet|pq)$/i.test(path)
      ? await readSampledData(path, { sample, seed, labels: options.labels, missing })
      : await readData(path, io.stdin, { missing });
    const context = { read, data, cacheDir };
    const problem = checkFlagsAgainstData(context);
    if (problem) throw new UnderstudyError(problem.code, problem.message);
    const { teacher, line } = resolveTeacher(mode, cacheDir, target);
    io.stdout.write(`${line}\n`);
    // The run is pinned: the seed and who taught are spelled out even when they were defaults.
    const command = reproducingCommand(distillCommand, values, {
      data,
      extra: { seed: String(seed), teacher: teacher ? (mode === "replay" ? "replay" : "llm") : "gold", ...(teacher ? { "cache-dir": cacheDir } : {}) },
      env: teacher && mode !== "replay" ? { UNDERSTUDY_MODEL: teacher.model } : {},
    });
    let u: Understudy;
    try {
      u = await distill({
        ...(Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as typeof options),
        data: data.table,
        teacher,
        onProgress: io.onProgress,
        command,
      });
    } catch (e) {
      const message = e instanceof UnderstudyError ? inCliTerms(e.code, context) : undefined;
      throw message ? new UnderstudyError((e as UnderstudyError).code, message, { cause: e }) : e;
    }
    const files = await writeModelFiles(u, out, { onProgress: io.onProgress });
    io.progressDone();
    io.stdout.write([...summarizeUnderstudy(u), `Wrote ${files.join(", ")}`, `Reproduce: ${command}`, ""].join("\n"));
    return 0;
  },
};

/** Problems the command can name in its own flags before distilling (a missing column, flags that contradict each other, labels that do not fit the target). */
function checkFlagsAgainstData(context: CliContext): { code: ErrorCode; message: string } | undefined {
  const { read, data } = context;
  for (const code of ["unknown_column", "target_is_feature", "bad_option"] as const) {
    const message = inCliTerms(code, context);
    if (message) return { code, message };
  }
  const labels = read.list("labels");
  const target = read.string("target");
  const classes = target !== undefined && rowsOf(data!.table).some((r) => !isMissingCell(r[target]) && !Number.isFinite(Number(r[target])));
  // With --labels, check them against the target; without, a target of words needs them.
  const message = labels || classes ? inCliTerms("bad_labels", context) : undefined;
  return message ? { code: "bad_labels", message } : undefined;
}
