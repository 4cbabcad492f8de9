import { z } from "zod";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { logger } from "../core/logger.ts";
import type { Concept } from "../features/concept-detectors.ts";
import type { Teacher, TeacherFailureCode } from "../llm/teacher.ts";
import { prompts } from "./prompts.ts";
import { rowContent } from "../data/row-content.ts";
import { sampleByLabel } from "./sample-by-label.ts";

/** Options for {@link proposeConcepts}. */
export interface ProposeConceptsOptions {
  /** Who answers: an LLM (`openaiTeacher`) or any {@link Teacher}. */
  teacher: Teacher;
  /** The task in one sentence, e.g. "Is this email spam?". */
  task: string;
  /** The label set. */
  labels: readonly string[];
  /** Rows (strings or objects) with their labels (null = unlabeled, not shown). */
  rows: readonly unknown[];
  /** One label (or null) per row. */
  rowLabels: readonly (string | null)[];
  /** Fields of object rows shown. Default: all. */
  fields?: readonly string[];
  /** Most questions to ask for. Default 8. */
  k?: number;
  /** Labeled rows shown, balanced across labels. Default 24. */
  sampleSize?: number;
  /** Seed for the sample. Default 0. */
  seed?: number;
}

/** What {@link proposeConcepts} returns; `failure` is set when the teacher gave no valid answer. */
export interface ProposeConceptsResult {
  concepts: Concept[];
  promptVersion: string;
  failure?: string;
  /** What went wrong, as data, when `failure` is set: decide by this, never by reading `failure`. */
  failureCode?: TeacherFailureCode;
}

/**
 * Asks the teacher for up to K yes/no questions about a text that tell the labels apart
 * (discriminative, observable in the text, not overlapping), from a label-balanced sample
 * of labeled rows. Questions get ids c1, c2, ...; repeated questions are dropped.
 *
 * @example
 * const { concepts } = await proposeConcepts({ teacher, task: "Is this email spam?", labels: ["spam", "ham"], rows: emails, rowLabels: labels, k: 8 });
 * concepts[0]; // { id: "c1", question: "Does the email promise money or prizes?", promptVersion: "concepts-propose@1" }
 */
export async function proposeConcepts(options: ProposeConceptsOptions): Promise<ProposeConceptsResult> {
  const { teacher, rows, rowLabels } = options;
  if (rows.length !== rowLabels.length) throw new UnderstudyError("length_mismatch", messages.teach.rowsLabelsLength("proposeConcepts", rows.length, rowLabels.length));
  const k = options.k ?? 8;
  if (!Number.isInteger(k) || k < 1 || k > 50) throw new UnderstudyError("bad_option", messages.teach.conceptCount(k));
  const sample = sampleByLabel(rowLabels, options.sampleSize ?? 24, options.seed ?? 0);
  const version = prompts.proposeConcepts.version;
  const chat = prompts.proposeConcepts.build({
    task: options.task, labels: options.labels, k,
    examples: sample.map((i) => ({ content: rowContent(rows[i], options.fields), label: rowLabels[i]! })),
  });
  const schema = z.object({ concepts: z.array(z.object({ question: z.string().min(5).max(300) })).min(1).max(k) });
  const answer = await teacher.ask({ messages: chat, schemaName: "concepts", schema, purpose: "concepts" });
  if (!answer.ok) {
    logger().warn(`the teacher proposed no concepts: ${answer.reason}.`);
    return { concepts: [], promptVersion: version, failure: answer.reason, failureCode: answer.code };
  }
  const seen = new Set<string>();
  const concepts: Concept[] = [];
  for (const { question } of answer.data.concepts) {
    const text = question.trim().replace(/\s+/g, " ");
    const key = text.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    concepts.push({ id: `c${concepts.length + 1}`, question: text, promptVersion: version });
  }
  return { concepts, promptVersion: version };
}
