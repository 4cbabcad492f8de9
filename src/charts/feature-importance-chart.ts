import { checkRows, specHead, type VegaLiteSpec, plainTitles } from "./vega-lite-spec.ts";

/** One bar: a feature's global importance, with an optional spread (e.g. std over repeats). */
export interface FeatureImportanceRow {
  feature: string;
  importance: number;
  /** Standard deviation over permutation repeats or folds; draws an error bar when given. */
  std?: number;
}

/** Options for {@link featureImportanceChart}. */
export interface FeatureImportanceChartOptions {
  /** Keep only the most important features (by absolute importance). Default 20. */
  top?: number;
  /** Default "Feature importance". */
  title?: string;
  /** Line under the title. Default: "Top N of M features" when `top` hides some, else none. */
  subtitle?: string;
  /** Axis title saying what the number is. Default "Importance". */
  measure?: string;
}

/**
 * Horizontal bars of feature importance, largest first, with error bars where `std` is given.
 *
 * @example
 * const spec = featureImportanceChart([
 *   { feature: "income", importance: 0.31, std: 0.02 },
 *   { feature: "age", importance: 0.12, std: 0.01 },
 * ], { measure: "Drop in agreement when shuffled" });
 * await renderSVG(spec);
 */
export function featureImportanceChart(
  rows: readonly FeatureImportanceRow[],
  options: FeatureImportanceChartOptions = {},
): VegaLiteSpec<FeatureImportanceRow & { low?: number; high?: number }> {
  checkRows("featureImportanceChart", rows, ["importance"], ["std"]);
  const top = options.top ?? 20;
  const kept = [...rows]
    .sort((a, b) => Math.abs(b.importance) - Math.abs(a.importance) || a.feature.localeCompare(b.feature))
    .slice(0, top)
    .map((r) =>
      r.std === undefined
        ? { feature: r.feature, importance: r.importance }
        : { feature: r.feature, importance: r.importance, std: r.std, low: r.importance - r.std, high: r.importance + r.std },
    );
  const measure = options.measure ?? "Importance";
  const hidden = rows.length - kept.length;
  const y = {
    field: "feature",
    type: "nominal",
    sort: { field: "importance", op: "max", order: "descending" },
    title: null,
  };
  const tooltip = [
    { field: "feature", type: "nominal", title: "Feature" },
    { field: "importance", type: "quantitative", title: measure, format: ".4f" },
    ...(kept.some((r) => r.std !== undefined)
      ? [{ field: "std", type: "quantitative", title: "Std", format: ".4f" }]
      : []),
  ];
  const layer: Record<string, unknown>[] = [
    {
      mark: { type: "bar", color: "#4c78a8" },
      encoding: { y, x: { field: "importance", type: "quantitative", title: measure }, tooltip },
    },
  ];
  if (kept.some((r) => r.std !== undefined)) {
    layer.push({
      mark: { type: "rule", color: "#333333" },
      transform: [{ filter: "isValid(datum.std)" }],
      encoding: { y, x: { field: "low", type: "quantitative" }, x2: { field: "high" }, tooltip },
    });
  }
  return plainTitles({
    ...specHead(
      options.title ?? "Feature importance",
      options.subtitle ?? (hidden > 0 ? `Top ${kept.length} of ${rows.length} features` : undefined),
      `${measure} of ${kept.length} features, largest first.`,
    ),
    data: { values: kept },
    width: 420,
    height: { step: 20 },
    layer,
  });
}
