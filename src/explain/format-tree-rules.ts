import { formatRuleCondition, formatThreshold } from "./format-rule-condition.ts";
import type { TreeRule } from "./tree-rules.ts";

/**
 * Renders tree rules as readable lines, one per leaf:
 * `IF links > 6.5 AND caps <= 0.2 THEN spam (spam 92%, ham 8%; 40 rows)`. Thresholds are
 * printed with `digits` (default 3) significant digits.
 *
 * @example
 * console.log(formatTreeRules(treeRules(model)));
 */
export function formatTreeRules(rules: TreeRule[], options: { digits?: number } = {}): string {
  const digits = options.digits ?? 3;
  const num = (v: number) => formatThreshold(v, digits);
  return rules
    .map((r) => {
      const conds = r.conditions.map((c) => formatRuleCondition(c, digits));
      const when = conds.length > 0 ? `IF ${conds.join(" AND ")} THEN` : "ALWAYS";
      const detail =
        r.outputs.length > 1
          ? r.outputs.map((o, k) => ({ o, v: r.value[k] })).sort((a, b) => b.v - a.v).map(({ o, v }) => `${o} ${Math.round(v * 100)}%`).join(", ")
          : `mean ${num(r.value[0])}`;
      const shown = typeof r.prediction === "number" ? num(r.prediction) : String(r.prediction);
      return `${when} ${shown} (${detail}; ${r.samples} rows)`;
    })
    .join("\n");
}
