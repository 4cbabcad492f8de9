import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { AnswerCache } from "./answer-cache.ts";
import { answerFromEntry } from "./answer-from-entry.ts";
import { cacheKey } from "./cache-key.ts";
import { checkRequest } from "./check-request.ts";
import type { Teacher, TeacherRequest, TeacherResult } from "./teacher.ts";
import { countInStats, createTeacherStats } from "./teacher-stats.ts";

/** What a replay replays: the LLM run's model and the cache its answers are in. */
export interface ReplayedRun {
  readonly kind: "llm";
  readonly model: string;
  readonly cacheDir: string;
}

/** The teacher {@link replayTeacher} returns; its model is known once the cache was read. */
export interface ReplayTeacher extends Teacher {
  readonly kind: "replay";
  readonly cacheDir: string;
  /** The replayed run, once the model is known: at once when `model` was passed, else after the first `ask` or `describe()`. */
  readonly replays: ReplayedRun | undefined;
  /**
   * Reads the model from the cache when it was not passed, and says what is replayed. For
   * callers that need `replays` before asking anything (a report header, distill choosing
   * LLM features); rejects like `ask` when the cache is empty or holds several models.
   */
  describe(): Promise<ReplayedRun>;
}

/**
 * A teacher that answers only from a cache directory written by `openaiTeacher` or
 * `importBatch`: no network, no key, no cost. Reproduces a run exactly, offline: its `kind` is
 * "replay" and `replays` names the LLM run it stands for (`{ kind: "llm", model, cacheDir }`),
 * so distill treats it as that LLM. A request that is not in the cache rejects with an
 * UnderstudyError (`not_cached`). `model` defaults to the one model the cache recorded
 * (`ambiguous_model` asks you to choose when it holds several). Cached answers are validated
 * again with the request's schema.
 *
 * @example
 * const teacher = replayTeacher({ cacheDir: ".understudy-cache" });
 * const result = await teacher.ask(request); // result.cached === true
 * teacher.replays; // { kind: "llm", model: "gpt-4o-mini", cacheDir: ".understudy-cache" }
 */
export function replayTeacher({ cacheDir, model }: { cacheDir: string; model?: string }): ReplayTeacher {
  const cache = new AnswerCache(cacheDir);
  const stats = createTeacherStats();
  let resolved: string | undefined = model;

  async function modelName(): Promise<string> {
    if (resolved !== undefined) return resolved;
    const models = await cache.models();
    if (models.length === 0) throw new UnderstudyError("not_cached", messages.llm.replayEmpty(cacheDir));
    if (models.length > 1) throw new UnderstudyError("ambiguous_model", messages.llm.replayAmbiguous(cacheDir, models));
    resolved = models[0];
    return resolved;
  }

  return {
    kind: "replay",
    cacheDir,
    get model() {
      return resolved ?? "replay";
    },
    get replays() {
      return resolved === undefined ? undefined : { kind: "llm" as const, model: resolved, cacheDir };
    },
    async describe() {
      return { kind: "llm", model: await modelName(), cacheDir };
    },
    stats,
    async ask<T>(request: TeacherRequest<T>): Promise<TeacherResult<T>> {
      checkRequest(request as TeacherRequest<unknown>);
      const name = await modelName();
      const key = cacheKey(name, request as TeacherRequest<unknown>);
      const entry = await cache.get(key);
      if (!entry || !entry.complete) {
        const lastMessage = request.messages.at(-1)?.content ?? "";
        const details = { schemaName: request.schemaName, model: name, key, lastMessage, cacheDir, partial: entry !== undefined };
        throw new UnderstudyError("not_cached", messages.llm.notCached(details));
      }
      const result = answerFromEntry(entry, request, { cached: true });
      countInStats(stats, request.purpose, result.ok ? { cacheHits: 1 } : { failures: 1 });
      return result;
    },
  };
}
