import type { TeacherRequest } from "./teacher.ts";

/** Completion tokens assumed per sample when a request sets no `maxTokens`. */
export const DEFAULT_COMPLETION_TOKENS = 50;

/**
 * An upper estimate of the completion tokens of `n` samples of `request`, before asking: its
 * `maxTokens` (else 50) per sample. Used for tokens-per-minute limits, budget reservations and plans.
 *
 * @example
 * completionEstimate({ ...request, maxTokens: 20 }, 3); // 60
 */
export function completionEstimate(request: TeacherRequest<unknown>, n: number): number {
  return (request.maxTokens ?? DEFAULT_COMPLETION_TOKENS) * n;
}
