import { buildReport } from "../report/build-report.ts";
import type { MonitorResult } from "./monitor.ts";
import { understudyReportInput } from "./report-input.ts";
import { buildScorecard, type Scorecard } from "./scorecard.ts";
import type { UnderstudyParts } from "./understudy-parts.ts";

/** Options of {@link understudyReport}. */
export interface UnderstudyReportOptions {
  format: "html" | "md" | "json";
  /** ISO time printed on the report. Default: when the model was distilled, so the same model gives the same report. */
  generatedAt?: string;
  /** `u.monitor(rows)` of rows from use: adds the drift section (PSI chart and the drifted columns) and fills the monitoring plan. */
  monitor?: MonitorResult;
}

/**
 * The audit report of a distilled model: "html" (self-contained, charts as inline SVG), "md"
 * or "json", from the figures stored at distill time (so it works after `fromJSON`).
 *
 * @example
 * const html = await understudyReport(u, { format: "html", monitor: u.monitor(lastWeek) });
 */
export function understudyReport(u: UnderstudyParts, options: UnderstudyReportOptions): Promise<string> {
  const scorecard = scorecardOf(u);
  const input = understudyReportInput(
    {
      model: u.model, featurizer: u.featurizer.toJSON(), metadata: u.metadata, hashes: u.hashes,
      ...(scorecard ? { scorecard } : {}),
      ...(options?.monitor ? { monitor: options.monitor } : {}),
    },
    options?.generatedAt ?? u.metadata.createdAt,
  );
  return buildReport(input, { format: options?.format });
}

// The run checked the default scorecard on the test rows exactly when the model has one.
function scorecardOf(u: UnderstudyParts): Scorecard | undefined {
  const m = u.metadata;
  if (!m.reference?.scorecardCheck) return undefined;
  return buildScorecard({ featurizer: u.featurizer, model: u.model, reference: m.reference, ...(m.labels ? { labels: m.labels } : {}), ...(m.positive ? { positive: m.positive } : {}) });
}
