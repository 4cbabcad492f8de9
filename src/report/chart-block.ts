import type { VegaLiteSpec } from "../charts/vega-lite-spec.ts";
import { UnderstudyError } from "../core/errors.ts";
import { logger } from "../core/logger.ts";
import type { ReportBlock } from "./report-block.ts";

/**
 * A chart block built safely: a chart whose data a builder rejects (say, a NaN rate) must not
 * sink the whole audit, so the section keeps its table and says why the chart is missing, and
 * the logger gets a warning. `collapsed`: drawn inside a closed section.
 *
 * @example
 * chartBlock(() => driftChart(monitored), "PSI per input column (new rows, n = 500).");
 */
export function chartBlock(build: () => VegaLiteSpec, alt: string, collapsed = false): ReportBlock {
  try {
    return { kind: "chart", spec: build(), alt, ...(collapsed ? { collapsed } : {}) };
  } catch (error) {
    if (!(error instanceof UnderstudyError)) throw error;
    logger().warn(`report: chart left out (${error.message})`);
    return { kind: "notMeasured", what: `Chart (${alt.replace(/\.$/, "")})`, reason: `not drawn, ${error.message}` };
  }
}
