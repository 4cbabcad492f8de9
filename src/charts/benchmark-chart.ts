import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { checkRows, specHead, type VegaLiteSpec, plainTitles } from "./vega-lite-spec.ts";

/** One system of a benchmark (the LLM, the small model, the cascade), as the chart reads it. */
export interface BenchmarkChartRow {
  /** Name shown on the axis, e.g. "LLM (gpt-4o-mini)". */
  system: string;
  /** Accuracy against gold labels, in [0, 1]. */
  accuracy: number;
  /** Median and 95th percentile latency of one prediction, in milliseconds (> 0: the axis is logarithmic). */
  latencyP50Ms: number;
  latencyP95Ms: number;
  /** Cost of 1,000 predictions in USD. */
  costPer1000USD: number;
}

/** Options for {@link benchmarkChart}. */
export interface BenchmarkChartOptions {
  /** Default "Small model against the LLM". */
  title?: string;
  subtitle?: string;
}

/**
 * Three panels side by side, one bar (or range) per system: accuracy against gold labels,
 * latency per prediction (median dot, line to the 95th percentile, log scale: an in-process
 * model and an LLM call are orders of magnitude apart) and cost per 1,000 predictions.
 *
 * @example
 * benchmarkChart([
 *   { system: "LLM (gpt-4o-mini)", accuracy: 0.93, latencyP50Ms: 420, latencyP95Ms: 900, costPer1000USD: 0.05 },
 *   { system: "Small model (tree)", accuracy: 0.9, latencyP50Ms: 0.01, latencyP95Ms: 0.03, costPer1000USD: 0 },
 * ]);
 */
export function benchmarkChart(
  rows: readonly BenchmarkChartRow[],
  options: BenchmarkChartOptions = {},
): VegaLiteSpec<BenchmarkChartRow> {
  checkRows("benchmarkChart", rows, ["accuracy", "latencyP50Ms", "latencyP95Ms", "costPer1000USD"]);
  rows.forEach((r, i) => {
    if (typeof r.system !== "string" || r.system === "") {
      throw new UnderstudyError("bad_input", messages.charts.systemName(i, r.system));
    }
    if (!(r.latencyP50Ms > 0 && r.latencyP95Ms > 0)) {
      throw new UnderstudyError("bad_input", messages.charts.latencies(i, r.latencyP50Ms, r.latencyP95Ms));
    }
  });
  const values = rows.map((r) => ({ ...r }));
  // Systems are named once, in the legend: hconcat aligns its cells, so an axis of names on
  // the first panel only would push the other panels apart.
  const y = { field: "system", type: "nominal", title: null, sort: values.map((r) => r.system), axis: null };
  const tooltip = [
    { field: "system", type: "nominal", title: "System" },
    { field: "accuracy", type: "quantitative", title: "Accuracy", format: ".1%" },
    { field: "latencyP50Ms", type: "quantitative", title: "Latency p50 (ms)", format: ".3~g" },
    { field: "latencyP95Ms", type: "quantitative", title: "Latency p95 (ms)", format: ".3~g" },
    { field: "costPer1000USD", type: "quantitative", title: "USD per 1,000", format: ".4~f" },
  ];
  const color = { field: "system", type: "nominal", sort: values.map((r) => r.system), legend: { title: null, orient: "top", direction: "vertical", labelLimit: 400 } };
  const panel = { width: 230, height: { step: 26 } };
  const accuracyX = { field: "accuracy", type: "quantitative", title: "Accuracy (gold)", scale: { domain: [0, 1] }, axis: { format: "~%" } };
  const costX = { field: "costPer1000USD", type: "quantitative", title: "USD per 1,000 predictions", axis: { labelFlush: true }, scale: { domain: [0, Math.max(...values.map((r) => r.costPer1000USD)) * 1.25 || 1] } };
  return plainTitles({
    ...specHead(
      options.title ?? "Small model against the LLM",
      options.subtitle ?? "Accuracy on gold labels, latency per prediction (dot p50, line to p95), cost per 1,000 predictions",
      `Accuracy, latency and cost of ${values.length} systems on the same held-out rows.`,
    ),
    data: { values },
    hconcat: [
      {
        ...panel,
        layer: [
          { mark: { type: "bar" }, encoding: { y, x: accuracyX, color, tooltip } },
          // Accuracies are often within a few points: print them, the bars alone would hide it.
          { mark: { type: "text", align: "right", dx: -4, color: "white", fontWeight: "bold" }, encoding: { y, x: accuracyX, text: { field: "accuracy", type: "quantitative", format: ".1%" } } },
        ],
      },
      {
        ...panel,
        layer: [
          {
            mark: { type: "rule", strokeWidth: 2 },
            encoding: { y, x: { field: "latencyP50Ms", type: "quantitative", title: "Latency, ms (log scale)", scale: { type: "log" }, axis: { tickCount: 6, grid: false, labelFlush: true } }, x2: { field: "latencyP95Ms" }, color, tooltip },
          },
          {
            mark: { type: "point", filled: true, size: 70 },
            encoding: { y, x: { field: "latencyP50Ms", type: "quantitative" }, color, tooltip },
          },
        ],
      },
      {
        ...panel,
        layer: [
          { mark: { type: "bar" }, encoding: { y, x: costX, color, tooltip } },
          { mark: { type: "text", align: "left", dx: 4 }, encoding: { y, x: costX, text: { field: "costPer1000USD", type: "quantitative", format: "$.3~g" } } },
        ],
      },
    ],
  });
}
