import type { CacheEntry } from "./answer-cache.ts";
import { logprobConfidence } from "./logprob-confidence.ts";
import { modalAnswer } from "./modal-answer.ts";
import { answerIssuesText } from "./answer-issues-text.ts";
import { parseAnswer } from "./parse-answer.ts";
import type { TeacherRequest, TeacherResult } from "./teacher.ts";

/**
 * Turns a complete cache entry into the teacher's answer, validating every stored choice
 * again with the request's schema (a cache file is untrusted input too). One sample: `data`
 * is it, confidence from its logprobs when present. Several: `data` is the modal answer,
 * `samples` all of them, confidence the share agreeing with the mode.
 *
 * @example
 * const result = answerFromEntry(await cache.get(key), request, { cached: true });
 */
export function answerFromEntry<T>(entry: CacheEntry, request: TeacherRequest<T>, { cached }: { cached: boolean }): TeacherResult<T> {
  const samples: T[] = [];
  for (const choice of entry.choices) {
    const parsed = parseAnswer(choice.content, request.schema);
    if (!parsed.success) {
      const reason = `cached ${answerIssuesText(parsed.issues)}`;
      return { ok: false, code: "invalid_answer", reason, raw: choice.content.slice(0, 2000), issues: parsed.issues, key: entry.key };
    }
    samples.push(parsed.data);
  }
  const usage = { ...entry.usage };
  if (samples.length === 0) return { ok: false, code: "invalid_answer", reason: "cache entry holds no answer", key: entry.key };
  if (samples.length === 1) {
    const choice = entry.choices[0];
    const confidence = request.logprobs ? logprobConfidence(choice.content, choice.logprobs) : undefined;
    return {
      ok: true,
      data: samples[0],
      ...(confidence !== undefined ? { confidence, confidenceSource: "logprobs" as const } : {}),
      ...(choice.logprobs ? { logprobs: choice.logprobs } : {}),
      usage,
      cached,
      key: entry.key,
    };
  }
  const mode = modalAnswer(samples);
  const modalLogprobs = entry.choices[mode.index].logprobs;
  return {
    ok: true,
    data: mode.answer,
    samples,
    confidence: mode.agreement,
    confidenceSource: "self-consistency",
    ...(modalLogprobs ? { logprobs: modalLogprobs } : {}),
    usage,
    cached,
    key: entry.key,
  };
}
