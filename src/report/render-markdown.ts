import type { ReportInput } from "./report-input.ts";
import type { ReportBlock, ReportSection } from "./report-block.ts";
import { OPEN_TABLE_ROWS } from "./format.ts";

/** The report as Markdown: the same sections and tables; charts are named, their data tabled. */
export function renderMarkdown(input: ReportInput, sections: ReportSection[]): string {
  const title = input.title ?? `Audit report: ${input.task.description}`;
  const out: string[] = [`# ${md(title)}`, ""];
  if (input.generatedAt !== undefined) out.push(`_${md(input.generatedAt)}_`, "");
  out.push(...sections.map((s, i) => `${i + 1}. [${md(s.title)}](#${s.id})${s.measured ? "" : " (not measured)"}`), "");
  sections.forEach((s, i) => {
    out.push(`<a id="${s.id}"></a>`, `## ${i + 1}. ${md(s.title)}`, "");
    for (const b of s.blocks) out.push(block(b), "");
  });
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}

function block(b: ReportBlock): string {
  switch (b.kind) {
    case "heading":
      return `### ${md(b.text)}`;
    case "paragraph":
      return md(b.text);
    case "list":
      return b.items.map((i) => `- ${md(i)}`).join("\n");
    case "facts":
      return table(["Item", "Value"], b.rows.map(([k, v]) => [`**${md(k)}**`, md(v)]), [false, false]);
    case "table": {
      if (b.folded) return `_${md(b.caption)}: in the HTML and JSON reports._`;
      const head = `**${md(b.caption)}**\n\n${table(b.columns.map(md), b.rows.slice(0, OPEN_TABLE_ROWS).map((r) => r.map(md)), b.numeric)}`;
      // Markdown stays short: the long tail of a table is in the HTML report (folded) and the JSON one.
      if (b.rows.length <= OPEN_TABLE_ROWS) return head;
      return `${head}\n\n_First ${OPEN_TABLE_ROWS} of ${b.rows.length.toLocaleString("en-US")} rows; all of them are in the HTML and JSON reports._`;
    }
    case "notMeasured":
      return `_${md(b.what)}: not measured: ${md(b.reason)}._`;
    case "chart":
      return `_Figure: ${md(b.alt)} (drawn in the HTML report; its data are in the table below)._`;
  }
}

function table(columns: string[], rows: string[][], numeric: boolean[] = []): string {
  const align = columns.map((_, j) => (numeric[j] ? "---:" : "---"));
  return [columns, align, ...rows].map((r) => `| ${r.map((c) => c === "" ? " " : c).join(" | ")} |`).join("\n");
}

// Text from users and the LLM must stay text: no HTML, no table breaks, no emphasis or links.
function md(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]|#])/g, "\\$1")
    .replace(/\r?\n/g, " ");
}
