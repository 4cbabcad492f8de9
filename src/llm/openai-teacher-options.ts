import type { Budget } from "./budget.ts";
import type { StructuredOutputMode } from "./chat-body.ts";
import type { PriceTable } from "./default-prices.ts";

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
