import OpenAI from "openai";
import process from "node:process";
import { setImmediate } from "node:timers";
import { UnderstudyError } from "../core/errors.ts";
import { logger } from "../core/logger.ts";
import { AnswerCache, type CacheEntry, type CachedChoice } from "./answer-cache.ts";
import { answerFromEntry } from "./answer-from-entry.ts";
import { cacheKey } from "./cache-key.ts";
import { chatBody, type StructuredOutputMode } from "./chat-body.ts";
import { checkRequest } from "./check-request.ts";
import { estimatePromptTokens } from "./estimate-tokens.ts";
import { newCacheEntry } from "./new-cache-entry.ts";
import { parseAnswer } from "./parse-answer.ts";
import { costOf } from "./cost-of.ts";
import { defaultPrices, type ModelPrice, type PriceTable } from "./default-prices.ts";
import { priceOf } from "./price-of.ts";
import { RateLimiter } from "./rate-limiter.ts";
import { retryDelayMs } from "./retry-delay.ts";
import { scrubSecrets } from "./scrub-secrets.ts";
import type { Teacher, TeacherRequest, TeacherResult, TokenLogprob, Usage } from "./teacher.ts";
import { countInStats, createTeacherStats } from "./teacher-stats.ts";

/**
 * A spending cap, checked before every paid call. Cache hits are free.
 * `maxCalls` counts answered (paid) HTTP calls, re-asks after invalid answers included.
 * `maxUSD` stops before a call whose estimated cost (prompt estimate, plus `maxTokens` or 50
 * completion tokens per sample) would take spent + in-flight estimates past the cap; it needs
 * a price for the model. At the cap, `ask` rejects with `budget_exceeded` once every call in
 * flight has been answered and cached.
 */
export interface Budget {
  maxCalls?: number;
  maxUSD?: number;
}

/** Options of {@link openaiTeacher}. */
export interface OpenAITeacherOptions {
  /** Model name as the server knows it, e.g. "gpt-4o-mini", "llama3.1:8b". Part of every cache key. */
  model: string;
  /** Server root up to /v1 (default: OPENAI_BASE_URL, else OpenAI). Ollama: "http://localhost:11434/v1". */
  baseURL?: string;
  /** API key (default: OPENAI_API_KEY). Servers without auth need none when baseURL is set. Never stored or logged. */
  apiKey?: string;
  /** Answer cache directory (default ".understudy-cache"); `false` keeps nothing (every run pays again). */
  cacheDir?: string | false;
  /** Most requests in flight at once (default 8). */
  concurrency?: number;
  /** Requests-per-minute cap (default none). */
  requestsPerMinute?: number;
  /** Tokens-per-minute cap, prompt + expected completion (default none). */
  tokensPerMinute?: number;
  /** Per-call timeout in ms (default 60 000); a timeout is retried like a network error. */
  timeoutMs?: number;
  /** Retries of one call after 408, 409, 429, 5xx, network errors and timeouts (default 5). */
  maxRetries?: number;
  /** Extra asks after an answer that is not valid JSON or breaks the schema (default 2); then a recorded failure. */
  maxInvalidRetries?: number;
  /** Backoff between retries: first wait and cap in ms (default 500 and 30 000). Retry-After wins when sent. */
  backoff?: { baseMs?: number; maxMs?: number };
  /** Prices in USD per 1M tokens, merged over {@link defaultPrices}. */
  prices?: PriceTable;
  /** Spending cap, checked before every paid call (default: none). */
  budget?: Budget;
  /** "json_schema" (default; strict structured outputs) or "json_object" (JSON mode + our validation). */
  structuredOutput?: StructuredOutputMode;
  /** Extra headers sent with every call (e.g. Azure's `api-key`); never stored. Default none. */
  defaultHeaders?: Record<string, string>;
  /** Extra query parameters sent with every call (e.g. Azure's `api-version`); never stored. Default none. */
  defaultQuery?: Record<string, string>;
}

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

