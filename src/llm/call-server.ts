import OpenAI from "openai";
import { UnderstudyError } from "../core/errors.ts";
import { logger } from "../core/logger.ts";
import { messages } from "../core/messages/index.ts";
import { callDeadline } from "./call-deadline.ts";
import { chatBody, type StructuredOutputMode } from "./chat-body.ts";
import { completionEstimate } from "./completion-estimate.ts";
import { estimatePromptTokens } from "./estimate-tokens.ts";
import { FailureStreak } from "./failure-streak.ts";
import { RateLimiter } from "./rate-limiter.ts";
import type { OpenAISettings } from "./resolve-openai-options.ts";
import { retryDelayMs } from "./retry-delay.ts";
import { scrubSecrets } from "./scrub-secrets.ts";
import type { TeacherFailureCode, TeacherRequest, TeacherStats } from "./teacher.ts";
import { countInStats } from "./teacher-stats.ts";
import { isDenoPermissionError, withDenoFlag } from "../core/deno-permission.ts";

type Completion = OpenAI.Chat.Completions.ChatCompletion;

/**
 * What one call to the server came to: the completion (its concurrency slot still held until
 * `release`), or why there is none: `http_error` (an error status, after the retries) or
 * `connection_error` (no whole reply: refused, reset, timed out, cut off).
 */
export type ServerReply =
  | { ok: true; completion: Completion; release: () => void }
  | { ok: false; code: Extract<TeacherFailureCode, "http_error" | "connection_error">; reason: string };

/** The chat/completions endpoint of one teacher, with its client, limits and structured-output mode. */
export interface ServerCaller {
  /** The structured-output mode in force: it falls back to "json_object" once when the server rejects json_schema. */
  readonly mode: StructuredOutputMode;
  /** One paid call for `n` samples of `request`, retried after 408, 409, 429, 5xx, network errors and timeouts. */
  call(request: TeacherRequest<unknown>, n: number): Promise<ServerReply>;
}

/**
 * The server side of `openaiTeacher`: the official `openai` SDK (its own retries off, so that
 * retries are counted in `stats.retries` and Retry-After is honoured), a rate limiter, a
 * per-call deadline, and backoff. On success the concurrency slot is still held: the caller
 * releases it once the answer is cached, so a killed process loses at most `concurrency`
 * answered calls. A refused key or unknown model (401, 403, 404) rejects with `bad_teacher`,
 * since every request would share it; so does a server that fails every call the same way
 * (`teacher_failed`, see {@link FailureStreak}). Every reported text is scrubbed of credentials.
 *
 * @example
 * const server = serverCaller(resolveOpenAIOptions({ model: "gpt-4o-mini" }), stats);
 * const reply = await server.call(request, 1);
 * if (reply.ok) { keep(reply.completion); reply.release(); }
 */
export function serverCaller(settings: OpenAISettings, stats: TeacherStats): ServerCaller {
  const { model, timeoutMs, maxRetries } = settings;
  const client = openAIClient(settings);
  const limiter = new RateLimiter({
    concurrency: settings.concurrency,
    requestsPerMinute: settings.requestsPerMinute,
    tokensPerMinute: settings.tokensPerMinute,
  });
  const scrub = (text: string) => scrubSecrets(text, settings.secrets);
  let mode = settings.structuredOutput;
  const streak = new FailureStreak(settings.baseURL);

  /** One HTTP call: the completion, or the error (a timeout of our deadline as the SDK's timeout error). */
  async function send(
    request: TeacherRequest<unknown>,
    n: number,
  ): Promise<{ completion: Completion; release: () => void } | { error: unknown; sentMode: StructuredOutputMode }> {
    const sentMode = mode;
    const body = chatBody(model, request, sentMode, n);
    const permit = await limiter.acquire(estimatePromptTokens(body) + completionEstimate(request, n));
    const deadline = callDeadline(timeoutMs);
    try {
      const completion = await client.chat.completions.create(body as OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming, {
        signal: deadline.signal,
        timeout: timeoutMs * 2 + 1_000, // the SDK's own timer is only a backstop
        maxRetries: 0,
      });
      deadline.finish();
      const tokens = completion.usage ? completion.usage.prompt_tokens + completion.usage.completion_tokens : undefined;
      return { completion, release: () => permit.release(tokens) };
    } catch (caught) {
      if (isDenoPermissionError(caught) || isDenoPermissionError((caught as { cause?: unknown } | null)?.cause)) {
        deadline.finish();
        permit.release();
        throw withDenoFlag(isDenoPermissionError(caught) ? caught : (caught as { cause: unknown }).cause, "--allow-net", scrub(`calling the LLM at ${settings.baseURL ?? "api.openai.com"}`));
      }
      const error = deadline.finish() ? new OpenAI.APIConnectionTimeoutError() : caught;
      permit.release();
      return { error, sentMode };
    }
  }

  /**
   * True when a json_schema body was rejected for its response_format: the call is sent again
   * as json_object. The first such rejection switches the mode (and says so, once); calls that
   * were already on their way with json_schema are sent again too.
   */
  function fellBackFrom(error: unknown, sentMode: StructuredOutputMode): boolean {
    if (sentMode !== "json_schema" || !rejectsJsonSchema(error)) return false;
    if (mode === "json_object") return true;
    mode = "json_object";
    logger().warn(scrub(`the server at ${settings.baseURL ?? "api.openai.com"} rejected response_format json_schema; model ${model} now uses json_object with local schema validation.`));
    return true;
  }

  async function call(request: TeacherRequest<unknown>, n: number): Promise<ServerReply> {
    for (let attempt = 0; ; attempt++) {
      streak.check(); // a teacher that has tripped stops here, retries in flight included
      const sent = await send(request, n);
      if ("completion" in sent) {
        streak.succeeded();
        return { ok: true, ...sent };
      }
      const error = sent.error;
      if (fellBackFrom(error, sent.sentMode)) {
        attempt--;
        continue;
      }
      const status = error instanceof OpenAI.APIError ? error.status : undefined;
      if (status === 401 || status === 403 || status === 404) {
        throw new UnderstudyError("bad_teacher", scrub(messages.llm.serverRefused(status, (error as Error).message, model)));
      }
      const retriable = status === undefined || status === 408 || status === 409 || status === 429 || status >= 500;
      if (!retriable || attempt >= maxRetries) {
        const reason = scrub(`${describe(error)}${retriable ? ` after ${attempt + 1} attempts` : ""}`);
        const code = status === undefined ? "connection_error" : "http_error";
        streak.failed({ code, status });
        return { ok: false, code, reason };
      }
      countInStats(stats, request.purpose, { retries: 1 });
      const headers = error instanceof OpenAI.APIError ? error.headers : undefined;
      await sleep(retryDelayMs(headers, attempt, settings.backoff));
    }
  }

  return {
    get mode() {
      return mode;
    },
    call,
  };
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The SDK client. It reads OPENAI_* variables itself, so under Deno it needs --allow-env: say so. */
function openAIClient(settings: OpenAISettings): OpenAI {
  try {
    return new OpenAI({
      apiKey: settings.apiKey,
      baseURL: settings.baseURL,
      maxRetries: 0, // we retry ourselves, to count retries and honour Retry-After
      timeout: settings.timeoutMs,
      defaultHeaders: settings.defaultHeaders,
      defaultQuery: settings.defaultQuery,
      dangerouslyAllowBrowser: true,
    });
  } catch (error) {
    throw withDenoFlag(error, "--allow-env", "the OpenAI SDK reading its OPENAI_* environment variables");
  }
}
