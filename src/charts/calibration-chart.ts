import { checkRows, specHead, type VegaLiteSpec, plainTitles } from "./vega-lite-spec.ts";

/** One bin of a reliability diagram. */
export interface CalibrationBin {
  /** Mean predicted probability of the rows in the bin, in [0, 1]. */
  meanPredicted: number;
  /** Share of those rows whose reference label was the positive class, in [0, 1]. */
  observed: number;
  /** Rows in the bin. */
  count: number;
  /** Name of the curve when several are drawn (e.g. "before" / "after" calibration). */
  series?: string;
}

/** Options for {@link calibrationChart}. */
export interface CalibrationChartOptions {
  /** Default "Calibration". */
  title?: string;
  /** Line under the title. Default: how to read the diagonal. */
  subtitle?: string;
  /** Default "Observed share (teacher)". */
  observedTitle?: string;
}

/**
 * Reliability diagram: observed frequency against mean predicted probability per bin, with the
 * diagonal of perfect calibration; point size is the number of rows in the bin.
 *
 * @example
 * calibrationChart([
 *   { meanPredicted: 0.1, observed: 0.05, count: 40 },
 *   { meanPredicted: 0.9, observed: 0.85, count: 35 },
 * ]);
 */
export function calibrationChart(
  bins: readonly CalibrationBin[],
  options: CalibrationChartOptions = {},
): VegaLiteSpec<CalibrationBin> {
  checkRows("calibrationChart", bins, ["meanPredicted", "observed", "count"]);
  const observedTitle = options.observedTitle ?? "Observed share (teacher)";
  const series = bins.some((b) => b.series !== undefined);
  const values = [...bins]
    .map((b) => ({ ...b, ...(series ? { series: b.series ?? "model" } : {}) }))
    .sort((a, b) => (a.series ?? "").localeCompare(b.series ?? "") || a.meanPredicted - b.meanPredicted);
  const axis = { format: "~%" };
  const x = { field: "meanPredicted", type: "quantitative", title: "Mean predicted probability", scale: { domain: [0, 1] }, axis };
  const y = { field: "observed", type: "quantitative", title: observedTitle, scale: { domain: [0, 1] }, axis };
  const color = series ? { color: { field: "series", type: "nominal", title: "Curve" } } : {};
  const tooltip = [
    ...(series ? [{ field: "series", type: "nominal", title: "Curve" }] : []),
    { field: "meanPredicted", type: "quantitative", title: "Mean predicted", format: ".3f" },
    { field: "observed", type: "quantitative", title: "Observed", format: ".3f" },
    { field: "count", type: "quantitative", title: "Rows" },
  ];
  return plainTitles({
    ...specHead(
      options.title ?? "Calibration",
      options.subtitle ?? "Points on the dashed diagonal are perfectly calibrated",
      `Reliability diagram over ${bins.length} bins.`,
    ),
    data: { values },
    width: 320,
    height: 320,
    layer: [
      {
        data: { values: [{ p: 0 }, { p: 1 }] },
        mark: { type: "line", color: "#999999", strokeDash: [4, 4] },
        encoding: {
          x: { field: "p", type: "quantitative", scale: { domain: [0, 1] }, title: x.title, axis },
          y: { field: "p", type: "quantitative", scale: { domain: [0, 1] }, title: y.title, axis },
        },
      },
      { mark: { type: "line", ...(series ? {} : { color: "#4c78a8" }) }, encoding: { x, y, ...color } },
      {
        mark: { type: "point", filled: true, ...(series ? {} : { color: "#4c78a8" }) },
        encoding: {
          x,
          y,
          ...color,
          size: { field: "count", type: "quantitative", title: "Rows", scale: { range: [20, 300] } },
          tooltip,
        },
      },
    ],
  });
}
