// Public API of src/report (re-exports only).
export { buildReport, REPORT_JSON_VERSION, type BuildReportOptions } from "./build-report.ts";
export type { ReportInput, ReportScore, ReportSectionId, ReportValue } from "./report-input.ts";
