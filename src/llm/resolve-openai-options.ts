import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { checkBudget, type Budget } from "./budget.ts";
import type { StructuredOutputMode } from "./chat-body.ts";
import { defaultPrices, type ModelPrice } from "./default-prices.ts";
import type { OpenAITeacherOptions } from "./openai-teacher-options.ts";
import { priceOf } from "./price-of.ts";
import type { BackoffOptions } from "./retry-delay.ts";
import { readEnv } from "../core/deno-permission.ts";

/** {@link OpenAITeacherOptions} checked, with every default and environment variable applied. */
export interface OpenAISettings {
  model: string;
  baseURL: string | undefined;
  apiKey: string;
  /** Texts scrubbed from everything reported: the key and the extra headers' values. */
  secrets: string[];
  price: ModelPrice | undefined;
  cacheDir: string | undefined;
  concurrency: number;
  requestsPerMinute: number | undefined;
  tokensPerMinute: number | undefined;
  timeoutMs: number;
  maxRetries: number;
  maxInvalidRetries: number;
  backoff: Pick<BackoffOptions, "baseMs" | "maxMs"> | undefined;
  budget: Budget | undefined;
  structuredOutput: StructuredOutputMode;
  defaultHeaders: Record<string, string> | undefined;
  defaultQuery: Record<string, string> | undefined;
}

/**
 * Checks the options of `openaiTeacher` and fills in their defaults (documented on
 * {@link OpenAITeacherOptions}). A bad value throws one UnderstudyError naming it: `bad_option`
 * for a value out of range, `bad_teacher` when no API key can be found.
 *
 * @example
 * resolveOpenAIOptions({ model: "gpt-4o-mini", apiKey: "sk-..." }).concurrency; // 8
 */
export function resolveOpenAIOptions(options: OpenAITeacherOptions): OpenAISettings {
  if (!options || typeof options.model !== "string" || options.model === "") throw new UnderstudyError("bad_option", messages.llm.modelName());
  const baseURL = options.baseURL ?? env("OPENAI_BASE_URL");
  const apiKey = options.apiKey ?? env("OPENAI_API_KEY") ?? (baseURL ? "no-key" : undefined);
  if (!apiKey) throw new UnderstudyError("bad_teacher", messages.llm.missingApiKey());
  checkNumbers(options);
  const price = priceOf(options.model, { ...defaultPrices, ...options.prices });
  return {
    model: options.model,
    baseURL,
    apiKey,
    secrets: [apiKey, ...Object.values(options.defaultHeaders ?? {})],
    price,
    cacheDir: options.cacheDir === false ? undefined : (options.cacheDir ?? ".understudy-cache"),
    concurrency: options.concurrency ?? 8,
    requestsPerMinute: options.requestsPerMinute,
    tokensPerMinute: options.tokensPerMinute,
    timeoutMs: options.timeoutMs ?? 60_000,
    maxRetries: options.maxRetries ?? 5,
    maxInvalidRetries: options.maxInvalidRetries ?? 2,
    backoff: options.backoff,
    budget: checkBudget(options.budget, options.model, price),
    structuredOutput: options.structuredOutput ?? "json_schema",
    defaultHeaders: options.defaultHeaders,
    defaultQuery: options.defaultQuery,
  };
}

function checkNumbers(options: OpenAITeacherOptions): void {
  const positive = (name: keyof OpenAITeacherOptions, integer: boolean) => {
    const value = options[name];
    if (value !== undefined && !(typeof value === "number" && value > 0 && (!integer || Number.isInteger(value)))) {
      throw new UnderstudyError("bad_option", messages.llm.positiveOption(name, value, integer));
    }
  };
  positive("concurrency", true);
  positive("requestsPerMinute", false);
  positive("tokensPerMinute", false);
  positive("timeoutMs", true);
  for (const name of ["maxRetries", "maxInvalidRetries"] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) throw new UnderstudyError("bad_option", messages.llm.countOption(name, value));
  }
  if (options.structuredOutput !== undefined && !["json_schema", "json_object"].includes(options.structuredOutput)) {
    throw new UnderstudyError("bad_option", messages.llm.structuredOutput(options.structuredOutput));
  }
}

function env(name: string): string | undefined {
  return readEnv(name);
}