const DEFAULT_COMPLETION_TOKENS = 50;

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
 * `ask` resolves to `{ ok: false, reason }` for a request whose answers stayed invalid or
 * whose call kept failing; it rejects with an UnderstudyError for problems every request
 * would share: the budget (`budget_exceeded`), a refused key or unknown model (`teacher_unavailable`).
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
  if (!options || typeof options.model !== "string" || options.model === "") {
    throw new UnderstudyError("bad_teacher", "openaiTeacher({ model }): model must be the model name, e.g. \"gpt-4o-mini\".");
  }
  const model = options.model;
  const baseURL = options.baseURL ?? env("OPENAI_BASE_URL");
  const apiKey = options.apiKey ?? env("OPENAI_API_KEY") ?? (baseURL ? "no-key" : undefined);
  if (!apiKey) {
    throw new UnderstudyError(
      "missing_api_key",
      "openaiTeacher: no API key: set OPENAI_API_KEY or pass apiKey (a local server without auth needs only baseURL).",
    );
  }
  const secrets = [apiKey, ...Object.values(options.defaultHeaders ?? {})];
  const positive = (name: string, value: number | undefined, integer = true) => {
    if (value !== undefined && !(typeof value === "number" && value > 0 && (!integer || Number.isInteger(value)))) {
      throw new UnderstudyError("bad_teacher", `openaiTeacher: ${name} must be a positive ${integer ? "integer" : "number"}, got ${value}.`);
    }
  };
  positive("concurrency", options.concurrency);
  positive("requestsPerMinute", options.requestsPerMinute, false);
  positive("tokensPerMinute", options.tokensPerMinute, false);
  positive("timeoutMs", options.timeoutMs);
  for (const name of ["maxRetries", "maxInvalidRetries"] as const) {
    const v = options[name];
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) throw new UnderstudyError("bad_teacher", `openaiTeacher: ${name} must be an integer ≥ 0, got ${v}.`);
  }
  if (options.structuredOutput !== undefined && !["json_schema", "json_object"].includes(options.structuredOutput)) {
    throw new UnderstudyError("bad_teacher", `openaiTeacher: structuredOutput must be "json_schema" or "json_object", got ${String(options.structuredOutput)}.`);
  }
  const prices = { ...defaultPrices, ...options.prices };
  const price = priceOf(model, prices);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxRetries = options.maxRetries ?? 5;
  const maxInvalidRetries = options.maxInvalidRetries ?? 2;
  const cacheDir = options.cacheDir === false ? undefined : (options.cacheDir ?? ".understudy-cache");
  const cache = cacheDir === undefined ? undefined : new AnswerCache(cacheDir);
  const limiter = new RateLimiter({
    concurrency: options.concurrency ?? 8,
    requestsPerMinute: options.requestsPerMinute,
    tokensPerMinute: options.tokensPerMinute,
  });
  const client = new OpenAI({
    apiKey,
    baseURL,
    maxRetries: 0, // we retry ourselves, to count retries and honour Retry-After
    timeout: timeoutMs,
    defaultHeaders: options.defaultHeaders,
    defaultQuery: options.defaultQuery,
    dangerouslyAllowBrowser: true,
  });
  const stats = createTeacherStats();
  let mode: StructuredOutputMode = options.structuredOutput ?? "json_schema";
  let budget = checkBudget(options.budget, model, price);
  let stopped: string | undefined;
  let reservedCalls = 0;
  let reservedUSD = 0;
  let warnedNoPrice = false;
  const inFlight = new Set<Promise<unknown>>();
  const pending = new Map<string, Promise<TeacherResult<unknown>>>();
  const memory = new Map<string, CacheEntry>(); // stands in for the directory when cacheDir is false

  const scrub = (text: string) => scrubSecrets(text, secrets);

  async function readEntry(key: string): Promise<CacheEntry | undefined> {
    return cache ? cache.get(key) : memory.get(key);
  }
  async function writeEntry(entry: CacheEntry): Promise<void> {
    if (cache) await cache.put(entry);
    else memory.set(entry.key, entry);
  }

  function completionEstimate(request: TeacherRequest<unknown>, n: number): number {
    return (request.maxTokens ?? DEFAULT_COMPLETION_TOKENS) * n;
  }

  /** Reserves one paid call within the budget, or says which cap stops it. */
  function reserve(estimateUSD: number): string | undefined {
    if (stopped) return stopped;
    if (budget?.maxCalls !== undefined && stats.teacherCalls + reservedCalls >= budget.maxCalls) {
      return `budget.maxCalls = ${budget.maxCalls}`;
    }
    if (budget?.maxUSD !== undefined && stats.costUSD + reservedUSD + estimateUSD > budget.maxUSD) {
      return `budget.maxUSD = ${budget.maxUSD}`;
    }
    reservedCalls++;
    reservedUSD += estimateUSD;
    return undefined;
  }

  async function stopForBudget(cap: string): Promise<never> {
    stopped = cap;
    // Let every call already paid for land in the cache before saying stop.
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    throw new UnderstudyError(
      "budget_exceeded",
      `the teacher's budget is spent (${cap}; ${stats.teacherCalls} paid calls, $${stats.costUSD.toFixed(4)}). ` +
        `Everything answered so far is ${cache ? `cached in ${cache.dir}` : "kept in memory"}; raise the budget and run again to continue without repeating a call.`,
    );
  }

  type CallOutcome =
    | { ok: true; completion: OpenAI.Chat.Completions.ChatCompletion; release: () => void }
    | { ok: false; reason: string };

  /**
   * One paid call with transport retries: resolves to the completion or a failure reason. On
   * success the concurrency slot is still held: the caller releases it once the answer is
   * cached, so a killed process loses at most `concurrency` answered calls.
   */
  async function callServer(request: TeacherRequest<unknown>, n: number): Promise<CallOutcome> {
    let fellBack = false;
    for (let attempt = 0; ; attempt++) {
      const body = chatBody(model, request, mode, n);
      const estimate = estimatePromptTokens(body) + completionEstimate(request, n);
      const permit = await limiter.acquire(estimate);
      const deadline = callDeadline(timeoutMs);
      try {
        const completion = await client.chat.completions.create(body as OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming, {
          signal: deadline.signal,
          timeout: timeoutMs * 2 + 1_000, // the SDK's own timer is only a backstop
          maxRetries: 0,
        });
        deadline.finish();
        const tokens = completion.usage ? completion.usage.prompt_tokens + completion.usage.completion_tokens : undefined;
        return { ok: true, completion, release: () => permit.release(tokens) };
      } catch (caught) {
        const error = deadline.finish() ? new OpenAI.APIConnectionTimeoutError() : caught;
        permit.release();
        if (mode === "json_schema" && !fellBack && rejectsJsonSchema(error)) {
          mode = "json_object";
          fellBack = true;
          attempt--;
          logger().warn(scrub(`the server at ${baseURL ?? "api.openai.com"} rejected response_format json_schema; model ${model} now uses json_object with local schema validation.`));
          continue;
        }
        const status = error instanceof OpenAI.APIError ? error.status : undefined;
        if (status === 401 || status === 403 || status === 404) {
          throw new UnderstudyError(
            "teacher_unavailable",
            scrub(`the server refused the request (HTTP ${status}: ${(error as Error).message}); check the API key, baseURL and that model "${model}" exists.`),
          );
        }
        const retriable = status === undefined || status === 408 || status === 409 || status === 429 || status >= 500;
        if (!retriable || attempt >= maxRetries) {
          return { ok: false, reason: scrub(`${describe(error)}${retriable ? ` after ${attempt + 1} attempts` : ""}`) };
        }
        countInStats(stats, request.purpose, { retries: 1 });
        const headers = error instanceof OpenAI.APIError ? error.headers : undefined;
        await sleep(retryDelayMs(headers, attempt, options.backoff));
      }
    }
  }

  type PaidStep = { ok: true; invalid?: { reason: string; raw?: string } } | { ok: false; reason: string };

  /**
   * One paid call for the samples `entry` still lacks: counts its usage and cost, keeps the
   * valid choices and writes the entry to the cache before resolving, so a paid answer is
   * never lost. `invalid` says why a choice was refused, when one was.
   */
  async function paidCall(
    request: TeacherRequest<unknown>,
    entry: CacheEntry,
    n: number,
    releaseReservation: () => void,
  ): Promise<PaidStep> {
    const outcome = await callServer(request, n);
    if (!outcome.ok) return outcome;
    try {
      return await keepAnswer(request, entry, n, outcome.completion, releaseReservation);
    } finally {
      outcome.release();
    }
  }

  async function keepAnswer(
    request: TeacherRequest<unknown>,
    entry: CacheEntry,
    n: number,
    completion: OpenAI.Chat.Completions.ChatCompletion,
    releaseReservation: () => void,
  ): Promise<PaidStep> {
    const usage = usageOf(completion, request);
    if (!price && !warnedNoPrice) {
      warnedNoPrice = true;
      logger().warn(`no price known for model "${model}": its cost counts as $0; pass prices: { "${model}": { input, output } } (USD per 1M tokens).`);
    }
    releaseReservation();
    countInStats(stats, request.purpose, { teacherCalls: 1, ...usage, costUSD: costOf(usage, price) });
    entry.usage.promptTokens += usage.promptTokens;
    entry.usage.completionTokens += usage.completionTokens;
    const samples = entry.request.samples;
    const before = entry.choices.length;
    let invalid: { reason: string; raw?: string } | undefined;
    for (const choice of completion.choices) {
      if (entry.choices.length >= samples) break;
      const checked = checkChoice(choice, request);
      if (checked.ok) entry.choices.push(checked.choice);
      else invalid ??= { reason: checked.reason, raw: checked.raw };
    }
    if (entry.choices.length < samples && !invalid) invalid = { reason: `the server returned ${completion.choices.length} of ${n} choices` };
    entry.complete = entry.choices.length >= samples;
    if (entry.choices.length > before) await writeEntry(entry);
    return { ok: true, invalid };
  }

  async function answer<T>(request: TeacherRequest<T>, key: string): Promise<TeacherResult<T>> {
    const samples = request.samples ?? 1;
    const existing = await readEntry(key);
    if (existing?.complete) {
      const result = answerFromEntry(existing, request, { cached: true });
      if (result.ok) {
        countInStats(stats, request.purpose, { cacheHits: 1 });
        return result;
      }
      // an entry that no longer validates is asked again and overwritten
    }
    const entry: CacheEntry =
      existing && !existing.complete
        ? existing
        : newCacheEntry({ key, model, request: request as TeacherRequest<unknown>, source: "live" });
    let invalidAsks = 0;
    for (;;) {
      const n = samples - entry.choices.length;
      const estimateUSD = costOf(
        { promptTokens: estimatePromptTokens(chatBody(model, request, mode, n)), completionTokens: completionEstimate(request, n) },
        price,
      );
      const cap = reserve(estimateUSD);
      if (cap) return stopForBudget(cap);
      // The reservation ends in the same step that counts the paid call (or when the call
      // fails): counting it twice while its answer is being cached would stop a run below its cap.
      let reserved = true;
      const release = () => {
        if (!reserved) return;
        reserved = false;
        reservedCalls--;
        reservedUSD -= estimateUSD;
      };
      const unit = paidCall(request, entry, n, release).finally(release);
      inFlight.add(unit);
      let step: PaidStep;
      try {
        step = await unit;
      } finally {
        inFlight.delete(unit);
      }
      if (!step.ok) {
        countInStats(stats, request.purpose, { failures: 1 });
        return { ok: false, reason: step.reason, key };
      }
      const invalid = step.invalid;
      if (entry.complete) return answerFromEntry(entry, request, { cached: false });
      if (invalidAsks >= maxInvalidRetries) {
        countInStats(stats, request.purpose, { failures: 1 });
        return {
          ok: false,
          reason: scrub(`${invalid?.reason ?? "no valid answer"} (after ${invalidAsks + 1} asks)`),
          ...(invalid?.raw !== undefined ? { raw: scrub(invalid.raw) } : {}),
          key,
        };
      }
      invalidAsks++;
      countInStats(stats, request.purpose, { retries: 1 });
    }
  }

  const teacher: OpenAITeacher = {
    kind: "llm",
    model,
    stats,
    cacheDir,
    get structuredOutput() {
      return mode;
    },
    get budget() {
      return budget;
    },
    set budget(value: Budget | undefined) {
      budget = checkBudget(value, model, price);
      stopped = undefined;
    },
    async ask<T>(request: TeacherRequest<T>): Promise<TeacherResult<T>> {
      checkRequest(request as TeacherRequest<unknown>);
      const key = cacheKey(model, request as TeacherRequest<unknown>);
      const same = pending.get(key);
      if (same) return same as Promise<TeacherResult<T>>; // one call for identical concurrent requests
      const work = answer(request, key);
      pending.set(key, work as Promise<TeacherResult<unknown>>);
      try {
        return await work;
      } finally {
        pending.delete(key);
      }
    },
    async plan(requests: TeacherRequest<unknown>[]): Promise<TeacherPlan> {
      const plan: TeacherPlan = { requests: requests.length, cached: 0, calls: 0, promptTokens: 0, completionTokens: 0, costUSD: 0, price };
      const seen = new Set<string>();
      for (const request of requests) {
        checkRequest(request);
        const key = cacheKey(model, request);
        const entry = seen.has(key) ? { complete: true, choices: [] } : await readEntry(key);
        seen.add(key);
        if (entry?.complete) {
          plan.cached++;
          continue;
        }
        const n = (request.samples ?? 1) - (entry?.choices.length ?? 0);
        plan.calls++;
        plan.promptTokens += estimatePromptTokens(chatBody(model, request, mode, n));
        plan.completionTokens += completionEstimate(request, n);
      }
      plan.costUSD = costOf(plan, price);
      return plan;
    },
  };
  return teacher;
}

