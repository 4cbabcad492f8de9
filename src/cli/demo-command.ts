import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { spamAssassinEmails } from "../data/spam-assassin-emails.ts";
import { distill } from "../distill.ts";
import type { Command } from "./command.ts";
import { optionReader } from "./option-reader.ts";
import { reproducingCommand } from "./reproducing-command.ts";
import { resolveTeacher, type TeacherMode } from "./resolve-teacher.ts";
import { summarizeUnderstudy } from "./summarize-understudy.ts";
import { writeModelFiles } from "./write-model-files.ts";

/**
 * `understudy demo`: distills spam detection from real e-mails (the SpamAssassin public
 * corpus), taught by the configured LLM or else by the corpus's gold labels, and writes the
 * audit report, the model and the charts to an output folder.
 *
 * @example
 * // understudy demo --out understudy-demo --rows 2000
 */
export const demoCommand: Command = {
  name: "demo",
  summary: "distill spam detection on real e-mails (SpamAssassin) and write the audit report, model and charts",
  usage: "understudy demo [--out <dir>] [--rows <n>] [options]",
  description: [
    "With an LLM configured (OPENAI_API_KEY or OPENAI_BASE_URL, and UNDERSTUDY_MODEL) the LLM labels the e-mails",
    "(within --budget-calls, --max-labels training labels, answers cached); otherwise the corpus's gold labels teach.",
    "The first line says which.",
  ].join("\n"),
  options: [
    { name: "out", type: "string", value: "dir", help: "output folder", default: "understudy-demo" },
    { name: "rows", type: "string", value: "n", help: "e-mails sampled from the 6,046 of the corpus", default: "2000" },
    { name: "model", type: "string", value: "kind", help: "auto, tree, logistic, knn or forest", default: "auto" },
    { name: "teacher", type: "string", value: "who", help: "auto (the configured LLM, else gold labels), llm or gold", default: "auto" },
    { name: "max-labels", type: "string", value: "n", help: "training labels bought from an LLM (active learning picks them)", default: "300" },
    { name: "budget-calls", type: "string", value: "n", help: "most paid LLM calls (about 500 are needed at the defaults)", default: "1000" },
    { name: "budget-usd", type: "string", value: "usd", help: "most dollars spent on an LLM (needs a known price for the model)" },
    { name: "cache-dir", type: "string", value: "dir", help: "where the LLM's answers are cached", default: ".understudy-cache" },
    { name: "seed", type: "string", value: "n", help: "seed of the sample and of every random choice", default: "0" },
  ],
  example: "understudy demo --out understudy-demo --rows 2000",
  async run(values, io) {
    const read = optionReader("demo", values);
    const out = read.string("out") ?? "understudy-demo";
    const rows = read.number("rows", { integer: true, min: 50, max: 6046 }) ?? 2000;
    const seed = read.number("seed", { integer: true }) ?? 0;
    const model = read.choice("model", ["auto", "tree", "logistic", "knn", "forest"] as const) ?? "auto";
    const mode: TeacherMode = read.choice("teacher", ["auto", "llm", "gold"] as const) ?? "auto";
    const maxLabels = read.number("max-labels", { integer: true, min: 1 }) ?? 300;
    const maxCalls = read.number("budget-calls", { integer: true, min: 1 }) ?? 1000;
    const maxUSD = read.number("budget-usd", { min: 0 });
    const { teacher, line } = resolveTeacher(mode, read.string("cache-dir") ?? ".understudy-cache", "label");
    io.stdout.write(`${line}\n`);

    const emails = await spamAssassinEmails({ rows, seed, onProgress: io.onProgress });
    // The format as a category, so the audit can ask a real fairness question of this data:
    // does the filter hold back HTML mail at a different rate than plain-text mail?
    const rowsWithFormat = emails.map(({ html, ...e }) => ({ ...e, format: html ? "html" : "plain text" }));
    // The sample is fixed by --rows and --seed; its hash lets a reader check they got the same e-mails.
    const sample = { name: `${emails.length} SpamAssassin e-mails`, sha256: createHash("sha256").update(JSON.stringify(rowsWithFormat)).digest("hex") };
    const command = reproducingCommand(demoCommand, values, {
      data: sample,
      extra: { rows: String(rows), seed: String(seed), model, teacher: teacher ? "llm" : "gold", ...(teacher ? { "cache-dir": read.string("cache-dir") ?? ".understudy-cache" } : {}) },
      env: teacher ? { UNDERSTUDY_MODEL: teacher.model } : {},
    });
    const u = await distill({
      data: rowsWithFormat,
      task: "Is this e-mail spam (unsolicited bulk or commercial e-mail) or ham (a legitimate message)?",
      labels: ["spam", "ham"],
      // Both text columns become TF-IDF terms, and LLM concepts read them together.
      text: ["body", "subject"],
      target: "label",
      model,
      seed,
      onProgress: io.onProgress,
      command,
      sensitive: "format",
      intendedUse: "A demonstration: filtering spam from a personal mailbox, with a person checking what the filter holds back.",
      teacher,
      ...(teacher ? { maxLabels, budget: { maxCalls, ...(maxUSD !== undefined ? { maxUSD } : {}) } } : {}),
    });
    const files = await writeModelFiles(u, out, { charts: true, onProgress: io.onProgress });
    io.progressDone();
    const charts = files.filter((f) => f.endsWith(".svg")).length;
    io.stdout.write([
      `Distilled spam detection from ${emails.length} SpamAssassin e-mails (${emails.filter((e) => e.label === "spam").length} spam).`,
      ...summarizeUnderstudy(u),
      `Report: ${resolve(out, "report.html")} (open it in a browser); also report.md, model.json and ${charts} charts (SVG and PNG) in ${resolve(out)}.`,
      "",
    ].join("\n"));
    return 0;
  },
};
