import { checkRows, specHead, type VegaLiteSpec, plainTitles } from "./vega-lite-spec.ts";

/** Agreement after spending a number of teacher labels. */
export interface LearningCurvePoint {
  /** Teacher labels spent so far. */
  labels: number;
  /** Held-out agreement with the teacher (or accuracy), in [0, 1]. */
  agreement: number;
  /** Curve name, e.g. "active" or "random". */
  series?: string;
  /** Optional band, e.g. min and max over seeds. */
  low?: number;
  high?: number;
}

/** Options for {@link learningCurveChart}. */
export interface LearningCurveChartOptions {
  /** Default "Learning curve". */
  title?: string;
  /** Line under the title. Default none. */
  subtitle?: string;
  /** Default "Agreement with teacher". */
  measure?: string;
}

/**
 * How agreement with the teacher grows with the labels paid for; pass two series (e.g. active
 * selection vs random) to see which spends the budget better.
 *
 * @example
 * learningCurveChart([
 *   { labels: 50, agreement: 0.81, series: "active" }, { labels: 100, agreement: 0.9, series: "active" },
 *   { labels: 50, agreement: 0.78, series: "random" }, { labels: 100, agreement: 0.85, series: "random" },
 * ]);
 */
export function learningCurveChart(
  points: readonly LearningCurvePoint[],
  options: LearningCurveChartOptions = {},
): VegaLiteSpec<LearningCurvePoint> {
  checkRows("learningCurveChart", points, ["labels", "agreement"], ["low", "high"]);
  const values = [...points]
    .map((p) => ({ ...p, series: p.series ?? "model" }))
    .sort((a, b) => a.series.localeCompare(b.series) || a.labels - b.labels);
  const measure = options.measure ?? "Agreement with teacher";
  const x = { field: "labels", type: "quantitative", title: "Teacher labels spent" };
  const y = { field: "agreement", type: "quantitative", title: measure, scale: { zero: false }, axis: { format: "~%" } };
  const color = { field: "series", type: "nominal", title: "Selection" };
  const hasBand = values.some((p) => p.low !== undefined && p.high !== undefined);
  return plainTitles({
    ...specHead(
      options.title ?? "Learning curve",
      options.subtitle,
      `${measure} against teacher labels spent, ${new Set(values.map((v) => v.series)).size} series.`,
    ),
    data: { values },
    width: 420,
    height: 260,
    layer: [
      ...(hasBand
        ? [{
          transform: [{ filter: "isValid(datum.low) && isValid(datum.high)" }],
          mark: { type: "area", opacity: 0.2 },
          encoding: { x, y: { field: "low", type: "quantitative" }, y2: { field: "high" }, color: { ...color, legend: null } },
        }]
        : []),
      {
        mark: { type: "line", point: true },
        encoding: {
          x,
          y,
          color,
          tooltip: [
            { field: "series", type: "nominal", title: "Selection" },
            { field: "labels", type: "quantitative", title: "Labels" },
            { field: "agreement", type: "quantitative", title: measure, format: ".1%" },
          ],
        },
      },
    ],
  });
}
