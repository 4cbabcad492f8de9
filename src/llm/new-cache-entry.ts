import type { CacheEntry } from "./answer-cache.ts";
import type { TeacherRequest } from "./teacher.ts";

/**
 * An empty cache entry for a request: what the live teacher and the batch export both start
 * from, so an answer bought either way is stored in the same shape under the same key.
 * (Internal: not re-exported from the package.)
 *
 * @example
 * const entry = newCacheEntry({ key: cacheKey(model, request), model, request, source: "live" });
 */
export function newCacheEntry({
  key,
  model,
  request,
  source,
}: {
  key: string;
  model: string;
  request: TeacherRequest<unknown>;
  source: CacheEntry["source"];
}): CacheEntry {
  return {
    version: 1,
    key,
    model,
    request: {
      messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
      schemaName: request.schemaName,
      temperature: request.temperature ?? 0,
      logprobs: request.logprobs ?? false,
      samples: request.samples ?? 1,
      maxTokens: request.maxTokens,
      purpose: request.purpose,
    },
    choices: [],
    complete: false,
    usage: { promptTokens: 0, completionTokens: 0 },
    source,
    createdAt: new Date().toISOString(),
  };
}
