import type { z } from "zod";
import type { ParseIssue } from "../core/parse-result.ts";

/** One chat message sent to the teacher. */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/**
 * One question to the teacher: messages plus the schema its answer must satisfy.
 * Everything here (and the teacher's model) decides the answer, so all of it goes into the
 * cache key.
 */
export interface TeacherRequest<T = unknown> {
  messages: ChatMessage[];
  /** Name of the answer schema (sent as response_format.json_schema.name). */
  schemaName: string;
  /** The answer's shape. Its JSON Schema is sent to the server; every answer is parsed with it. */
  schema: z.ZodType<T>;
  /** Sampling temperature (default 0). */
  temperature?: number;
  /** Ask for token log-probabilities, to turn into a confidence (default false). */
  logprobs?: boolean;
  /** With `logprobs`: how many alternatives to list per token (OpenAI allows 0–20; default 5). */
  topLogprobs?: number;
  /** Self-consistency: ask k independent samples and record all of them (default 1). */
  samples?: number;
  /** Cap on completion tokens. */
  maxTokens?: number;
  /** What the call is for ("label", "concepts", ...): used in stats and cost breakdowns. */
  purpose?: string;
}

/** Token usage of one answered call. */
export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

/** A token's log-probability, with the alternatives the server listed. */
export interface TokenLogprob {
  token: string;
  logprob: number;
  top?: { token: string; logprob: number }[];
}

/** A valid answer. */
export interface TeacherAnswer<T> {
  ok: true;
  /** The parsed answer (the modal answer when several samples were asked). */
  data: T;
  /** Every sample's parsed answer when `samples > 1`. */
  samples?: T[];
  /**
   * Confidence in [0, 1] when the teacher could measure one: from logprobs (probability of
   * the answer's tokens) or from self-consistency (share of samples agreeing with `data`).
   */
  confidence?: number;
  /** Where `confidence` came from. */
  confidenceSource?: "logprobs" | "self-consistency";
  /** Token log-probabilities of the answer, when asked for and returned. */
  logprobs?: TokenLogprob[];
  usage: Usage;
  /** True when the answer came from the cache (free). */
  cached: boolean;
  /** The cache key of the request. */
  key: string;
}

/** A request that produced no valid answer within the allowed retries. */
export interface TeacherFailure {
  ok: false;
  /** What went wrong, as data: callers decide by this, never by reading `reason`. */
  code: TeacherFailureCode;
  /** Why, in one line: "answer broke the schema: label: expected one of spam|ham", "HTTP 500 after 4 attempts". */
  reason: string;
  /** The last raw answer text, if any (never includes credentials). */
  raw?: string;
  /** For `invalid_answer`: every issue found in the refused answer (code, path, message), as `parseAnswer` lists them. */
  issues?: ParseIssue[];
  key: string;
}

/**
 * Why a request produced no valid answer: `budget_exceeded` (never sent: a spending cap was
 * reached), `http_error` (the server answered an error status), `connection_error` (no answer:
 * refused, reset, timed out), `invalid_answer` (the answer broke the schema or was not JSON),
 * `refused` (the model refused or the content filter withheld it), `truncated` (cut off at
 * maxTokens), `function_threw` (a function teacher threw).
 */
export type TeacherFailureCode = "budget_exceeded" | "http_error" | "connection_error" | "invalid_answer" | "refused" | "truncated" | "function_threw";

/** What `Teacher.ask` resolves to: check `ok` before reading `data`. Failures are results, not exceptions. */
export type TeacherResult<T> = TeacherAnswer<T> | TeacherFailure;

/** Running totals a teacher keeps. Cache hits are free and are not teacher calls. */
export interface TeacherStats {
  /** Answered (paid) requests. */
  teacherCalls: number;
  cacheHits: number;
  /** Requests that ended in a recorded failure. */
  failures: number;
  retries: number;
  promptTokens: number;
  completionTokens: number;
  costUSD: number;
  /**
   * Answered requests the cache could not save (disk full, directory gone mid-run): kept in
   * memory for the rest of the run, paid for again by a rerun. Absent while every answer was saved.
   */
  unsavedAnswers?: number;
  /** The same totals split by request `purpose` ("label", "concepts", ...; "other" when unset). */
  byPurpose?: Record<string, PurposeStats>;
}

/** Totals for one request purpose. */
export interface PurposeStats {
  teacherCalls: number;
  cacheHits: number;
  failures: number;
  promptTokens: number;
  completionTokens: number;
  costUSD: number;
}

/** What a teacher is: an LLM, a function, or a replay of an LLM run's cache. */
export type TeacherKind = "llm" | "function" | "replay";

/**
 * The LLM (or any black box) that labels rows and proposes features. Implementations:
 * `openaiTeacher`, `functionTeacher`, `replayTeacher`.
 */
export interface Teacher {
  /**
   * What this teacher is, declared by the teacher itself (distill never guesses from its
   * methods): `"llm"` asks a language model, `"function"` calls a function (no LLM features
   * are proposed), `"replay"` answers from an earlier LLM run's cache (see `replays`), so it
   * rebuilds that run exactly, LLM features included.
   */
  readonly kind: TeacherKind;
  /**
   * For `kind: "replay"`: what is replayed — the LLM run's model (known once the cache was read,
   * i.e. after the first `ask`) and the cache directory.
   */
  readonly replays?: { readonly kind: "llm"; readonly model: string; readonly cacheDir: string };
  /** The model name recorded in caches and reports, e.g. "gpt-4o-mini". */
  readonly model: string;
  /** Asks one question; resolves to a valid answer or a recorded failure, never to unvalidated data. */
  ask<T>(request: TeacherRequest<T>): Promise<TeacherResult<T>>;
  readonly stats: TeacherStats;
}
