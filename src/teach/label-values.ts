import { z } from "zod";
import { UnderstudyError } from "../core/errors.ts";
import type { ProgressCallback } from "../core/progress.ts";
import type { Teacher, TeacherFailureCode, TeacherResult } from "../llm/teacher.ts";
import { askInBatches } from "./label-batches.ts";
import { prompts } from "./prompts.ts";
import { rowContent } from "./row-content.ts";

/** Options for {@link labelValues}. */
export interface LabelValuesOptions {
  /** Who answers: an LLM (`openaiTeacher`) or any {@link Teacher}. */
  teacher: Teacher;
  /** The task in one sentence, naming the quantity and its unit, e.g. "Body mass of this penguin in grams?". */
  task: string;
  /** Rows to label: strings, or objects. */
  rows: readonly unknown[];
  /** Fields of object rows shown to the teacher. Default: all. */
  fields?: readonly string[];
  /** Inclusive [min, max] every answer must lie within; an answer outside is a recorded failure, never clipped. Default: any finite number. */
  range?: readonly [number, number];
  /** Rows per call. Default 1. */
  batchSize?: number;
  /** Let the teacher answer null ("unsure": counted, value null). Default true. */
  allowUnsure?: boolean;
  /** Re-ask rows of a failed or incomplete batch one at a time. Default true. */
  retrySingles?: boolean;
  /** Calls in flight at once. Default 4. */
  concurrency?: number;
  /**
   * Called (phase "label") once after each teacher call that returns an answer, with `done` = rows
   * answered so far (a value or unsure); out-of-range and failed rows are not counted.
   */
  onProgress?: ProgressCallback;
}

/** One row's numeric outcome. `value` is null when the teacher was unsure or the row failed. */
export interface RowValue {
  index: number;
  value: number | null;
  unsure: boolean;
  /** Why the row has no value (never coerced into one). */
  failure?: string;
  /** The teacher's failure code when the failure was the teacher's (e.g. "budget_exceeded"). */
  failureCode?: TeacherFailureCode;
}

/** What {@link labelValues} returns. */
export interface LabelValuesResult {
  /** One value per row, null where unsure or failed. */
  values: (number | null)[];
  rows: RowValue[];
  /** Rows the teacher answered null (unsure). */
  unsure: number;
  failures: { index: number; reason: string; code?: TeacherFailureCode }[];
  /** Teacher requests made (cache hits included). */
  calls: number;
  promptVersion: string;
}

/**
 * Labels rows with a number each (regression), several rows per call, batched and retried as
 * `labelRows` does, with rows delimited the same way. The answer schema asks for a
 * finite number (or null for "unsure", counted) per row id; a row whose number lies outside
 * `range` is a recorded failure with the value it gave, and a batch whose answer is not
 * numbers fails as a whole, its rows then re-asked one at a time. Nothing is coerced: "12 kg",
 * "about 3" or 1e999 are failures, not values.
 *
 * @example
 * const r = await labelValues({ teacher, task: "Body mass of this penguin in grams?", rows: penguins, range: [2000, 7000], batchSize: 4 });
 * r.values;   // [3750, 3800, null, ...]
 * r.failures; // [{ index: 7, reason: "answered 250000, outside the range [2000, 7000]" }]
 */
export async function labelValues(options: LabelValuesOptions): Promise<LabelValuesResult> {
  const { teacher, task, rows, range } = options;
  if (!teacher || typeof teacher.ask !== "function") throw new UnderstudyError("bad_teacher", "labelValues: pass a teacher (openaiTeacher, functionTeacher, ...).");
  if (!Array.isArray(rows)) throw new UnderstudyError("bad_input", "labelValues: rows must be an array of strings or objects.");
  if (range !== undefined && !(Array.isArray(range) && range.length === 2 && range.every((v) => typeof v === "number" && Number.isFinite(v)) && range[0] < range[1])) {
    throw new UnderstudyError("bad_option", `labelValues: range must be [min, max], two finite numbers with min < max, got ${JSON.stringify(range)}.`);
  }
  const batchSize = options.batchSize ?? 1;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new UnderstudyError("bad_option", `batchSize must be a whole number >= 1, got ${batchSize}.`);
  const allowUnsure = options.allowUnsure ?? true;
  // Each row's value is checked on its own, so one answer out of range does not void its batch.
  const inRange = range ? z.number().min(range[0]).max(range[1]) : z.number();
  const value = z.number().describe(range ? `a number from ${range[0]} to ${range[1]}` : "a number");

  const result: RowValue[] = rows.map((_, index) => ({ index, value: null, unsure: false }));
  let calls = 0;
  let done = 0;
  const progress = (): void => options.onProgress?.({ phase: "label", done, total: rows.length, message: `${done}/${rows.length} rows labeled` });

  const ask = async (indices: number[]): Promise<number[]> => {
    const ids = indices.map((_, k) => `r${k + 1}`);
    const messages = prompts.labelValue.build({
      task, allowUnsure, ...(range ? { range } : {}),
      rows: indices.map((i, k) => ({ id: ids[k], content: rowContent(rows[i], options.fields) })),
    });
    const item = z.object({ id: z.enum(ids), value: allowUnsure ? value.nullable() : value });
    const schema = z.object({ answers: z.array(item).min(1).max(indices.length * 2) });
    calls++;
    const answer = (await teacher.ask({ messages, schemaName: "values", schema, purpose: "label", temperature: 0 })) as TeacherResult<{ answers: { id: string; value: number | null }[] }>;
    if (!answer.ok) {
      indices.forEach((i) => { result[i].failure = answer.reason; result[i].failureCode = answer.code; });
      return indices;
    }
    const byId = new Map<string, (number | null)[]>();
    for (const a of answer.data.answers) byId.set(a.id, [...(byId.get(a.id) ?? []), a.value]);
    const failed: number[] = [];
    indices.forEach((i, k) => {
      const got = byId.get(ids[k]) ?? [];
      delete result[i].failureCode;
      const r = result[i];
      if (got.length !== 1) {
        r.failure = got.length === 0 ? `row id ${ids[k]} was missing from the answer` : `row id ${ids[k]} was answered ${got.length} times`;
        failed.push(i);
        return;
      }
      delete r.failure;
      const v = got[0];
      r.unsure = v === null;
      if (v !== null && !inRange.safeParse(v).success) {
        // The teacher did answer this row, so it is not re-asked: the value is kept as the reason.
        r.failure = `answered ${v}, outside the range [${range![0]}, ${range![1]}]`;
        return;
      }
      r.value = v;
      done++;
    });
    progress();
    return failed;
  };

  await askInBatches(rows.length, batchSize, options.concurrency ?? 4, options.retrySingles ?? true, ask);
  return {
    values: result.map((r) => r.value),
    rows: result,
    unsure: result.filter((r) => r.unsure).length,
    failures: result.filter((r) => r.failure !== undefined).map((r) => ({ index: r.index, reason: r.failure!, ...(r.failureCode ? { code: r.failureCode } : {}) })),
    calls,
    promptVersion: prompts.labelValue.version,
  };
}
