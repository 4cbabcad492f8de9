import { z } from "zod";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { DistillOptions } from "./distill-options.ts";
import { chatBody } from "../llm/chat-body.ts";
import { completionEstimate } from "../llm/completion-estimate.ts";
import { costOf } from "../llm/cost-of.ts";
import { estimatePromptTokens } from "../llm/estimate-tokens.ts";
import { exportBatch, type BatchExport, type BatchTarget } from "../llm/export-batch.ts";
import { priceOf } from "../llm/price-of.ts";
import type { Teacher, TeacherRequest, TeacherResult } from "../llm/teacher.ts";
import { createTeacherStats } from "../llm/teacher-stats.ts";
import { TeacherSession } from "../understudy/teacher-session.ts";
import { buyLabels } from "./buy-labels.ts";
import { checkOptions } from "./check-options.ts";
import { loadInputs } from "./load-inputs.ts";
import { runEvents } from "./run-events.ts";

/** What a label batch will cost before it is sent (Batch API prices: half the standard ones). */
export interface LabelBatchPlan {
  rows: number;
  requests: number;
  promptTokens: number;
  /** Upper estimate (each request's `maxTokens`, else 50 per answer). */
  completionTokens: number;
  /** undefined when the model has no known price. */
  estimatedUSD: number | undefined;
}

/** The options of distill that decide which labels are asked (the same values give the same requests). */
export type LabelBatchOptions = Pick<DistillOptions, "data" | "sample" | "task" | "labels" | "text" | "target" | "features" | "seed" | "split" | "missing" | "sensitive">;

/**
 * Writes, as an OpenAI Batch API input file, every labeling request that `distill` with the
 * same options will make (validation, test, then every training row; classification), so the
 * labels can be bought at batch prices: upload the file, `importBatch` the output into the
 * same `cacheDir`, then `distill({ ..., teacher: replayTeacher({ cacheDir }) })` pays nothing.
 * `onPlan` gets the cost plan before anything is written. Requests the cache already answers
 * are left out. Needs `labels` (batches are for classification) and no `maxLabels` (active
 * learning asks in rounds that depend on earlier answers).
 *
 * @example
 * const plan = await exportLabelBatch({ data: "big.parquet", sample: 50000, task, labels: ["spam", "ham"] },
 *   { model: "gpt-4o-mini", cacheDir: ".understudy-cache" }, "out/labels.jsonl", (p) => console.log(p.estimatedUSD));
 */
export async function exportLabelBatch(
  options: LabelBatchOptions, target: BatchTarget, path: string, onPlan?: (plan: LabelBatchPlan) => void,
): Promise<BatchExport & { plan: LabelBatchPlan }> {
  if (!options?.labels) throw new UnderstudyError("bad_labels", messages.distill.batchNeedsLabels());
  const checked = checkOptions({ ...options, teacher: undefined } as DistillOptions);
  const events = runEvents(undefined);
  const inputs = await loadInputs(checked, events);
  const requests: TeacherRequest<unknown>[] = [];
  const session = new TeacherSession(recordingTeacher(target.model, requests), undefined);
  try {
    await buyLabels({ ...checked, maxLabels: undefined, budget: undefined }, inputs, session, events);
  } catch (e) {
    // Every row is answered "unsure" while recording, so too few labels is the expected end.
    if (!(e instanceof UnderstudyError && e.code === "too_few_labels")) throw e;
  }
  const plan = planOf(requests, target, inputs.rows.length);
  onPlan?.(plan);
  return { ...(await exportBatch(target, requests, path)), plan };
}

function planOf(requests: TeacherRequest<unknown>[], target: BatchTarget, rows: number): LabelBatchPlan {
  let promptTokens = 0;
  let completionTokens = 0;
  for (const r of requests) {
    promptTokens += estimatePromptTokens(chatBody(target.model, r, target.structuredOutput ?? "json_schema"));
    completionTokens += completionEstimate(r, r.samples ?? 1);
  }
  const price = priceOf(target.model);
  const estimatedUSD = price ? costOf({ promptTokens, completionTokens }, price) / 2 : undefined;
  return { rows, requests: requests.length, promptTokens, completionTokens, estimatedUSD };
}

/**
 * A teacher that keeps each request and answers every row "unsure": the label stage then asks
 * exactly its first pass (no single-row retries, which only follow invalid answers).
 */
function recordingTeacher(model: string, requests: TeacherRequest<unknown>[]): Teacher {
  return {
    kind: "llm",
    model,
    stats: createTeacherStats(),
    async ask<T>(request: TeacherRequest<T>): Promise<TeacherResult<T>> {
      requests.push(request as TeacherRequest<unknown>);
      const json = z.toJSONSchema(request.schema) as { properties?: { answers?: { items?: { properties?: { id?: { enum?: string[] } } } } } };
      const ids = json.properties?.answers?.items?.properties?.id?.enum ?? [];
      const data = { answers: ids.map((id) => ({ id, label: "unsure", confidence: 0 })) } as T;
      return { ok: true, data, usage: { promptTokens: 0, completionTokens: 0 }, cached: false, key: "recorded" };
    },
  };
}
