import { DASH, int, num, pct, rowsText, value } from "./format.ts";
import type { ReportInput } from "./report-input.ts";
import type { ReportBlock } from "./report-block.ts";

type ReportModel = NonNullable<ReportInput["model"]>;

/**
 * The "Model" section: type and size, options, each candidate family at its tuned settings with
 * its cross-validated score ± standard error (and the rows), the families left out and why, why
 * the winner won, and the monotone constraints checked on held-out rows.
 *
 * @example
 * modelBlocks(input.model, input.explanations?.monotone);
 */
export function modelBlocks(m: ReportModel | undefined, monotone?: NonNullable<ReportInput["explanations"]>["monotone"]): ReportBlock[] | null {
  if (m === undefined) return null;
  const blocks: ReportBlock[] = [{ kind: "facts", rows: [["Type", m.type], ["Size", m.size ?? DASH]] }];
  const hyper = Object.entries(m.hyperparameters ?? {});
  if (hyper.length > 0) {
    blocks.push({ kind: "table", caption: "Hyperparameters", columns: ["Option", "Value"], rows: hyper.map(([k, v]) => [k, value(v)]) });
  }
  if (m.candidates !== undefined && m.candidates.length > 0) blocks.push(candidateTable(m.candidates));
  if (m.choiceReason !== undefined) blocks.push({ kind: "paragraph", text: `Why this model: ${m.choiceReason}` });
  if (m.leftOut !== undefined && m.leftOut.length > 0) {
    blocks.push({ kind: "table", caption: "Candidate families left out of the comparison", columns: ["Family", "Why"], rows: m.leftOut.map((l) => [l.type, l.reason]) });
  }
  if (monotone !== undefined && monotone.length > 0) blocks.push(monotoneTable(monotone));
  return blocks;
}

function candidateTable(candidates: NonNullable<ReportModel["candidates"]>): ReportBlock {
  const ons = [...new Set(candidates.map((c) => rowsText(c.on, c.rows) + (c.folds === undefined ? "" : `, ${c.folds} folds`)))];
  const hasError = candidates.some((c) => c.standardError !== undefined);
  // A Note column only when some candidate has a note: an always-empty column is noise.
  const hasNote = candidates.some((c) => c.note);
  const score = (x: number, metric: string) => (/agreement|accuracy/i.test(metric) ? pct(x) : num(x));
  return {
    kind: "table",
    caption: `Candidates compared before the choice, each at its tuned settings (${ons.join("; ")})`,
    columns: ["Candidate at its tuned settings", "Metric", hasError ? "Score ± standard error" : "Score", "Chosen", ...(hasNote ? ["Note"] : [])],
    numeric: [false, false, true, false, ...(hasNote ? [false] : [])],
    rows: candidates.map((c) => [
      c.type, c.metric,
      `${score(c.score, c.metric)}${c.standardError === undefined ? "" : ` ± ${score(c.standardError, c.metric)}`}`,
      c.chosen ? "yes" : "", ...(hasNote ? [c.note ?? ""] : []),
    ]),
  };
}

function monotoneTable(monotone: NonNullable<NonNullable<ReportInput["explanations"]>["monotone"]>): ReportBlock {
  return {
    kind: "table",
    caption: "Monotone constraints checked (rows where moving the column in its direction moved the output the other way)",
    columns: ["Column", "Direction", "Rows", "Violations"],
    numeric: [false, false, false, true],
    rows: monotone.map((c) => [c.column, c.direction, rowsText(c.rows, c.n), int(c.violations)]),
  };
}
