import { UnderstudyError } from "../core/errors.ts";
import { checkRequest } from "./check-request.ts";
import { modalAnswer } from "./modal-answer.ts";
import { parseAnswer } from "./parse-answer.ts";
import type { Teacher, TeacherRequest, TeacherResult } from "./teacher.ts";
import { countInStats, createTeacherStats } from "./teacher-stats.ts";

/**
 * Any function as the teacher: a heuristic, another model, a human review queue, or gold
 * labels standing in for an LLM. The function receives the request and returns the answer
 * (or a promise of it); the answer is validated against the request's schema like any LLM's,
 * so it must have that schema's shape (`labelRows`, for one, asks for
 * `{ answers: [{ id, label, confidence }] }`; a wrong shape is a failure, not a label).
 * Calls are counted in `stats.teacherCalls`; they cost nothing. With `samples: k` the function
 * is called k times and the modal answer returned, with the share agreeing as confidence.
 *
 * @example
 * const teacher = functionTeacher((req) => ({ label: req.messages.at(-1)!.content.includes("$$$") ? "spam" : "ham" }));
 */
export function functionTeacher(
  fn: (request: TeacherRequest<unknown>) => unknown | Promise<unknown>,
  { model = "function" }: { model?: string } = {},
): Teacher {
  if (typeof fn !== "function") {
    throw new UnderstudyError("bad_teacher", "functionTeacher(fn): fn must be a function that returns the answer object.");
  }
  const stats = createTeacherStats();
  let calls = 0;
  return {
    kind: "function",
    model,
    stats,
    async ask<T>(request: TeacherRequest<T>): Promise<TeacherResult<T>> {
      checkRequest(request as TeacherRequest<unknown>);
      countInStats(stats, request.purpose, { teacherCalls: 1 });
      const key = `function:${++calls}`;
      const samples: T[] = [];
      // `samples: k` calls the function k times (it may be random) and votes, as with an LLM.
      for (let i = 0; i < (request.samples ?? 1); i++) {
        let answer: unknown;
        try {
          answer = await fn(request as TeacherRequest<unknown>);
        } catch (error) {
          countInStats(stats, request.purpose, { failures: 1 });
          return { ok: false, reason: `the teacher function threw: ${(error as Error)?.message ?? String(error)}`, key };
        }
        // Through JSON, as an LLM's answer would come: what JSON cannot carry is not an answer.
        const raw = JSON.stringify(answer);
        const parsed = parseAnswer(raw, request.schema);
        if (!parsed.success) {
          countInStats(stats, request.purpose, { failures: 1 });
          return { ok: false, reason: parsed.reason, raw: raw?.slice(0, 2000), key };
        }
        samples.push(parsed.data);
      }
      const usage = { promptTokens: 0, completionTokens: 0 };
      if (samples.length > 1) {
        const mode = modalAnswer(samples);
        return { ok: true, data: mode.answer, samples, confidence: mode.agreement, confidenceSource: "self-consistency", usage, cached: false, key };
      }
      return { ok: true, data: samples[0], usage, cached: false, key };
    },
  };
}
