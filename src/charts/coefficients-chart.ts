import { checkRows, specHead, type VegaLiteSpec, plainTitles } from "./vega-lite-spec.ts";

/** One coefficient of a linear or logistic model. */
export interface CoefficientBar {
  feature: string;
  /** On the model's own scale (log-odds for logistic regression). */
  coefficient: number;
}

/** Options for {@link coefficientsChart}. */
export interface CoefficientsChartOptions {
  /**
   * "standardized" (default): bars diverge from 0; pass coefficients of standardized
   * features so lengths compare. "odds-ratio": bars diverge from 1 on a log axis, exp(coefficient).
   */
  scale?: "standardized" | "odds-ratio";
  /** Keep the largest by absolute size. Default 20. */
  top?: number;
  /** Default "Coefficients" or "Odds ratios". */
  title?: string;
  /** Line under the title, e.g. the class the coefficients are for. Default none. */
  subtitle?: string;
}

/**
 * Diverging bars of model coefficients: positive push towards the modelled class, negative away.
 *
 * @example
 * coefficientsChart([{ feature: "has_link", coefficient: 1.2 }, { feature: "length", coefficient: -0.4 }],
 *   { scale: "odds-ratio", subtitle: "class: spam" });
 */
export function coefficientsChart(
  rows: readonly CoefficientBar[],
  options: CoefficientsChartOptions = {},
): VegaLiteSpec<{ feature: string; coefficient: number; value: number; direction: string }> {
  checkRows("coefficientsChart", rows, ["coefficient"]);
  const odds = options.scale === "odds-ratio";
  const kept = [...rows]
    .sort((a, b) => Math.abs(b.coefficient) - Math.abs(a.coefficient) || a.feature.localeCompare(b.feature))
    .slice(0, options.top ?? 20)
    .map((r) => ({
      feature: r.feature,
      coefficient: r.coefficient,
      value: odds ? Math.exp(r.coefficient) : r.coefficient,
      direction: r.coefficient >= 0 ? "raises" : "lowers",
    }));
  const origin = odds ? 1 : 0;
  const measure = odds ? "Odds ratio (log scale)" : "Standardized coefficient";
  const y = {
    field: "feature",
    type: "nominal",
    sort: { field: "coefficient", op: "max", order: "descending" },
    title: null,
  };
  return plainTitles({
    ...specHead(
      options.title ?? (odds ? "Odds ratios" : "Coefficients"),
      options.subtitle,
      `${measure} for ${kept.length} features; bars start at ${origin}.`,
    ),
    data: { values: kept },
    width: 420,
    height: { step: 20 },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          y,
          x: {
            field: "value",
            type: "quantitative",
            title: measure,
            ...(odds ? { scale: { type: "log" } } : {}),
          },
          x2: { datum: origin },
          color: {
            field: "direction",
            type: "nominal",
            title: "Effect",
            scale: { domain: ["raises", "lowers"], range: ["#4c78a8", "#e45756"] },
          },
          tooltip: [
            { field: "feature", type: "nominal", title: "Feature" },
            { field: "coefficient", type: "quantitative", title: "Coefficient", format: ".4f" },
            ...(odds ? [{ field: "value", type: "quantitative", title: "Odds ratio", format: ".3f" }] : []),
          ],
        },
      },
      { data: { values: [{}] }, mark: { type: "rule", color: "#333333" }, encoding: { x: { datum: origin } } },
    ],
  });
}
