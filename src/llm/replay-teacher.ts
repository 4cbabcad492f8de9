import { UnderstudyError } from "../core/errors.ts";
import { AnswerCache } from "./answer-cache.ts";
import { answerFromEntry } from "./answer-from-entry.ts";
import { cacheKey } from "./cache-key.ts";
import { checkRequest } from "./check-request.ts";
import type { Teacher, TeacherRequest, TeacherResult } from "./teacher.ts";
import { countInStats, createTeacherStats } from "./teacher-stats.ts";

/** The teacher {@link replayTeacher} returns; its model is known once the cache was read. */
export interface ReplayTeacher extends Teacher {
  readonly cacheDir: string;
}

/**
 * A teacher that answers only from a cache directory written by `openaiTeacher` or
 * `importBatch`: no network, no key, no cost. Reproduces a run exactly, offline. A request
 * that is not in the cache rejects with an UnderstudyError (`not_cached`). `model` defaults to
 * the one model the cache recorded (an error asks you to choose when it holds several).
 * Cached answers are validated again with the request's schema.
 *
 * @example
 * const teacher = replayTeacher({ cacheDir: ".understudy-cache" });
 * const result = await teacher.ask(request); // result.cached === true
 */
export function replayTeacher({ cacheDir, model }: { cacheDir: string; model?: string }): ReplayTeacher {
  const cache = new AnswerCache(cacheDir);
  const stats = createTeacherStats();
  let resolved: string | undefined = model;

  async function modelName(): Promise<string> {
    if (resolved !== undefined) return resolved;
    const models = await cache.models();
    if (models.length === 0) {
      throw new UnderstudyError("not_cached", `replayTeacher: the cache at ${cacheDir} is empty: run with a live teacher first or import a batch.`);
    }
    if (models.length > 1) {
      throw new UnderstudyError("ambiguous_model", `replayTeacher: the cache at ${cacheDir} holds answers from several models (${models.join(", ")}): pass model.`);
    }
    resolved = models[0];
    return resolved;
  }

  return {
    kind: "replay",
    get replays() { return resolved === undefined ? undefined : { kind: "llm" as const, model: resolved, cacheDir }; },
    cacheDir,
    get model() {
      return resolved ?? "replay";
    },
    stats,
    async ask<T>(request: TeacherRequest<T>): Promise<TeacherResult<T>> {
      checkRequest(request as TeacherRequest<unknown>);
      const name = await modelName();
      const key = cacheKey(name, request as TeacherRequest<unknown>);
      const entry = await cache.get(key);
      if (!entry || !entry.complete) {
        const last = request.messages.at(-1)?.content ?? "";
        throw new UnderstudyError(
          "not_cached",
          `not in the cache: a ${request.schemaName} request for model ${name} (key ${key.slice(0, 12)}…, last message "${last.slice(0, 60)}${last.length > 60 ? "…" : ""}") is not in ${cacheDir}${entry ? " (only some of its samples are)" : ""}; run with a live teacher first or import a batch.`,
        );
      }
      const result = answerFromEntry(entry, request, { cached: true });
      countInStats(stats, request.purpose, result.ok ? { cacheHits: 1 } : { failures: 1 });
      return result;
    },
  };
}
