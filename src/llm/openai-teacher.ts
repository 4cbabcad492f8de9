import { UnderstudyError } from "../core/errors.ts";
import { logger } from "../core/logger.ts";
import { messages } from "../core/messages/index.ts";
import { AnswerCache, type CacheEntry } from "./answer-cache.ts";
import { answerFromEntry } from "./answer-from-entry.ts";
import { checkBudget, type Budget } from "./budget.ts";
import { BudgetLedger } from "./budget-ledger.ts";
import { cacheKey } from "./cache-key.ts";
import { serverCaller, type ServerCaller } from "./call-server.ts";
import { chatBody, type StructuredOutputMode } from "./chat-body.ts";
import type { RefusedChoice } from "./check-choice.ts";
import { checkRequest } from "./check-request.ts";
import { completionEstimate } from "./completion-estimate.ts";
import { costOf } from "./cost-of.ts";
import type { ModelPrice } from "./default-prices.ts";
import { estimatePromptTokens } from "./estimate-tokens.ts";
import { keepAnswer, type AnswerKeeper } from "./keep-answer.ts";
import { newCacheEntry } from "./new-cache-entry.ts";
import { resolveOpenAIOptions, type OpenAISettings } from "./resolve-openai-options.ts";
import { scrubSecrets } from "./scrub-secrets.ts";
import type { OpenAITeacherOptions } from "./openai-teacher-options.ts";
import type { Teacher, TeacherFailure, TeacherRequest, TeacherResult, TeacherStats } from "./teacher.ts";
import { countInStats, createTeacherStats } from "./teacher-stats.ts";

/** The spending cap (declared in `budget.ts`; exported here too, where callers found it before). */
export type { Budget } from "./budget.ts";

export type { OpenAITeacherOptions } from "./openai-teacher-options.ts";

/** A dry-run estimate of what a list of requests would cost. */
export interface TeacherPlan {
  requests: number;
  /** Requests already answered in the cache (free). */
  cached: number;
  /** Paid calls needed (one per uncached request when every answer is valid at once). */
  calls: number;
  promptTokens: number;
  /** Upper estimate: each request's maxTokens, else 50 tokens per sample. */
  completionTokens: number;
  costUSD: number;
  /** Price used, undefined when the model has none in the table. */
  price?: ModelPrice;
}

/** The teacher {@link openaiTeacher} returns. */
export interface OpenAITeacher extends Teacher {
  /** The cache directory, or undefined when caching is off. */
  readonly cacheDir: string | undefined;
  /** The structured-output mode in force (it falls back to "json_object" once when the server rejects json_schema). */
  readonly structuredOutput: StructuredOutputMode;
  /** The spending cap; may be replaced between runs (e.g. by distill's `budget`). */
  budget: Budget | undefined;
  /** Estimates calls, tokens and cost of `requests` without calling anything. */
  plan(requests: TeacherRequest<unknown>[]): Promise<TeacherPlan>;
}


/** The working parts of one openaiTeacher, shared by `ask` and `plan`. */
interface Parts {
  settings: OpenAISettings;
  stats: TeacherStats;
  cache: AnswerCache | undefined;
  /** Leftovers of a killed run finished, once, before the first cache read. */
  cacheTidied: Promise<void> | undefined;
  /** The cache's writability check, run once before the first paid call. */
  cacheChecked: Promise<void> | undefined;
  /** Stands in for the cache directory when cacheDir is false, and for entries the cache could not save. */
  memory: Map<string, CacheEntry>;
  server: ServerCaller;
  ledger: BudgetLedger;
  keeper: AnswerKeeper;
  /** Requests being answered, by key: identical concurrent requests share one call. */
  pending: Map<string, Promise<TeacherResult<unknown>>>;
}

