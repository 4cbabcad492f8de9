import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { AnswerCache } from "./answer-cache.ts";
import { checkChoice, type CompletionChoice } from "./check-choice.ts";
import { scrubSecrets } from "./scrub-secrets.ts";

/** What {@link importBatch} did, line by line. */
export interface BatchImport {
  /** Non-empty lines read. */
  lines: number;
  /** Requests now fully answered in the cache. */
  imported: number;
  /** Lines that gave no (complete) valid answer, with the reason; the rest of the file is still imported. */
  failed: { line: number; customId?: string; reason: string }[];
}

interface BatchOutputLine {
  id?: string;
  custom_id?: string;
  response?: { status_code?: number; body?: { choices?: CompletionChoice[]; usage?: { prompt_tokens?: number; completion_tokens?: number } } } | null;
  error?: { code?: string; message?: string } | null;
}

/**
 * Reads an OpenAI Batch API output file (JSONL; vLLM's `run_batch` writes the same shape:
 * `{ id, custom_id, response: { status_code, body: <chat completion> }, error }`) into the
 * cache that {@link exportBatch} recorded the requests in. Every answer is checked as JSON
 * against the exported request's JSON Schema before it is filed; a bad line (error, non-200,
 * invalid answer, unknown custom_id) is reported in `failed` and the rest is imported. Export
 * again to retry the failed ones. Then `replayTeacher({ cacheDir })` answers them.
 *
 * @example
 * const report = await importBatch("batch-output.jsonl", { cacheDir: ".understudy-cache" });
 * console.log(report.imported, report.failed);
 */
export async function importBatch(outputPath: string, { cacheDir }: { cacheDir: string }): Promise<BatchImport> {
  const cache = new AnswerCache(cacheDir);
  let text: string;
  try {
    text = await readFile(outputPath, "utf8");
  } catch (error) {
    throw new UnderstudyError(
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "file_not_found" : "bad_file",
      messages.llm.batchUnreadable(outputPath, (error as Error).message),
    );
  }
  const report: BatchImport = { lines: 0, imported: 0, failed: [] };
  const rows = text.split(/\r?\n/);
  for (let i = 0; i < rows.length; i++) {
    if (rows[i].trim() === "") continue;
    report.lines++;
    const fail = (reason: string, customId?: string) => report.failed.push({ line: i + 1, customId, reason: scrubSecrets(reason) });
    let row: BatchOutputLine;
    try {
      row = JSON.parse(rows[i]) as BatchOutputLine;
    } catch {
      fail("not a JSON line");
      continue;
    }
    const key = row.custom_id;
    if (typeof key !== "string" || !/^[0-9a-f]{64}$/.test(key)) {
      fail("custom_id is not a cache key written by exportBatch", typeof key === "string" ? key : undefined);
      continue;
    }
    if (row.error) {
      fail(`batch error ${row.error.code ?? ""}: ${row.error.message ?? "unknown"}`.trim(), key);
      continue;
    }
    const status = row.response?.status_code;
    const choices = row.response?.body?.choices;
    if (status !== 200 || !Array.isArray(choices)) {
      fail(`response status ${status ?? "missing"}`, key);
      continue;
    }
    const pending = await cache.getPending(key);
    const existing = await cache.get(key);
    if (existing?.complete) {
      report.imported++;
      continue;
    }
    const entry = existing ?? pending?.entry;
    if (!entry || !pending) {
      fail("unknown custom_id: export the requests with exportBatch into this cacheDir first", key);
      continue;
    }
    const schema = validatorFor(pending.jsonSchema);
    let reason: string | undefined;
    for (const choice of choices) {
      if (entry.choices.length >= entry.request.samples) break;
      const checked = checkChoice(choice, schema ?? z.unknown());
      if (checked.ok) entry.choices.push(checked.choice);
      else reason ??= checked.reason;
    }
    const usage = row.response?.body?.usage;
    entry.usage.promptTokens += usage?.prompt_tokens ?? 0;
    entry.usage.completionTokens += usage?.completion_tokens ?? 0;
    entry.complete = entry.choices.length >= entry.request.samples;
    if (entry.choices.length > 0) await cache.put(entry);
    if (entry.complete) {
      report.imported++;
      await rm(join(cacheDir, "pending", `${key}.json`), { force: true });
    } else {
      fail(reason ?? `only ${entry.choices.length} of ${entry.request.samples} samples answered`, key);
    }
  }
  return report;
}

/** A zod validator rebuilt from the exported JSON Schema (undefined when zod cannot rebuild it: JSON is still checked). */
function validatorFor(jsonSchema: Record<string, unknown>): z.ZodType | undefined {
  try {
    return z.fromJSONSchema(jsonSchema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch {
    return undefined;
  }
}
