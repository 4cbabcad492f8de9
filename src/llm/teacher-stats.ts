import type { PurposeStats, TeacherStats } from "./teacher.ts";

/**
 * Fresh, zeroed running totals for a teacher, with the per-purpose breakdown.
 *
 * @example
 * const stats = createTeacherStats();
 * countInStats(stats, "label", { teacherCalls: 1, promptTokens: 120, completionTokens: 6, costUSD: 0.00002 });
 */
export function createTeacherStats(): TeacherStats & { byPurpose: Record<string, PurposeStats> } {
  return { teacherCalls: 0, cacheHits: 0, failures: 0, retries: 0, promptTokens: 0, completionTokens: 0, costUSD: 0, byPurpose: {} };
}

/** Adds `delta` to the totals and to the totals of `purpose` ("other" when unset). */
export function countInStats(stats: TeacherStats, purpose: string | undefined, delta: Partial<PurposeStats> & { retries?: number }): void {
  const byPurpose = (stats.byPurpose ??= {});
  const slot = (byPurpose[purpose ?? "other"] ??= { teacherCalls: 0, cacheHits: 0, failures: 0, promptTokens: 0, completionTokens: 0, costUSD: 0 });
  for (const name of ["teacherCalls", "cacheHits", "failures", "promptTokens", "completionTokens", "costUSD"] as const) {
    const value = delta[name];
    if (value) {
      stats[name] += value;
      slot[name] += value;
    }
  }
  if (delta.retries) stats.retries += delta.retries;
}