/**
 * A teacher backed by any OpenAI-compatible chat/completions server (OpenAI, Azure OpenAI,
 * Ollama, vLLM, llama.cpp server), through the official `openai` SDK.
 *
 * What it guarantees: every answer is validated with the request's zod schema (strict
 * json_schema structured outputs, or json_object plus our validation when the server rejects
 * json_schema); every answered call is written to the cache before `ask` resolves, so a run
 * that is killed resumes with no repeated call; retries with backoff honour Retry-After on
 * 408, 409, 429, 5xx, network errors and timeouts; concurrency, requests-per-minute and
 * tokens-per-minute caps; token usage and cost are counted in `stats`; a `budget` stops the
 * run cleanly. Samples (`samples: k`) are asked as `n: k` in one call. The API key is never
 * written to the cache, logs or errors.
 *
 * Its `kind` is "llm". `ask` resolves to `{ ok: false, code, reason }` for a request whose
 * answers stayed invalid (`invalid_answer`, with every `issues`; `refused`; `truncated`) or
 * whose call kept failing (`http_error`, `connection_error`); it rejects with an
 * UnderstudyError for problems every request would share: the budget (`budget_exceeded`), a
 * refused key or unknown model (`bad_teacher`).
 *
 * It is assembled from parts, one file each: `resolveOpenAIOptions` (options and defaults),
 * `serverCaller` (the HTTP call with retries, limits and the json_object fallback),
 * `BudgetLedger` (reserve / settle / release against the budget), `keepAnswer` (count usage
 * and cost, keep valid choices, write the cache) and the answer cache.
 *
 * Other servers: Ollama `{ model: "llama3.1:8b", baseURL: "http://localhost:11434/v1" }`,
 * vLLM / llama.cpp `{ baseURL: "http://host:8000/v1" }` (add `structuredOutput: "json_object"`
 * for servers without json_schema, or let the first 400 switch it), Azure OpenAI
 * `{ model: "<deployment>", baseURL: "https://<resource>.openai.azure.com/openai/deployments/<deployment>",
 * defaultQuery: { "api-version": "2024-10-21" }, defaultHeaders: { "api-key": key } }`.
 *
 * @example
 * const teacher = openaiTeacher({ model: "gpt-4o-mini", cacheDir: ".understudy-cache", budget: { maxUSD: 2 } });
 * const result = await teacher.ask({
 *   messages: [{ role: "user", content: "Is this spam? <row>WIN $$$ NOW</row>" }],
 *   schemaName: "label",
 *   schema: z.object({ label: z.enum(["spam", "ham"]) }),
 * });
 * if (result.ok) console.log(result.data.label, teacher.stats.costUSD);
 */
export function openaiTeacher(options: OpenAITeacherOptions): OpenAITeacher {
  const parts = assemble(resolveOpenAIOptions(options));
  const { model, price } = parts.settings;
  return {
    kind: "llm",
    model,
    stats: parts.stats,
    cacheDir: parts.cache?.dir,
    get structuredOutput() {
      return parts.server.mode;
    },
    get budget() {
      return parts.ledger.budget;
    },
    set budget(value: Budget | undefined) {
      parts.ledger.budget = checkBudget(value, model, price);
    },
    ask: <T>(request: TeacherRequest<T>) => ask(parts, request),
    plan: (requests: TeacherRequest<unknown>[]) => plan(parts, requests),
  };
}

function assemble(settings: OpenAISettings): Parts {
  const stats = createTeacherStats();
  const cache = settings.cacheDir === undefined ? undefined : new AnswerCache(settings.cacheDir);
  const memory = new Map<string, CacheEntry>();
  const ledger = new BudgetLedger(stats, settings.budget);
  const write = async (entry: CacheEntry) => {
    if (!cache) return void memory.set(entry.key, entry);
    try {
      await cache.put(entry);
      memory.delete(entry.key);
    } catch (error) {
      // Paid for but not saved (disk full, directory gone): keep it for this run and say so.
      if (!memory.has(entry.key)) stats.unsavedAnswers = (stats.unsavedAnswers ?? 0) + 1;
      memory.set(entry.key, entry);
      if (stats.unsavedAnswers === 1) logger().warn(messages.llm.cacheUnsaved(cache.dir, (error as Error).message));
    }
  };
  const keeper: AnswerKeeper = { model: settings.model, price: settings.price, ledger, write };
  return { settings, stats, cache, cacheTidied: undefined, cacheChecked: undefined, memory, server: serverCaller(settings, stats), ledger, keeper, pending: new Map() };
}

async function readEntry(parts: Parts, key: string): Promise<CacheEntry | undefined> {
  if (parts.cache) await (parts.cacheTidied ??= parts.cache.finishLeftovers());
  return parts.memory.get(key) ?? (await parts.cache?.get(key));
}

async function ask<T>(parts: Parts, request: TeacherRequest<T>): Promise<TeacherResult<T>> {
  checkRequest(request as TeacherRequest<unknown>);
  const key = cacheKey(parts.settings.model, request as TeacherRequest<unknown>);
  const same = parts.pending.get(key);
  if (same) return same as Promise<TeacherResult<T>>; // one call for identical concurrent requests
  const work = answer(parts, request, key);
  parts.pending.set(key, work as Promise<TeacherResult<unknown>>);
  try {
    return await work;
  } finally {
    parts.pending.delete(key);
  }
}

type PaidStep = { refused?: RefusedChoice } | { failed: { code: TeacherFailure["code"]; reason: string } };

