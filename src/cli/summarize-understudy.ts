import type { Understudy } from "../understudy/understudy.ts";

/**
 * A few lines a person reads after distilling: the model chosen and why (cross-validated, ± its
 * standard error), agreement with the teacher and accuracy on gold labels (held-out rows), the
 * decision cutoff and calibration when the run set them, the cascade, and what the teacher cost
 * (a dollar figure only when something was paid at a known price).
 *
 * @example
 * console.log(summarizeUnderstudy(u).join("\n"));
 * // Model chosen: decision tree (depth ≤ 3) came within 1.0% of the best validation agreement...
 */
export function summarizeUnderstudy(u: Understudy): string[] {
  const m = u.metadata;
  const v = m.metrics.vsTeacher;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [`Model chosen: ${m.modelChoice.reason}`];
  if (m.taskType === "regression") {
    lines.push(`R² against the ${m.teacher.kind === "gold" ? "gold values" : "teacher"}: ${v.agreement.toFixed(3)} on ${v.n} held-out rows`);
  } else if (m.teacher.kind === "gold") {
    lines.push(`Accuracy against the gold labels (which taught): ${pct(v.agreement)} on ${v.n} held-out rows`);
  } else {
    lines.push(`Agreement with the teacher: ${pct(v.agreement)} on ${v.n} held-out rows`);
    if (m.metrics.vsGold) lines.push(`Accuracy against the gold labels: ${pct(m.metrics.vsGold.accuracy)} on ${m.metrics.vsGold.n} held-out rows`);
  }
  if (m.cutoff) lines.push(`Cutoff: ${m.cutoff.text}`);
  if (m.calibrator) lines.push("Calibration: predictProba and predict apply the out-of-fold Platt calibration (--calibrate)");
  const c = m.metrics.cascade;
  if (c?.met) lines.push(`Cascade: the small model answers ${pct(c.test.coverage)} of test rows on its own at confidence ≥ ${c.threshold.toFixed(3)}, for ${pct(c.targetAgreement)} target agreement`);
  else if (c) lines.push(`Cascade: no confidence threshold keeps ${pct(c.targetAgreement)} agreement on out-of-fold rows, so the teacher would answer every row`);
  if (m.teacher.kind !== "gold") lines.push(teacherCost(m.stats));
  return lines;
}

/** What the teacher cost, with a dollar figure only where one was paid or estimated (a known price). */
function teacherCost(s: { teacherCalls: number; cacheHits: number; costUSD: number }): string {
  if (s.teacherCalls === 0) return `Teacher: no paid calls (${s.cacheHits} answers from the cache)`;
  const cost = s.costUSD > 0 ? `, $${s.costUSD.toFixed(4)}` : "";
  return `Teacher: ${s.teacherCalls} paid calls${cost}, ${s.cacheHits} cache hits`;
}
