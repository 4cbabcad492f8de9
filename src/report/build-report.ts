import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { computeReport } from "./report-computed.ts";
import type { ReportInput } from "./report-input.ts";
import { reportSections } from "./report-sections.ts";
import { renderHtml } from "./render-html.ts";
import { renderMarkdown } from "./render-markdown.ts";

/** Options for {@link buildReport}. */
export interface BuildReportOptions {
  /** "html": one self-contained file with inline SVG charts; "md": Markdown; "json": data. */
  format: "html" | "md" | "json";
}

/** Version of the JSON form (`format: "json"`); bumped when its shape changes. */
export const REPORT_JSON_VERSION = 1;

/**
 * Writes the audit report (a model card) of a distilled model. Every section appears in every
 * format; a section whose data are absent says "not measured" and why. The HTML is one file
 * that works offline and prints well; all text from users or the LLM is escaped. The JSON form
 * is the input plus computed figures (intervals, calibration error, flags), keys sorted.
 *
 * @example
 * const html = await buildReport({
 *   task: { description: "Is this email spam?", intendedUse: "Inbox triage", labels: ["ham", "spam"] },
 *   teacher: { model: "gpt-4o-mini" },
 *   performance: { vsTeacher: { value: 0.94, rows: 400 } },
 * }, { format: "html" });
 * writeFileSync("report.html", html);
 */
export async function buildReport(input: ReportInput, options: BuildReportOptions): Promise<string> {
  const format = options?.format;
  if (format !== "html" && format !== "md" && format !== "json") {
    throw new UnderstudyError("bad_option", messages.report.format(format));
  }
  if (typeof input?.task?.description !== "string" || input.task.description.trim() === "") {
    throw new UnderstudyError("bad_input", messages.report.noTaskDescription());
  }
  const computed = computeReport(input);
  const sections = reportSections(input, computed);
  if (format === "html") return renderHtml(input, sections, computed);
  if (format === "md") return renderMarkdown(input, sections);
  const json = {
    format: "understudy-report",
    version: REPORT_JSON_VERSION,
    input,
    computed,
    sections: sections.map((s) => ({
      id: s.id,
      title: s.title,
      measured: s.measured,
      ...(s.measured ? {} : { reason: s.blocks[0]?.kind === "notMeasured" ? s.blocks[0].reason : "" }),
    })),
  };
  return `${JSON.stringify(sortKeys(json), null, 2)}\n`;
}

// Stable key order (arrays keep theirs), so equal inputs give byte-equal JSON reports.
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  }
  return typeof v === "number" && !Number.isFinite(v) ? null : v;
}
