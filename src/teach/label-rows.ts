import { z } from "zod";
import { UnderstudyError } from "../core/errors.ts";
import type { ProgressCallback } from "../core/progress.ts";
import type { Teacher, TeacherFailureCode, TeacherResult } from "../llm/teacher.ts";
import { askInBatches } from "./label-batches.ts";
import { pickExamples } from "./pick-examples.ts";
import type { ExampleStrategy } from "./pick-examples.ts";
import { prompts } from "./prompts.ts";
import { rowContent, rowText } from "./row-content.ts";

/**
 * The answer the teacher sends for "unsure" when it is allowed (`allowUnsure`, default true).
 * `labelRows` turns it into a `null` label and counts it; it is never a training label.
 */
export const UNSURE = "unsure";

/** Options for {@link labelRows}. */
export interface LabelRowsOptions {
  /** Who answers: an LLM (`openaiTeacher`) or any {@link Teacher}. */
  teacher: Teacher;
  /** The task in one sentence, e.g. "Is this email spam?". */
  task: string;
  /** The label set; answers outside it are rejected by the schema. */
  labels: readonly string[];
  /** Rows to label: strings, or objects. */
  rows: readonly unknown[];
  /** Fields of object rows shown to the teacher. Default: all. */
  fields?: readonly string[];
  /** Rows per call; several short rows per call cut calls. Default 1. */
  batchSize?: number;
  /** Let the teacher answer "unsure" (counted, label null). Default true. */
  allowUnsure?: boolean;
  /** Few-shot examples drawn from rows already labeled. Default: zero-shot. */
  fewShot?: { examples: readonly { row: unknown; label: string }[]; k?: number; strategy?: ExampleStrategy };
  /**
   * Where the confidence comes from: "stated" (the teacher's own number, default),
   * "logprobs" (token probabilities; batches of 1 only), or "self-consistency" (share of
   * `samples` answers that agree, per row).
   */
  confidence?: "stated" | "logprobs" | "self-consistency";
  /** Samples per call for self-consistency. Default 5 when confidence is "self-consistency". */
  samples?: number;
  /** Re-ask rows of a failed or incomplete batch one at a time. Default true. */
  retrySingles?: boolean;
  /** Calls in flight at once. Default 4. */
  concurrency?: number;
  /** Seed for choosing few-shot examples. Default 0. */
  seed?: number;
  /**
   * Called (phase "label") once after each teacher call that returns an answer, with `done` = rows
   * answered so far (a label or unsure); failed rows are not counted.
   */
  onProgress?: ProgressCallback;
}

/** One row's outcome. `label` is null when the teacher was unsure or the row failed. */
export interface RowLabel {
  index: number;
  label: string | null;
  unsure: boolean;
  /** In [0, 1]; null when unknown. */
  confidence: number | null;
  confidenceSource: "stated" | "logprobs" | "self-consistency" | null;
  /** Why the row has no answer (never coerced into a label). */
  failure?: string;
  /** The teacher's failure code when the failure was the teacher's (e.g. "budget_exceeded"). */
  failureCode?: TeacherFailureCode;
}

/** What {@link labelRows} returns. */
export interface LabelRowsResult {
  /** One label per row, null where unsure or failed. */
  labels: (string | null)[];
  rows: RowLabel[];
  /** Rows the teacher answered "unsure". */
  unsure: number;
  failures: { index: number; reason: string; code?: TeacherFailureCode }[];
  /** Teacher requests made (cache hits included). */
  calls: number;
  promptVersion: string;
}

/**
 * Labels rows with the teacher, zero-shot or few-shot, several rows per call. Each answer
 * is checked: the label is one of `labels` (or "unsure", counted separately), and in a
 * batch every row id comes back exactly once. Rows that get no valid answer are recorded as
 * failures with the reason, never guessed. Rows are delimited in the prompt so their text
 * cannot change the instructions or the label set.
 *
 * @example
 * const r = await labelRows({ teacher, task: "Is this email spam?", labels: ["spam", "ham"], rows: emails, batchSize: 8 });
 * r.labels;   // ["spam", "ham", null, ...]
 * r.unsure;   // 1
 */
