import type { VegaLiteSpec } from "../charts/vega-lite-spec.ts";
import type { ReportSectionId } from "./report-input.ts";

/** One piece of a section; the HTML and Markdown writers render the same blocks. */
export type ReportBlock =
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "facts"; rows: [string, string][] }
  | { kind: "list"; items: string[] }
  /** `folded`: the whole table waits in a closed section (a long list summarized by another block). */
  | { kind: "table"; caption: string; columns: string[]; rows: string[][]; numeric?: boolean[]; folded?: boolean }
  /** `collapsed`: a secondary chart, drawn inside a closed section so the report stays short. */
  | { kind: "chart"; spec: VegaLiteSpec; alt: string; collapsed?: boolean }
  | { kind: "notMeasured"; what: string; reason: string };

export interface ReportSection {
  id: ReportSectionId;
  title: string;
  /** False when the section's data were absent and it only says why. */
  measured: boolean;
  blocks: ReportBlock[];
}
