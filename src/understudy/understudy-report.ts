import { buildReport } from "../report/build-report.ts";
import { understudyReportInput } from "./report-input.ts";
import type { UnderstudyParts } from "./understudy-parts.ts";

/** Options of {@link understudyReport}. */
export interface UnderstudyReportOptions {
  format: "html" | "md" | "json";
  /** ISO time printed on the report. Default: when the model was distilled, so the same model gives the same report. */
  generatedAt?: string;
}

/**
 * The audit report of a distilled model: "html" (self-contained, charts as inline SVG), "md"
 * or "json", from the figures stored at distill time (so it works after `fromJSON`).
 *
 * @example
 * const html = await understudyReport(u, { format: "html" });
 */
export function understudyReport(u: UnderstudyParts, options: UnderstudyReportOptions): Promise<string> {
  const input = understudyReportInput(
    { model: u.model, featurizer: u.featurizer.toJSON(), metadata: u.metadata, hashes: u.hashes },
    options?.generatedAt ?? u.metadata.createdAt,
  );
  return buildReport(input, { format: options?.format });
}
