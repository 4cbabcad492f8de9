import type { ParseIssue } from "../core/parse-result.ts";
import type { z } from "zod";
import type { CachedChoice } from "./answer-cache.ts";
import { answerIssuesText } from "./answer-issues-text.ts";
import { parseAnswer } from "./parse-answer.ts";
import type { TeacherFailureCode, TokenLogprob } from "./teacher.ts";

/** One choice of a chat completion, as the live API and Batch API output files both carry it. */
export interface CompletionChoice {
  message?: { content?: string | null; refusal?: string | null } | null;
  finish_reason?: string | null;
  logprobs?: { content?: { token: string; logprob: number; top_logprobs?: { token: string; logprob: number }[] }[] | null } | null;
}

/** Why a choice was not kept, as the fields of a `TeacherFailure`. */
export interface RefusedChoice {
  ok: false;
  code: Extract<TeacherFailureCode, "refused" | "truncated" | "invalid_answer">;
  reason: string;
  raw?: string;
  issues?: ParseIssue[];
}

/**
 * Checks one choice of a completion before it is kept: a refusal or a content-filter stop is
 * `refused`, `finish_reason: "length"` is `truncated`, content that is not JSON or breaks the
 * schema is `invalid_answer` (with every issue). A valid choice comes back as the cache stores
 * it: the content and its token logprobs, if any.
 *
 * @example
 * checkChoice({ message: { content: '{"label":"spam"}' }, finish_reason: "stop" }, schema);
 * // { ok: true, choice: { content: '{"label":"spam"}' } }
 */
export function checkChoice(choice: CompletionChoice, schema: z.ZodType): { ok: true; choice: CachedChoice } | RefusedChoice {
  const content = choice.message?.content ?? "";
  const raw = content.slice(0, 2000);
  if (choice.message?.refusal) return { ok: false, code: "refused", reason: `the model refused: ${choice.message.refusal.slice(0, 200)}` };
  if (choice.finish_reason === "length") return { ok: false, code: "truncated", reason: "the answer was cut off at maxTokens (finish_reason length)", raw };
  if (choice.finish_reason === "content_filter") return { ok: false, code: "refused", reason: "the answer was withheld by the content filter", raw };
  const parsed = parseAnswer(content, schema);
  if (!parsed.success) return { ok: false, code: "invalid_answer", reason: answerIssuesText(parsed.issues), raw, issues: parsed.issues };
  const logprobs: TokenLogprob[] | undefined = choice.logprobs?.content?.map((t) => ({
    token: t.token,
    logprob: t.logprob,
    top: t.top_logprobs?.map((a) => ({ token: a.token, logprob: a.logprob })),
  }));
  return { ok: true, choice: logprobs && logprobs.length > 0 ? { content, logprobs } : { content } };
}
