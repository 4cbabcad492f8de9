import { UnderstudyError } from "../core/errors.ts";
import type { Teacher, TeacherRequest, TeacherResult, TeacherStats } from "./teacher.ts";

/**
 * Any function as the teacher: a heuristic, another model, a human review queue, or gold
 * labels standing in for an LLM. The function receives the request and returns the answer
 * (or a promise of it); the answer is validated against the request's schema like any LLM's.
 * Calls are counted in `stats.teacherCalls`; they cost nothing.
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
  const stats: TeacherStats = {
    teacherCalls: 0,
    cacheHits: 0,
    failures: 0,
    retries: 0,
    promptTokens: 0,
    completionTokens: 0,
    costUSD: 0,
  };
  return {
    model,
    stats,
    async ask<T>(request: TeacherRequest<T>): Promise<TeacherResult<T>> {
      stats.teacherCalls++;
      const key = `function:${stats.teacherCalls}`;
      let answer: unknown;
      try {
        answer = await fn(request as TeacherRequest<unknown>);
      } catch (error) {
        stats.failures++;
        return { ok: false, reason: `the teacher function threw: ${(error as Error)?.message ?? String(error)}`, key };
      }
      const parsed = request.schema.safeParse(answer);
      if (!parsed.success) {
        stats.failures++;
        const issue = parsed.error.issues[0];
        return {
          ok: false,
          reason: `answer broke the schema: ${issue?.path.join(".") || "(root)"}: ${issue?.message}`,
          raw: JSON.stringify(answer)?.slice(0, 2000),
          key,
        };
      }
      return { ok: true, data: parsed.data, usage: { promptTokens: 0, completionTokens: 0 }, cached: false, key };
    },
  };
}
