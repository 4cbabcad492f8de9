import { checkRows, specHead, type VegaLiteSpec } from "./vega-lite-spec.ts";

/** What {@link driftChart} draws: PSI per input column and of the model's output (what `u.monitor(rows)` returns). */
export interface DriftChartInput {
  rows?: number;
  columns: readonly { column: string; psi: number }[];
  prediction?: { output?: string; psi: number };
}

/** Options for {@link driftChart}. */
export interface DriftChartOptions {
  /** PSI above which a column has drifted. Default 0.25. */
  threshold?: number;
  /** Default "Drift against the training rows". */
  title?: string;
  /** Default: "<n> new rows; PSI over the training deciles and levels". */
  subtitle?: string;
}

/** One bar of the chart. */
export interface DriftBar {
  name: string;
  psi: number;
  /** "input column" or "model output". */
  what: string;
  /** "stable" (PSI < 0.1), "moderate shift" (to the threshold) or "drifted" (above it). */
  level: string;
}

/**
 * Horizontal bars of the population stability index of each input column and of the model's
 * output, largest first, coloured by level (under 0.1 stable, up to the threshold a moderate
 * shift, above it drifted), with a rule at the threshold.
 *
 * @example
 * const spec = driftChart(u.monitor(newRows));
 * await renderSVG(spec);
 */
export function driftChart(input: DriftChartInput, options: DriftChartOptions = {}): VegaLiteSpec<DriftBar> {
  const threshold = options.threshold ?? 0.25;
  const bars: DriftBar[] = [
    ...input.columns.map((c) => ({ name: c.column, psi: c.psi, what: "input column" })),
    ...(input.prediction ? [{ name: input.prediction.output ?? "prediction", psi: input.prediction.psi, what: "model output" }] : []),
  ].map((b) => ({ ...b, level: b.psi > threshold ? "drifted" : b.psi >= 0.1 ? "moderate shift" : "stable" }));
  checkRows("driftChart", bars, ["psi"]);
  const rows = input.rows !== undefined ? `${input.rows} new rows; ` : "";
  const drifted = bars.filter((b) => b.level === "drifted").length;
  return {
    ...specHead(
      options.title ?? "Drift against the training rows",
      options.subtitle ?? `${rows}PSI over the training deciles and levels`,
      `Population stability index of ${bars.length} inputs and outputs; ${drifted} above ${threshold}.`,
    ),
    data: { values: bars },
    width: 420,
    height: { step: 20 },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          y: { field: "name", type: "nominal", sort: { field: "psi", order: "descending" }, title: null },
          x: { field: "psi", type: "quantitative", title: "PSI" },
          color: {
            field: "level", type: "nominal", title: null,
            scale: { domain: ["stable", "moderate shift", "drifted"], range: ["#54a24b", "#f58518", "#e45756"] },
          },
          tooltip: [
            { field: "name", type: "nominal", title: "Input" },
            { field: "what", type: "nominal", title: "Kind" },
            { field: "psi", type: "quantitative", title: "PSI", format: ".4f" },
            { field: "level", type: "nominal", title: "Level" },
          ],
        },
      },
      {
        data: { values: [{ threshold }] },
        mark: { type: "rule", color: "#333333", strokeDash: [4, 3] },
        encoding: { x: { field: "threshold", type: "quantitative" } },
      },
    ],
  };
}
