import { logger } from "../core/logger.ts";
import { checkNumber, checkRows, specHead, type VegaLiteSpec, plainTitles } from "./vega-lite-spec.ts";

/** What one feature added to one row's score. */
export interface ReasonCodeContribution {
  feature: string;
  /** The row's value of the feature, shown next to its name. */
  value?: string | number | boolean | null;
  contribution: number;
}

/** One row's explanation: baseline + Σ contributions = prediction (e.g. TreeSHAP, linear terms). */
export interface ReasonCodesInput {
  /** Expected output over the training data (the SHAP expected value, or the intercept). */
  baseline: number;
  /** The model's output for this row, on the same scale as baseline. */
  prediction: number;
  contributions: ReasonCodeContribution[];
  /** What the number is, e.g. "P(spam)" or "log-odds of approve". Default "Model output". */
  output?: string;
}

/** Options for {@link reasonCodesChart}. */
export interface ReasonCodesChartOptions {
  /** Contributions shown one by one (largest absolute first); the rest are summed as "other". Default 10. */
  top?: number;
  /** Default "Why this prediction". */
  title?: string;
  /** Line under the title. Default: the baseline and the prediction. */
  subtitle?: string;
}

interface Step {
  order: number;
  label: string;
  kind: "baseline" | "raises" | "lowers" | "prediction";
  start: number;
  end: number;
  amount: number;
}

/**
 * Waterfall for one row: starts at the baseline, each feature's contribution moves the running
 * total, and the last bar is the prediction. If the contributions do not add up to the
 * prediction (more than 1e-6 apart) it warns through the logger, since the chart would mislead.
 *
 * @example
 * reasonCodesChart({
 *   baseline: 0.4, prediction: 0.9, output: "P(spam)",
 *   contributions: [{ feature: "has_link", value: 1, contribution: 0.35 }, { feature: "length", value: 120, contribution: 0.15 }],
 * });
 */
export function reasonCodesChart(
  input: ReasonCodesInput,
  options: ReasonCodesChartOptions = {},
): VegaLiteSpec<Step> {
  const name = "reasonCodesChart";
  checkNumber(name, "baseline", input.baseline);
  checkNumber(name, "prediction", input.prediction);
  checkRows(name, input.contributions, ["contribution"]);
  const total = input.contributions.reduce((s, c) => s + c.contribution, 0);
  const gap = input.baseline + total - input.prediction;
  if (Math.abs(gap) > 1e-6) {
    logger().warn(
      `${name}: baseline + contributions = ${round(input.baseline + total)} but prediction = ${round(input.prediction)}; the waterfall shows the contributions as given.`,
    );
  }
  const sorted = [...input.contributions].sort(
    (a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.feature.localeCompare(b.feature),
  );
  const top = options.top ?? 10;
  const shown = sorted.slice(0, top).map((c) => ({
    label: c.value === undefined ? c.feature : `${c.feature} = ${formatValue(c.value)}`,
    amount: c.contribution,
  }));
  const rest = sorted.slice(top);
  if (rest.length > 0) {
    shown.push({ label: `${rest.length} other features`, amount: rest.reduce((s, c) => s + c.contribution, 0) });
  }
  const output = input.output ?? "Model output";
  const steps: Step[] = [{ order: 0, label: "baseline", kind: "baseline", start: 0, end: input.baseline, amount: input.baseline }];
  let running = input.baseline;
  shown.forEach((c, i) => {
    steps.push({
      order: i + 1,
      label: c.label,
      kind: c.amount >= 0 ? "raises" : "lowers",
      start: running,
      end: running + c.amount,
      amount: c.amount,
    });
    running += c.amount;
  });
  steps.push({ order: steps.length, label: "prediction", kind: "prediction", start: 0, end: input.prediction, amount: input.prediction });
  const y = { field: "label", type: "nominal", sort: { field: "order", order: "ascending" }, title: null };
  return plainTitles({
    ...specHead(
      options.title ?? "Why this prediction",
      options.subtitle ?? `${output}: baseline ${round(input.baseline)} → prediction ${round(input.prediction)}`,
      `Waterfall of ${shown.length} contributions from the baseline to the prediction.`,
    ),
    data: { values: steps },
    width: 420,
    height: { step: 22 },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          y,
          x: { field: "start", type: "quantitative", title: output, scale: { zero: false } },
          x2: { field: "end" },
          color: {
            field: "kind",
            type: "nominal",
            title: null,
            scale: { domain: ["baseline", "raises", "lowers", "prediction"], range: ["#9d9d9d", "#4c78a8", "#e45756", "#333333"] },
          },
          tooltip: [
            { field: "label", type: "nominal", title: "Step" },
            { field: "amount", type: "quantitative", title: "Amount", format: "+.4f" },
            { field: "end", type: "quantitative", title: "Running total", format: ".4f" },
          ],
        },
      },
      {
        mark: { type: "text", align: "left", dx: 4, fontSize: 10 },
        encoding: {
          y,
          x: { field: "rightEdge", type: "quantitative" },
          text: { field: "amount", type: "quantitative", format: "+.3f" },
        },
        transform: [{ calculate: "max(datum.start, datum.end)", as: "rightEdge" }],
      },
    ],
  });
}

function round(x: number): string {
  return String(Math.round(x * 1e4) / 1e4);
}

function formatValue(v: string | number | boolean | null): string {
  if (v === null) return "missing";
  if (typeof v === "number") return Number.isFinite(v) ? String(Math.round(v * 1e4) / 1e4) : "missing";
  const s = String(v);
  return s.length > 30 ? `${s.slice(0, 29)}…` : s;
}
