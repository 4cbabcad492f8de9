import { createHash } from "node:crypto";
import { canonicalJSON } from "./canonical-json.ts";
import { strictJsonSchema } from "./strict-json-schema.ts";
import type { TeacherRequest } from "./teacher.ts";

/** Bumped when the meaning of a cached entry changes, so old entries are no longer matched. */
const KEY_VERSION = 1;

/**
 * The cache key of one request: the sha256 (hex) of a canonical JSON of everything that
 * decides the answer — model, messages, schema name, the answer's JSON Schema, temperature,
 * logprobs (and top-logprobs count), number of samples and max tokens. Not included: the API
 * key (never stored anywhere), `baseURL` (the same model behind a proxy, Azure or the Batch
 * API gives the same answers, and keys must match between a live run and a batch import), the
 * structured-output mode (json_schema or json_object: the answer is validated against the
 * same schema either way) and `purpose` (bookkeeping only).
 *
 * @example
 * const key = cacheKey("gpt-4o-mini", { messages: [{ role: "user", content: "hi" }], schemaName: "answer", schema });
 * // "3f1c…" (64 hex characters)
 */
export function cacheKey(model: string, request: TeacherRequest<unknown>): string {
  return createHash("sha256").update(canonicalJSON(keyMaterial(model, request))).digest("hex");
}

/** What {@link cacheKey} hashes, spelled out. */
function keyMaterial(model: string, request: TeacherRequest<unknown>): object {
  return {
    v: KEY_VERSION,
    model,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    schemaName: request.schemaName,
    schema: strictJsonSchema(request.schema),
    temperature: request.temperature ?? 0,
    logprobs: request.logprobs ?? false,
    topLogprobs: request.logprobs ? (request.topLogprobs ?? 5) : undefined,
    samples: request.samples ?? 1,
    maxTokens: request.maxTokens,
  };
}
