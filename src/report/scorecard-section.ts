import { int, num } from "./format.ts";
import type { ReportScorecard } from "./report-input.ts";
import type { ReportBlock } from "./report-block.ts";

/** Points table rows shown open; the rest wait folded under it. */
const OPEN_SCORECARD_ROWS = 30;

/**
 * The "Scorecard" section: how the score is scaled, the points table (its first 30 lines open,
 * the rest folded) and the largest difference between a row's table total and its exact score
 * over the held-out test rows. Null when the model has no scorecard.
 *
 * @example
 * scorecardSectionBlocks({ pdo: 20, points: 600, odds: 50, factor: 28.85, offset: 487.1, positive: "default", table, check: { maxDifference: 9.5, n: 120 } });
 */
export function scorecardSectionBlocks(s: ReportScorecard | undefined): ReportBlock[] | null {
  if (s === undefined) return null;
  const rows = s.table.map((r) => [r.column, r.condition, signedInt(r.points)]);
  const columns = ["Column", "When", "Points"];
  return [
    {
      kind: "paragraph",
      text: `Scorecard (u.scorecard()): ${num(s.points)} points at odds ${num(s.odds)}:1 for ${s.positive}, ${num(s.pdo)} points to double the odds; score = ${num(s.offset)} + ${num(s.factor)}·ln(p/(1−p)), p = P(${s.positive}). A row's score from the table is the sum of the points of the line each column falls in.`,
    },
    s.check === undefined
      ? { kind: "notMeasured", what: "Largest table-vs-score difference", reason: "no held-out test rows were scored" }
      : {
        kind: "paragraph",
        text: `Largest table-vs-score difference: over ${int(s.check.n)} held-out test rows, a row's total from the points table differs from its exact score (offset + factor·ln(p/(1−p))) by at most ${num(s.check.maxDifference)} points, from the binning of numeric columns into training deciles and the rounding to whole points.`,
      },
    {
      kind: "table",
      caption: `Points table (${s.table.length} lines${s.table.length > OPEN_SCORECARD_ROWS ? `: the first ${OPEN_SCORECARD_ROWS}` : ""})`,
      columns, numeric: [false, false, true], rows: rows.slice(0, OPEN_SCORECARD_ROWS),
    },
    ...(s.table.length > OPEN_SCORECARD_ROWS
      ? [{ kind: "table", caption: `The other ${s.table.length - OPEN_SCORECARD_ROWS} lines of the points table`, columns, numeric: [false, false, true], rows: rows.slice(OPEN_SCORECARD_ROWS), folded: true } as ReportBlock]
      : []),
  ];
}

function signedInt(x: number): string {
  return x > 0 ? `+${int(x)}` : int(x);
}
