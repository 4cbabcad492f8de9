import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { formatRuleCondition } from "../explain/format-rule-condition.ts";
import { checkNumber, specHead, type VegaLiteSpec, plainTitles } from "./vega-lite-spec.ts";

/**
 * One test on the path to a leaf, as `treeRules` (src/explain) returns it; rendered to text
 * only here, never parsed back.
 */
export interface RuleListCondition {
  /** Feature name. */
  name: string;
  op: "<=" | ">";
  threshold: number;
  /** True when rows missing this feature also take this branch. */
  includesMissing?: boolean;
}

/** One leaf as a rule: every condition holds → prediction. `treeRules(model)` output fits as is. */
export interface RuleListRow {
  conditions: RuleListCondition[];
  prediction: string | number | boolean;
  /** Training rows reaching the leaf. */
  samples: number;
  /** Classifiers: class shares at the leaf; the largest is shown as confidence. */
  value?: number[];
  /** Overrides the confidence taken from `value`, in [0, 1]. */
  confidence?: number;
}

/** Options for {@link treeRulesChart}. */
export interface TreeRulesChartOptions {
  /** Rules shown, largest leaves first. Default 25. */
  top?: number;
  /** Default "Decision rules". */
  title?: string;
  /** Line under the title. Default: how many leaves are shown. */
  subtitle?: string;
}

interface Line {
  order: number;
  rule: string;
  prediction: string;
  samples: number;
  confidence?: number;
}

/**
 * A decision tree as a readable rule list: one line per leaf, "if … then …", with a bar for
 * how many training rows reach it (opacity: the leaf's confidence, for classifiers).
 *
 * @example
 * treeRulesChart(treeRules(model));
 * treeRulesChart([
 *   { conditions: [{ name: "income", op: ">", threshold: 40000 }], prediction: "approve", samples: 120, confidence: 0.9 },
 *   { conditions: [{ name: "income", op: "<=", threshold: 40000, includesMissing: true }], prediction: "deny", samples: 80 },
 * ]);
 */
export function treeRulesChart(
  rules: readonly RuleListRow[],
  options: TreeRulesChartOptions = {},
): VegaLiteSpec<Line> {
  const name = "treeRulesChart";
  if (!Array.isArray(rules) || rules.length === 0) {
    throw new UnderstudyError("empty_input", messages.charts.noRules(name));
  }
  rules.forEach((r: RuleListRow, i: number) => {
    checkNumber(name, `[${i}].samples`, r.samples);
    r.conditions.forEach((c, j) => checkNumber(name, `[${i}].conditions[${j}].threshold`, c.threshold));
    if (r.confidence !== undefined) checkNumber(name, `[${i}].confidence`, r.confidence);
  });
  const top = options.top ?? 25;
  const lines: Line[] = [...rules]
    .sort((a, b) => b.samples - a.samples)
    .slice(0, top)
    .map((r, i) => {
      const confidence = r.confidence ?? (r.value !== undefined && r.value.length > 1 ? Math.max(...r.value) : undefined);
      return {
        order: i + 1,
        rule: ruleText(r.conditions),
        prediction: String(r.prediction),
        samples: r.samples,
        ...(confidence === undefined ? {} : { confidence }),
      };
    });
  const y = { field: "order", type: "ordinal", axis: null };
  const hasConfidence = lines.some((l) => l.confidence !== undefined);
  const tooltip = [
    { field: "rule", type: "nominal", title: "If" },
    { field: "prediction", type: "nominal", title: "Then" },
    { field: "samples", type: "quantitative", title: "Training rows" },
    ...(hasConfidence ? [{ field: "confidence", type: "quantitative", title: "Confidence", format: ".1%" }] : []),
  ];
  const longest = Math.max(...lines.map((l) => l.rule.length));
  return plainTitles({
    ...specHead(
      options.title ?? "Decision rules",
      options.subtitle ?? `${lines.length} of ${rules.length} leaves, most training rows first`,
      `The tree as ${lines.length} if-then rules.`,
    ),
    data: { values: lines },
    height: { step: 20 },
    hconcat: [
      {
        width: Math.min(620, Math.max(160, Math.round(longest * 6.2))),
        title: { text: "If", fontSize: 12 },
        mark: { type: "text", align: "left", baseline: "middle", x: 0, fontSize: 11, limit: 620 },
        encoding: { y, text: { field: "rule", type: "nominal" }, tooltip },
      },
      {
        width: 110,
        title: { text: "Then", fontSize: 12 },
        mark: { type: "text", align: "left", baseline: "middle", x: 0, fontSize: 11, fontWeight: "bold" },
        encoding: { y, text: { field: "prediction", type: "nominal" }, tooltip },
      },
      {
        width: 160,
        title: { text: "Training rows", fontSize: 12 },
        mark: { type: "bar", color: "#4c78a8" },
        encoding: {
          y,
          x: { field: "samples", type: "quantitative", title: null },
          ...(hasConfidence
            ? { opacity: { field: "confidence", type: "quantitative", title: "Confidence", scale: { domain: [0, 1], range: [0.3, 1] }, legend: { format: "~%", values: [0.5, 0.75, 1] } } }
            : {}),
          tooltip,
        },
      },
    ],
  });
}

/** "income > 40000 and debt <= 0.35 (or missing)"; rows with no conditions: "always". */
export function ruleText(conditions: readonly RuleListCondition[]): string {
  if (conditions.length === 0) return "always";
  return conditions
    .map((c) => formatRuleCondition(c))
    .join(" and ");
}