export async function labelRows(options: LabelRowsOptions): Promise<LabelRowsResult> {
  const { teacher, task, labels, rows } = options;
  if (!teacher || typeof teacher.ask !== "function") throw new UnderstudyError("bad_teacher", "labelRows: pass a teacher (openaiTeacher, functionTeacher, ...).");
  if (!Array.isArray(labels) || labels.length < 2 || new Set(labels).size !== labels.length || labels.some((l) => typeof l !== "string" || l === "")) {
    throw new UnderstudyError("bad_labels", `labelRows: labels must be at least two distinct non-empty strings, got ${JSON.stringify(labels)}.`);
  }
  const allowUnsure = options.allowUnsure ?? true;
  if (allowUnsure && labels.includes(UNSURE)) throw new UnderstudyError("bad_labels", `labelRows: "${UNSURE}" is reserved; rename that label or pass allowUnsure: false.`);
  if (!Array.isArray(rows)) throw new UnderstudyError("bad_input", "labelRows: rows must be an array of strings or objects.");
  const batchSize = options.batchSize ?? 1;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new UnderstudyError("bad_option", `batchSize must be a whole number >= 1, got ${batchSize}.`);
  const mode = options.confidence ?? "stated";
  if (mode === "logprobs" && batchSize > 1) throw new UnderstudyError("bad_option", 'confidence "logprobs" needs batchSize 1: token probabilities cannot be split between rows of one answer.');
  const samples = mode === "self-consistency" ? options.samples ?? 5 : 1;
  const answerLabels = allowUnsure ? [...labels, UNSURE] : [...labels];

  const result: RowLabel[] = rows.map((_, index) => ({ index, label: null, unsure: false, confidence: null, confidenceSource: null }));
  let calls = 0;
  let done = 0;
  const progress = (): void => options.onProgress?.({ phase: "label", done, total: rows.length, message: `${done}/${rows.length} rows labeled` });

  const pool = options.fewShot?.examples ?? [];
  const stray = pool.find((e) => !labels.includes(e.label));
  if (stray) throw new UnderstudyError("bad_labels", `labelRows: a few-shot example has label ${JSON.stringify(stray.label)}, which is not one of ${JSON.stringify(labels)}.`);
  const poolTexts = pool.map((e) => rowText(e.row, options.fields));
  const exampleK = options.fewShot?.k ?? 4;
  const strategy = options.fewShot?.strategy ?? "similarity";
  // Diversity does not depend on the batch, so it is chosen once.
  const fixedExamples = pool.length && strategy !== "similarity" ? pickExamples(poolTexts, [], exampleK, strategy, options.seed ?? 0) : undefined;

  const ask = async (indices: number[]): Promise<number[]> => {
    const ids = indices.map((_, k) => `r${k + 1}`);
    const exampleIdx = !pool.length
      ? []
      : fixedExamples ?? pickExamples(poolTexts, indices.map((i) => rowText(rows[i], options.fields)), exampleK, "similarity", options.seed ?? 0);
    const messages = prompts.label.build({
      task, labels, allowUnsure,
      rows: indices.map((i, k) => ({ id: ids[k], content: rowContent(rows[i], options.fields) })),
      examples: exampleIdx.map((e) => ({ content: rowContent(pool[e].row, options.fields), label: pool[e].label })),
    });
    const item = mode === "logprobs"
      ? z.object({ id: z.enum(ids), label: z.enum(answerLabels) })
      : z.object({ id: z.enum(ids), label: z.enum(answerLabels), confidence: z.number().min(0).max(1) });
    const schema = z.object({ answers: z.array(item).min(1).max(indices.length * 2) });
    calls++;
    const answer = (await teacher.ask({
      messages, schemaName: "labels", schema, purpose: "label", temperature: samples > 1 ? 0.7 : 0,
      ...(mode === "logprobs" ? { logprobs: true } : {}),
      ...(samples > 1 ? { samples } : {}),
    })) as TeacherResult<{ answers: { id: string; label: string; confidence?: number }[] }>;
    if (!answer.ok) {
      indices.forEach((i) => { result[i].failure = answer.reason; result[i].failureCode = answer.code; });
      return indices;
    }
    const byId = new Map<string, { label: string; confidence?: number }[]>();
    for (const a of answer.data.answers) byId.set(a.id, [...(byId.get(a.id) ?? []), a]);
    const failed: number[] = [];
    indices.forEach((i, k) => {
      const got = byId.get(ids[k]) ?? [];
      delete result[i].failureCode;
      if (got.length !== 1) {
        result[i].failure = got.length === 0 ? `row id ${ids[k]} was missing from the answer` : `row id ${ids[k]} was answered ${got.length} times`;
        failed.push(i);
        return;
      }
      const r = result[i];
      delete r.failure;
      r.unsure = got[0].label === UNSURE;
      r.label = r.unsure ? null : got[0].label;
      if (mode === "self-consistency" && answer.samples?.length) {
        const votes = answer.samples.map((s) => s.answers.find((a) => a.id === ids[k])?.label);
        r.confidence = votes.filter((v) => v === got[0].label).length / votes.length;
        r.confidenceSource = "self-consistency";
      } else if (mode === "logprobs" && answer.confidence !== undefined) {
        r.confidence = answer.confidence;
        r.confidenceSource = "logprobs";
      } else if (got[0].confidence !== undefined) {
        r.confidence = got[0].confidence;
        r.confidenceSource = "stated";
      }
      done++;
    });
    progress();
    return failed;
  };

  await askInBatches(rows.length, batchSize, options.concurrency ?? 4, options.retrySingles ?? true, ask);
  return {
    labels: result.map((r) => r.label),
    rows: result,
    unsure: result.filter((r) => r.unsure).length,
    failures: result.filter((r) => r.failure !== undefined).map((r) => ({ index: r.index, reason: r.failure!, ...(r.failureCode ? { code: r.failureCode } : {}) })),
    calls,
    promptVersion: prompts.label.version,
  };
}