/** The cached answer, else paid calls until the entry is complete, the re-asks are used up, or a call fails. */
async function answer<T>(parts: Parts, request: TeacherRequest<T>, key: string): Promise<TeacherResult<T>> {
  const existing = await readEntry(parts, key);
  if (existing?.complete) {
    const result = answerFromEntry(existing, request, { cached: true });
    if (result.ok) {
      countInStats(parts.stats, request.purpose, { cacheHits: 1 });
      return result;
    }
    // an entry that no longer validates is asked again and overwritten
  }
  const asked = request as TeacherRequest<unknown>;
  const entry = existing && !existing.complete ? existing : newCacheEntry({ key, model: parts.settings.model, request: asked, source: "live" });
  for (let invalidAsks = 0; ; invalidAsks++) {
    const step = await paidStep(parts, asked, entry);
    if ("failed" in step) return failure(parts, asked, key, step.failed);
    if (entry.complete) return answerFromEntry(entry, request, { cached: false });
    const refused = step.refused ?? { code: "invalid_answer" as const, reason: "no valid answer" };
    if (invalidAsks >= parts.settings.maxInvalidRetries) {
      return failure(parts, asked, key, { ...refused, reason: `${refused.reason} (after ${invalidAsks + 1} asks)` });
    }
    countInStats(parts.stats, request.purpose, { retries: 1 });
  }
}

/**
 * One paid call for the samples `entry` still lacks, reserved against the budget first (at the
 * cap: reject once every call in flight has landed), its answer kept before it resolves.
 */
async function paidStep(parts: Parts, request: TeacherRequest<unknown>, entry: CacheEntry): Promise<PaidStep> {
  if (parts.cache) await (parts.cacheChecked ??= parts.cache.checkWritable()); // before anything is paid for
  const { server, ledger, settings } = parts;
  const n = (request.samples ?? 1) - entry.choices.length;
  const promptTokens = estimatePromptTokens(chatBody(settings.model, request, server.mode, n));
  const reserved = ledger.reserve(costOf({ promptTokens, completionTokens: completionEstimate(request, n) }, settings.price));
  if (!reserved.ok) return stopForBudget(parts, reserved.cap);
  const { reservation } = reserved;
  return ledger.track(async (): Promise<PaidStep> => {
    try {
      const reply = await server.call(request, n);
      if (!reply.ok) return { failed: reply };
      try {
        return { refused: await keepAnswer(parts.keeper, { request, entry, n, completion: reply.completion, reservation }) };
      } finally {
        reply.release();
      }
    } finally {
      ledger.release(reservation);
    }
  });
}

async function stopForBudget(parts: Parts, cap: string): Promise<never> {
  await parts.ledger.stop(cap); // every call already paid for lands in the cache before the stop
  const { teacherCalls, costUSD } = parts.stats;
  throw new UnderstudyError("budget_exceeded", messages.llm.budgetSpent(cap, teacherCalls, costUSD, parts.cache?.dir));
}

/** A recorded failure: counted in stats, its texts scrubbed of credentials. */
function failure(
  parts: Parts,
  request: TeacherRequest<unknown>,
  key: string,
  why: { code: TeacherFailure["code"]; reason: string; raw?: string; issues?: TeacherFailure["issues"] },
): TeacherFailure {
  const scrub = (text: string) => scrubSecrets(text, parts.settings.secrets);
  countInStats(parts.stats, request.purpose, { failures: 1 });
  return {
    ok: false,
    code: why.code,
    reason: scrub(why.reason),
    ...(why.raw !== undefined ? { raw: scrub(why.raw) } : {}),
    ...(why.issues ? { issues: why.issues } : {}),
    key,
  };
}

async function plan(parts: Parts, requests: TeacherRequest<unknown>[]): Promise<TeacherPlan> {
  const { model, price } = parts.settings;
  const result: TeacherPlan = { requests: requests.length, cached: 0, calls: 0, promptTokens: 0, completionTokens: 0, costUSD: 0, price };
  const seen = new Set<string>();
  for (const request of requests) {
    checkRequest(request);
    const key = cacheKey(model, request);
    const entry = seen.has(key) ? { complete: true, choices: [] } : await readEntry(parts, key);
    seen.add(key);
    if (entry?.complete) {
      result.cached++;
      continue;
    }
    const n = (request.samples ?? 1) - (entry?.choices.length ?? 0);
    result.calls++;
    result.promptTokens += estimatePromptTokens(chatBody(model, request, parts.server.mode, n));
    result.completionTokens += completionEstimate(request, n);
  }
  result.costUSD = costOf(result, price);
  return result;
}
