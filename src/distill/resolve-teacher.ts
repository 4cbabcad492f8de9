import { UnderstudyError } from "../core/errors.ts";
import { logger } from "../core/logger.ts";
import { messages } from "../core/messages/index.ts";
import { defaultTeacher } from "../llm/default-teacher.ts";
import type { Teacher } from "../llm/teacher.ts";
import type { CheckedOptions } from "./check-options.ts";
import type { RunEvents } from "./run-events.ts";

/** Who teaches this run, and which LLM-only features are on. */
export interface ResolvedTeacher {
  /** Absent when the gold `target` column teaches. */
  teacher?: Teacher;
  /** The teacher's own `kind`, or "gold" when the target column teaches. */
  kind: "llm" | "function" | "replay" | "gold";
  /** Said in the report when the gold labels teach. */
  note?: string;
  /** LLM concepts, expressions and rules: on by default with an LLM teacher or its replay. */
  llmFeatures: { concepts: boolean; expressions: boolean; rules: boolean };
}

/** The options {@link resolveTeacher} reads. */
export type TeacherOptions = Pick<CheckedOptions, "teacher" | "target" | "concepts" | "expressions" | "rules">;

/**
 * Stage 3: the teacher is `teacher`, else the environment's, else the gold `target` column
 * (LLM-only features are then skipped, said in one line), else a clear error. What a teacher
 * is comes from its declared `kind`, never from its methods: a replay of an LLM run is treated
 * as that LLM (the same features on by default, so it rebuilds the same model).
 *
 * @example
 * resolveTeacher({ teacher: replayTeacher({ cacheDir }) }, events).llmFeatures.concepts; // true
 */
export function resolveTeacher(o: TeacherOptions, events: RunEvents): ResolvedTeacher {
  const teacher = o.teacher === false ? undefined : o.teacher ?? defaultTeacher();
  if (teacher) {
    const llm = teacher.kind === "llm" || teacher.kind === "replay";
    const expressions = o.expressions ?? llm;
    return { teacher, kind: teacher.kind, llmFeatures: { concepts: o.concepts === undefined ? llm : o.concepts !== false, expressions, rules: o.rules ?? expressions } };
  }
  if (!o.target) throw new UnderstudyError("no_teacher", o.teacher === false ? messages.distill.teacherFalseNoTarget() : messages.distill.noTeacher());
  const note = o.teacher === false
    ? `teacher: false, so the gold labels in column "${o.target}" teach (no LLM is asked, whatever the environment configures); LLM-only features (concepts, expressions, rules) are skipped.`
    : `No teacher is configured, so the gold labels in column "${o.target}" teach; LLM-only features (concepts, expressions, rules) are skipped. Set OPENAI_API_KEY or OPENAI_BASE_URL (and UNDERSTUDY_MODEL), or pass teacher:, to distill from an LLM.`;
  events.progress("load", 1, 1, note);
  logger().info?.(note);
  if (o.concepts || o.expressions || o.rules) events.warn("concepts, expressions and rules need a teacher to propose them; they were skipped because the gold labels teach.");
  return { kind: "gold", note, llmFeatures: { concepts: false, expressions: false, rules: false } };
}

/**
 * The teacher note of a replay: whose answers rebuilt the model, and that none was paid for.
 *
 * @example
 * replayNote({ kind: "llm", model: "gpt-4o-mini", cacheDir: ".understudy-cache" });
 * // "Replayed from the cached answers of gpt-4o-mini (.understudy-cache): ..."
 */
export function replayNote(replays: NonNullable<Teacher["replays"]>): string {
  return `Replayed from the cached answers of ${replays.model} (${replays.cacheDir}): every answer came from that run's cache, no call was paid for, and concepts, expressions and rules were rebuilt from the same answers, so the model is the one that run built.`;
}