function env(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function checkBudget(budget: Budget | undefined, model: string, price: ModelPrice | undefined): Budget | undefined {
  if (budget === undefined) return undefined;
  const { maxCalls, maxUSD } = budget;
  if (maxCalls !== undefined && !(Number.isInteger(maxCalls) && maxCalls >= 0)) {
    throw new UnderstudyError("bad_budget", `budget.maxCalls must be an integer ≥ 0, got ${maxCalls}.`);
  }
  if (maxUSD !== undefined && !(typeof maxUSD === "number" && maxUSD >= 0)) {
    throw new UnderstudyError("bad_budget", `budget.maxUSD must be a number ≥ 0, got ${maxUSD}.`);
  }
  if (maxUSD !== undefined && !price) {
    throw new UnderstudyError("bad_budget", `budget.maxUSD needs a price for model "${model}": pass prices: { "${model}": { input, output } } (USD per 1M tokens).`);
  }
  return { ...budget };
}

function rejectsJsonSchema(error: unknown): boolean {
  return (
    error instanceof OpenAI.APIError &&
    (error.status === 400 || error.status === 422) &&
    /response_format|json_schema|structured output/i.test(`${error.message} ${JSON.stringify(error.error ?? "")}`)
  );
}

function describe(error: unknown): string {
  if (error instanceof OpenAI.APIConnectionTimeoutError) return "the call timed out";
  if (error instanceof OpenAI.APIError && error.status !== undefined) return `HTTP ${error.status}: ${error.message}`;
  if (error instanceof OpenAI.APIError) return `network error: ${error.message}`;
  if (error instanceof SyntaxError) return `the server sent a broken reply (${error.message})`;
  return `call failed: ${(error as Error)?.message ?? String(error)}`;
}

function usageOf(completion: OpenAI.Chat.Completions.ChatCompletion, request: TeacherRequest<unknown>): Usage {
  if (completion.usage) return { promptTokens: completion.usage.prompt_tokens, completionTokens: completion.usage.completion_tokens };
  // Some servers omit usage: estimate, so budgets and costs still move.
  const chars = request.messages.reduce((sum, m) => sum + m.content.length, 0);
  const out = completion.choices.reduce((sum, c) => sum + (c.message.content?.length ?? 0), 0);
  return { promptTokens: Math.ceil(chars / 4), completionTokens: Math.ceil(out / 4) };
}

type CheckedChoice = { ok: true; choice: CachedChoice } | { ok: false; reason: string; raw?: string };

function checkChoice(choice: OpenAI.Chat.Completions.ChatCompletion.Choice, request: TeacherRequest<unknown>): CheckedChoice {
  const content = choice.message?.content ?? "";
  const raw = content.slice(0, 2000);
  if (choice.message?.refusal) return { ok: false, reason: `the model refused: ${choice.message.refusal.slice(0, 200)}` };
  if (choice.finish_reason === "length") return { ok: false, reason: "the answer was cut off at maxTokens (finish_reason length)", raw };
  if (choice.finish_reason === "content_filter") return { ok: false, reason: "the answer was withheld by the content filter", raw };
  const parsed = parseAnswer(content, request.schema);
  if (!parsed.success) return { ok: false, reason: parsed.reason, raw };
  const logprobs: TokenLogprob[] | undefined = choice.logprobs?.content?.map((t) => ({
    token: t.token,
    logprob: t.logprob,
    top: t.top_logprobs?.map((a) => ({ token: a.token, logprob: a.logprob })),
  }));
  return { ok: true, choice: logprobs && logprobs.length > 0 ? { content, logprobs } : { content } };
}

/**
 * A per-call timeout as an abort signal, counted in slices of at most 100 ms so that time this
 * process spent stalled (a busy event loop, a starved CPU) is not blamed on the server: a late
 * slice counts as two slices at most. When the time is up, the abort waits two more turns of
 * the event loop, so a reply that already arrived is read instead of being thrown away and
 * paid for again.
 */
function callDeadline(timeoutMs: number): { signal: AbortSignal; finish(): boolean } {
  const controller = new AbortController();
  const slice = Math.min(100, timeoutMs);
  let state: "running" | "expired" | "finished" = "running";
  let counted = 0;
  let last = Date.now();
  const expire = () => {
    if (state !== "running") return;
    state = "expired";
    controller.abort();
  };
  const tick = () => {
    const now = Date.now();
    counted += Math.min(now - last, 2 * slice);
    last = now;
    if (counted >= timeoutMs) setImmediate(() => setImmediate(expire));
    else timer = setTimeout(tick, Math.min(slice, timeoutMs - counted));
  };
  let timer = setTimeout(tick, slice);
  return {
    signal: controller.signal,
    finish: () => {
      clearTimeout(timer);
      if (state === "running") state = "finished";
      return state === "expired";
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
