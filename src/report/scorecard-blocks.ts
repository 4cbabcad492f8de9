import { int, num } from "./format.ts";
import type { ReportBlock } from "./report-sections.ts";

/**
 * The model section's scorecard lines: how far the default points table (pdo 20, 600 points at
 * odds 50:1) strays from the exact score over the test rows; nothing when the model has no scorecard.
 *
 * @example
 * scorecardBlocks({ maxDifference: 9.5, n: 120 }); // [{ kind: "paragraph", text: "Scorecard: ..." }]
 */
export function scorecardBlocks(check: { maxDifference: number; n: number } | undefined): ReportBlock[] {
  if (check === undefined) return [];
  return [{
    kind: "paragraph",
    text: `Scorecard (u.scorecard(): pdo 20, 600 points at odds 50:1): over ${int(check.n)} held-out test rows, a row's total from the points table differs from its exact score (offset + factor·ln(p/(1−p))) by at most ${num(check.maxDifference)} points, from the binning of numeric columns into training deciles and the rounding to whole points.`,
  }];
}
