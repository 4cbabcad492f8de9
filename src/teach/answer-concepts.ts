import { z } from "zod";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { ProgressCallback } from "../core/progress.ts";
import type { Concept, ConceptAnswers } from "../features/concept-detectors.ts";
import type { Teacher } from "../llm/teacher.ts";
import type { RowFailure } from "./row-failure.ts";
import { prompts } from "./prompts.ts";
import { rowContent } from "../data/row-content.ts";

/** Options for {@link answerConcepts}. */
export interface AnswerConceptsOptions {
  /** Who answers: an LLM (`openaiTeacher`) or any {@link Teacher}. */
  teacher: Teacher;
  /** The questions, from {@link proposeConcepts}; at least one. */
  concepts: readonly Concept[];
  /** Rows to answer for (strings or objects); one call per row. */
  rows: readonly unknown[];
  /** Fields of object rows shown. Default: all. */
  fields?: readonly string[];
  /** Calls in flight at once. Default 4. */
  concurrency?: number;
  /** Called as rows are answered (phase "concepts"). */
  onProgress?: ProgressCallback;
}

/** What {@link answerConcepts} returns: one answer object (or null when the call failed) per row. */
export interface AnswerConceptsResult {
  answers: ConceptAnswers[];
  failures: RowFailure[];
  calls: number;
  promptVersion: string;
}

/**
 * Has the teacher answer all K concept questions for a row in ONE call (the schema is an
 * object with one boolean per concept id). These answers train the concept detectors.
 *
 * @example
 * const { answers } = await answerConcepts({ teacher, concepts, rows: emails });
 * answers[0]; // { c1: true, c2: false, ... }
 */
export async function answerConcepts(options: AnswerConceptsOptions): Promise<AnswerConceptsResult> {
  const { teacher, concepts, rows } = options;
  if (!concepts.length) throw new UnderstudyError("bad_concepts", messages.teach.noConcepts());
  const schema = z.object(Object.fromEntries(concepts.map((c) => [c.id, z.boolean()]))).strict();
  const answers: ConceptAnswers[] = rows.map(() => null);
  const failures: RowFailure[] = [];
  let next = 0;
  let done = 0;
  const lane = async (): Promise<void> => {
    while (next < rows.length) {
      const i = next++;
      const chat = prompts.answerConcepts.build({ questions: concepts, content: rowContent(rows[i], options.fields) });
      const r = await teacher.ask({ messages: chat, schemaName: "concept_answers", schema, purpose: "concepts" });
      if (r.ok) answers[i] = r.data as Record<string, boolean>;
      else failures.push({ index: i, code: r.code, reason: r.reason });
      options.onProgress?.({ phase: "concepts", done: ++done, total: rows.length });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, rows.length)) }, lane));
  failures.sort((a, b) => a.index - b.index);
  return { answers, failures, calls: rows.length, promptVersion: prompts.answerConcepts.version };
}
