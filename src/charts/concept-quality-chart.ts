import { checkRows, specHead, type VegaLiteSpec, plainTitles } from "./vega-lite-spec.ts";

/** How well the small detector of one LLM concept reproduces the LLM's yes/no answers. */
export interface ConceptQualityRow {
  concept: string;
  /** Held-out agreement of detector with the LLM's answers, in [0, 1]. */
  agreement: number;
  /** Agreement of always answering the majority answer: the bar to beat. */
  baseline?: number;
  /** Rows the agreement was measured on. */
  support?: number;
  /**
   * "kept" (a feature of the model) or why the concept was dropped, e.g. "dropped: no better
   * than chance". When any row has one, bars are coloured by it: kept green, dropped grey.
   */
  status?: string;
}

/** Options for {@link conceptQualityChart}. */
export interface ConceptQualityChartOptions {
  /** Default "Concept detectors". */
  title?: string;
  /** Line under the title. Default: what the black tick is when baselines are given, else none. */
  subtitle?: string;
}

/**
 * Bars of agreement per concept detector, with a tick at the majority-answer baseline: a bar
 * barely past its tick means the detector learned little. With `status`, dropped concepts
 * show in grey beside the kept ones.
 *
 * @example
 * conceptQualityChart([
 *   { concept: "mentions money", agreement: 0.93, baseline: 0.7, support: 200 },
 *   { concept: "urgent tone", agreement: 0.81, baseline: 0.8, support: 200 },
 * ]);
 */
export function conceptQualityChart(
  rows: readonly ConceptQualityRow[],
  options: ConceptQualityChartOptions = {},
): VegaLiteSpec<ConceptQualityRow & { lift?: number }> {
  checkRows("conceptQualityChart", rows, ["agreement"], ["baseline", "support"]);
  const values = [...rows]
    .sort((a, b) => b.agreement - a.agreement || a.concept.localeCompare(b.concept))
    .map((r) => (r.baseline === undefined ? { ...r } : { ...r, lift: r.agreement - r.baseline }));
  const byStatus = values.some((r) => r.status !== undefined);
  if (byStatus) for (const r of values) r.status ??= "kept";
  const y = { field: "concept", type: "nominal", sort: { field: "agreement", op: "max", order: "descending" }, title: null };
  const x = { field: "agreement", type: "quantitative", title: "Agreement with the LLM", scale: { domain: [0, 1] }, axis: { format: "~%" } };
  const tooltip = [
    { field: "concept", type: "nominal", title: "Concept" },
    { field: "agreement", type: "quantitative", title: "Agreement", format: ".1%" },
    ...(values.some((r) => r.baseline !== undefined) ? [{ field: "baseline", type: "quantitative", title: "Majority baseline", format: ".1%" }] : []),
    ...(values.some((r) => r.support !== undefined) ? [{ field: "support", type: "quantitative", title: "Rows" }] : []),
    ...(byStatus ? [{ field: "status", type: "nominal", title: "Status" }] : []),
  ];
  const statuses = [...new Set(values.map((r) => r.status ?? "kept"))].sort((a, b) => Number(b === "kept") - Number(a === "kept") || a.localeCompare(b));
  const color = {
    field: "status", type: "nominal", title: "Status",
    scale: { domain: statuses, range: statuses.map((st) => (st === "kept" ? "#54a24b" : "#bab0ac")) },
  };
  return plainTitles({
    ...specHead(
      options.title ?? "Concept detectors",
      options.subtitle ?? (values.some((r) => r.baseline !== undefined) ? "Black tick: always giving the majority answer" : undefined),
      `Agreement of ${values.length} concept detectors with the LLM's answers.`,
    ),
    data: { values },
    width: 420,
    height: { step: 20 },
    layer: [
      byStatus
        ? { mark: { type: "bar" }, encoding: { y, x, color, tooltip } }
        : { mark: { type: "bar", color: "#54a24b" }, encoding: { y, x, tooltip } },
      ...(values.some((r) => r.baseline !== undefined)
        ? [{
          transform: [{ filter: "isValid(datum.baseline)" }],
          mark: { type: "tick", color: "black", thickness: 2 },
          encoding: { y, x: { field: "baseline", type: "quantitative" }, tooltip },
        }]
        : []),
    ],
  });
}
