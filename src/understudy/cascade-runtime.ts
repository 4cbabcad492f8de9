import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { Teacher } from "../llm/teacher.ts";
import type { Label } from "../models/estimator.ts";
import { labelRows } from "../teach/label-rows.ts";

/** One row's answer in a cascade. */
export interface CascadeAnswer {
  label: Label;
  /** "model": the small model was confident enough; "teacher": the teacher answered; "model-fallback": the teacher was asked but gave no label (unsure or failed), so the small model's answer stands. */
  by: "model" | "teacher" | "model-fallback";
  /** The small model's probability for its own label. */
  confidence: number;
}

/** What `u.cascade(rows)` returns. */
export interface CascadeResult {
  answers: CascadeAnswer[];
  /** The labels alone, one per row. */
  labels: Label[];
  threshold: number;
  /** Share of rows the small model answered without the teacher. */
  coverage: number;
  /** Rows sent to the teacher. */
  sentToTeacher: number;
  /** Paid teacher calls and their cost in this cascade run (cache hits are free). */
  teacherCalls: number;
  costUSD: number;
  /** What sending every row to the teacher would have cost, at this run's cost per row (or distill's when nothing was paid here). */
  llmOnlyCostUSD: number;
  savedUSD: number;
  /**
   * What this threshold did on the held-out test rows at distill time (where the teacher's
   * labels were known): coverage, agreement of the combined answers with the teacher, and
   * accuracy against gold when there was gold. Absent for a threshold other than the one chosen.
   */
  heldOut?: { n: number; coverage: number; agreement: number; accuracy?: number };
}

/** Inputs of {@link runCascade}. */
export interface CascadeInput {
  rows: Record<string, unknown>[];
  predictions: Label[];
  probabilities: number[][];
  classes: Label[];
  threshold: number;
  teacher: Teacher;
  task: string;
  labels: string[];
  /** Columns shown to the teacher (never the target). */
  fields: string[];
  /** Distill's labeling cost per row, used when this run paid nothing (everything cached or confident). */
  costPerRowUSD: number;
  heldOut?: CascadeResult["heldOut"];
}

/**
 * Small model first, teacher when unsure: rows whose top probability is at least the
 * threshold are answered by the small model; the rest are labelled by the teacher (labelRows,
 * one row per call). Counts coverage, calls and cost against sending everything to the teacher.
 *
 * @example
 * const r = await runCascade({ rows, predictions, probabilities, classes, threshold: 0.9, teacher, task, labels, fields, costPerRowUSD: 0.0002 });
 * r.coverage; r.savedUSD;
 */
export async function runCascade(input: CascadeInput): Promise<CascadeResult> {
  const { rows, predictions, probabilities, classes, threshold, teacher } = input;
  if (!(typeof threshold === "number" && threshold >= 0 && threshold <= Infinity) || Number.isNaN(threshold)) {
    throw new UnderstudyError("bad_option", messages.understudy.cascadeThreshold(threshold));
  }
  const confidence = probabilities.map((p, i) => p[classes.indexOf(predictions[i])] ?? 0);
  const answers: CascadeAnswer[] = rows.map((_, i) => ({ label: predictions[i], by: "model", confidence: confidence[i] }));
  const unsure = rows.map((_, i) => i).filter((i) => !(confidence[i] >= threshold));
  const before = { calls: teacher.stats.teacherCalls, cost: teacher.stats.costUSD };
  if (unsure.length) {
    const result = await labelRows({ teacher, task: input.task, labels: input.labels, rows: unsure.map((i) => rows[i]), fields: input.fields, batchSize: 1 });
    unsure.forEach((i, k) => {
      const label = result.labels[k];
      answers[i] = label === null ? { ...answers[i], by: "model-fallback" } : { label, by: "teacher", confidence: confidence[i] };
    });
  }
  const teacherCalls = teacher.stats.teacherCalls - before.calls;
  const costUSD = teacher.stats.costUSD - before.cost;
  const perRow = unsure.length > 0 && costUSD > 0 ? costUSD / unsure.length : input.costPerRowUSD;
  const llmOnlyCostUSD = perRow * rows.length;
  return {
    answers,
    labels: answers.map((a) => a.label),
    threshold,
    coverage: rows.length ? (rows.length - unsure.length) / rows.length : 0,
    sentToTeacher: unsure.length,
    teacherCalls,
    costUSD,
    llmOnlyCostUSD,
    savedUSD: Math.max(0, llmOnlyCostUSD - costUSD),
    ...(input.heldOut ? { heldOut: input.heldOut } : {}),
  };
}
