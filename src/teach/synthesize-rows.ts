import { z } from "zod";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { ProgressCallback } from "../core/progress.ts";
import type { Teacher, TeacherFailureCode } from "../llm/teacher.ts";
import type { PromptColumn } from "./prompts.ts";
import { prompts } from "./prompts.ts";
import { sampleByLabel } from "./sample-by-label.ts";

/** Lineage of one synthetic row: always `synthetic: true`, so it is never used for evaluation. */
export interface SyntheticLineage {
  synthetic: true;
  label: string;
  promptVersion: string;
  model: string;
}

/** Options for {@link synthesizeRows}. */
export interface SynthesizeRowsOptions {
  /** Who answers: an LLM (`openaiTeacher`) or any {@link Teacher}. */
  teacher: Teacher;
  /** The task in one sentence, e.g. "Is this email spam?". */
  task: string;
  /** The label set. */
  labels: readonly string[];
  /** The columns a row has ("number", "boolean" or anything else for text). */
  columns: readonly PromptColumn[];
  /** Real labeled rows to show as examples (optional: a cold start has none). */
  examples?: readonly { row: Record<string, unknown>; label: string }[];
  /** Rows wanted per label. Default: enough to bring every label to `fillTo`. */
  perLabel?: Readonly<Record<string, number>>;
  /** With no `perLabel`: write rows for labels with fewer than this many examples, up to it. Default 10. */
  fillTo?: number;
  /** Rows asked per call. Default 10. */
  perCall?: number;
  /** Examples shown per call. Default 6. */
  exampleCount?: number;
  /** Seed for choosing the examples shown. Default 0. */
  seed?: number;
  /** Called after each call that returned rows (phase "synthesize"). */
  onProgress?: ProgressCallback;
}

/** What {@link synthesizeRows} returns: rows, their labels and lineage, index-aligned. */
export interface SynthesizeRowsResult {
  rows: Record<string, unknown>[];
  labels: string[];
  lineage: SyntheticLineage[];
  /** Calls that failed, by label; `code` says what went wrong as data (see `TeacherFailureCode`). */
  failures: { label: string; code: TeacherFailureCode; reason: string }[];
  calls: number;
}

/**
 * Has the teacher write labeled example rows for rare labels or a cold start. The label is
 * fixed per call (the teacher is asked for rows of one label), every value is checked
 * against the column types, and each row's lineage says `synthetic: true` — keep them out of
 * every evaluation split (train on them only). A label whose calls fail twice in a row is
 * given up; the reasons are in `failures`.
 *
 * @example
 * const s = await synthesizeRows({ teacher, task, labels: ["spam", "ham"], columns: [{ name: "body", type: "text" }], examples, fillTo: 20 });
 * s.rows[0];     // { body: "..." }
 * s.lineage[0];  // { synthetic: true, label: "spam", promptVersion: "synthesize@1", model: "gpt-4o-mini" }
 */
export async function synthesizeRows(options: SynthesizeRowsOptions): Promise<SynthesizeRowsResult> {
  const { teacher, labels, columns } = options;
  if (!columns.length) throw new UnderstudyError("bad_option", messages.teach.noColumnsToSynthesize());
  const examples = options.examples ?? [];
  const want: Record<string, number> = {};
  if (options.perLabel) {
    for (const [label, n] of Object.entries(options.perLabel)) {
      if (!labels.includes(label)) throw new UnderstudyError("bad_labels", messages.teach.perLabelUnknown(label, labels));
      want[label] = n;
    }
  } else {
    const fillTo = options.fillTo ?? 10;
    for (const l of labels) want[l] = Math.max(0, fillTo - examples.filter((e) => e.label === l).length);
  }
  const cell = (c: PromptColumn) => (c.type === "number" ? z.number().nullable() : c.type === "boolean" ? z.boolean().nullable() : z.string().max(20000));
  const rowSchema = z.object(Object.fromEntries(columns.map((c) => [c.name, cell(c)]))).strict();
  const perCall = options.perCall ?? 10;
  const out: SynthesizeRowsResult = { rows: [], labels: [], lineage: [], failures: [], calls: 0 };
  const total = Object.values(want).reduce((a, b) => a + b, 0);
  let seed = options.seed ?? 0;
  for (const label of labels) {
    let remaining = want[label] ?? 0;
    let failuresInARow = 0;
    while (remaining > 0 && failuresInARow < 2) {
      const count = Math.min(perCall, remaining);
      const shown = sampleByLabel(examples.map((e) => e.label), options.exampleCount ?? 6, seed++);
      const chat = prompts.synthesize.build({
        task: options.task, labels, label, count, columns,
        examples: shown.map((i) => ({ content: examples[i].row, label: examples[i].label })),
      });
      const schema = z.object({ rows: z.array(rowSchema).min(1).max(count) });
      out.calls++;
      const r = await teacher.ask({ messages: chat, schemaName: "synthetic_rows", schema, purpose: "synthesize", temperature: 0.8 });
      if (!r.ok) { out.failures.push({ label, code: r.code, reason: r.reason }); failuresInARow++; continue; }
      failuresInARow = 0;
      for (const row of r.data.rows) {
        out.rows.push(row as Record<string, unknown>);
        out.labels.push(label);
        out.lineage.push({ synthetic: true, label, promptVersion: prompts.synthesize.version, model: teacher.model });
      }
      remaining -= r.data.rows.length;
      options.onProgress?.({ phase: "synthesize", done: out.rows.length, total });
    }
  }
  return out;
}
