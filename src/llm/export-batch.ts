import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { AnswerCache, type CacheEntry } from "./answer-cache.ts";
import { cacheKey } from "./cache-key.ts";
import { chatBody, type StructuredOutputMode } from "./chat-body.ts";
import { checkRequest } from "./check-request.ts";
import { newCacheEntry } from "./new-cache-entry.ts";
import { strictJsonSchema } from "./strict-json-schema.ts";
import type { TeacherRequest } from "./teacher.ts";

/** Where a batch goes: an `openaiTeacher` with a cacheDir, or the same three fields. */
export interface BatchTarget {
  model: string;
  cacheDir: string | undefined;
  structuredOutput?: StructuredOutputMode;
}

/** What {@link exportBatch} wrote. */
export interface BatchExport {
  path: string;
  /** Lines written: uncached, distinct requests. */
  lines: number;
  /** Requests skipped because the cache already answers them. */
  cached: number;
  /** Requests skipped because an identical one was already in the file. */
  duplicates: number;
}

/**
 * Writes the requests that the cache cannot answer yet as an OpenAI Batch API input file
 * (JSONL, one `{ custom_id, method: "POST", url: "/v1/chat/completions", body }` per line,
 * `custom_id` = the cache key; vLLM's `run_batch` reads the same file). Each exported request
 * is also recorded under `<cacheDir>/pending/` so that {@link importBatch} can validate and
 * file the answers. Upload the file (`purpose: "batch"`), wait for the batch, download its
 * output file, then `importBatch` it and answer with `replayTeacher`.
 *
 * @example
 * const teacher = openaiTeacher({ model: "gpt-4o-mini", cacheDir: ".understudy-cache" });
 * await exportBatch(teacher, requests, "batch-input.jsonl"); // { lines: 9500, cached: 500, ... }
 */
export async function exportBatch(target: BatchTarget, requests: TeacherRequest<unknown>[], path: string): Promise<BatchExport> {
  if (!target || typeof target.model !== "string" || target.model === "" || !target.cacheDir) {
    throw new UnderstudyError("bad_batch", messages.llm.batchTarget());
  }
  if (!Array.isArray(requests)) throw new UnderstudyError("bad_batch", messages.llm.batchRequests());
  const cache = new AnswerCache(target.cacheDir);
  const mode = target.structuredOutput ?? "json_schema";
  const seen = new Set<string>();
  const lines: string[] = [];
  const result: BatchExport = { path, lines: 0, cached: 0, duplicates: 0 };
  for (const request of requests) {
    checkRequest(request);
    const key = cacheKey(target.model, request);
    if (seen.has(key)) {
      result.duplicates++;
      continue;
    }
    seen.add(key);
    const existing = await cache.get(key);
    if (existing?.complete) {
      result.cached++;
      continue;
    }
    const samples = request.samples ?? 1;
    const entry: CacheEntry = existing ?? newCacheEntry({ key, model: target.model, request: request as TeacherRequest<unknown>, source: "batch" });
    await cache.putPending({ entry, jsonSchema: strictJsonSchema(request.schema) });
    const body = chatBody(target.model, request, mode, samples - entry.choices.length);
    lines.push(JSON.stringify({ custom_id: key, method: "POST", url: "/v1/chat/completions", body }));
  }
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, lines.length > 0 ? `${lines.join("\n")}\n` : "");
  result.lines = lines.length;
  return result;
}
