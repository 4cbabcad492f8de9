import type { TeacherFailureCode } from "../llm/teacher.ts";

/**
 * A row the teacher gave no usable answer for: its index, what went wrong as data (`code`,
 * from the teacher's failure, or `invalid_answer` when the answer left the row out, answered it
 * twice or gave a value out of range), and why in words. Callers count and decide by `code`
 * (say, rows blocked by the budget), never by reading `reason`.
 *
 * @example
 * const r = await labelRows({ teacher, task, labels: ["spam", "ham"], rows });
 * const blocked = r.failures.filter((f) => f.code === "budget_exceeded").length;
 */
export interface RowFailure {
  index: number;
  code: TeacherFailureCode;
  reason: string;
}
