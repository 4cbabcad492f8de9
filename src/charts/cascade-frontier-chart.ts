import { checkRows, specHead, type VegaLiteSpec, plainTitles } from "./vega-lite-spec.ts";

/** One operating point of a cascade: rows below a confidence threshold go to the LLM. */
export interface CascadeFrontierPoint {
  /** Share of rows sent to the LLM, in [0, 1]. */
  shareToLLM: number;
  /** Accuracy (or agreement) of the combined answers, in [0, 1]. */
  accuracy: number;
  /** Cost of the LLM calls at this point (e.g. USD per 1,000 rows). */
  cost?: number;
  /** Confidence threshold that gives this point. */
  threshold?: number;
}

/** Options for {@link cascadeFrontierChart}. */
export interface CascadeFrontierChartOptions {
  /** Draws a horizontal line at the accuracy you need. Default: no line. */
  targetAccuracy?: number;
  /** Unit of `cost`. Default "USD per 1,000 rows". */
  costUnit?: string;
  /** Default "Cascade frontier". */
  title?: string;
  /** Line under the title. Default: which line is which when `cost` is given, else none. */
  subtitle?: string;
}

/**
 * Accuracy against the share of rows sent to the LLM (left axis), and its cost (dashed, right
 * axis) when given: where to set the threshold for the accuracy you need.
 *
 * @example
 * cascadeFrontierChart([
 *   { shareToLLM: 0, accuracy: 0.88, cost: 0 }, { shareToLLM: 0.2, accuracy: 0.95, cost: 0.4 },
 *   { shareToLLM: 1, accuracy: 0.97, cost: 2 },
 * ], { targetAccuracy: 0.95 });
 */
export function cascadeFrontierChart(
  points: readonly CascadeFrontierPoint[],
  options: CascadeFrontierChartOptions = {},
): VegaLiteSpec<CascadeFrontierPoint> {
  checkRows("cascadeFrontierChart", points, ["shareToLLM", "accuracy"], ["cost", "threshold"]);
  const values = [...points].sort((a, b) => a.shareToLLM - b.shareToLLM);
  const hasCost = values.some((p) => p.cost !== undefined);
  const costUnit = options.costUnit ?? "USD per 1,000 rows";
  const x = { field: "shareToLLM", type: "quantitative", title: "Share of rows sent to the LLM", axis: { format: "~%" }, scale: { domain: [0, 1] } };
  const tooltip = [
    { field: "shareToLLM", type: "quantitative", title: "Sent to LLM", format: ".1%" },
    { field: "accuracy", type: "quantitative", title: "Accuracy", format: ".2%" },
    ...(hasCost ? [{ field: "cost", type: "quantitative", title: `Cost (${costUnit})`, format: ".4~f" }] : []),
    ...(values.some((p) => p.threshold !== undefined)
      ? [{ field: "threshold", type: "quantitative", title: "Threshold", format: ".3f" }]
      : []),
  ];
  const accuracyLayers: Record<string, unknown>[] = [
    {
      mark: { type: "line", point: true, color: "#4c78a8" },
      encoding: {
        x,
        y: { field: "accuracy", type: "quantitative", title: "Accuracy", scale: { zero: false }, axis: { format: "~%", titleColor: "#4c78a8" } },
        tooltip,
      },
    },
  ];
  if (options.targetAccuracy !== undefined) {
    accuracyLayers.push({
      data: { values: [{ target: options.targetAccuracy }] },
      mark: { type: "rule", color: "#4c78a8", strokeDash: [2, 2] },
      encoding: { y: { field: "target", type: "quantitative" } },
    });
  }
  const layer: Record<string, unknown>[] = hasCost
    ? [
      { layer: accuracyLayers },
      {
        transform: [{ filter: "isValid(datum.cost)" }],
        mark: { type: "line", color: "#f58518", strokeDash: [6, 3] },
        encoding: {
          x,
          y: { field: "cost", type: "quantitative", title: `Cost (${costUnit})`, axis: { orient: "right", titleColor: "#f58518" } },
          tooltip,
        },
      },
    ]
    : accuracyLayers;
  return plainTitles({
    ...specHead(
      options.title ?? "Cascade frontier",
      options.subtitle ?? (hasCost ? "Accuracy (solid, left) and cost (dashed, right)" : undefined),
      `Accuracy${hasCost ? " and cost" : ""} at ${values.length} shares of rows sent to the LLM.`,
    ),
    data: { values },
    width: 420,
    height: 260,
    layer,
    ...(hasCost ? { resolve: { scale: { y: "independent" } } } : {}),
  });
}
