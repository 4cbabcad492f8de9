/** The parts of a rule condition that its text shows (tree rules, decision paths, charts). */
export interface RuleConditionText {
  name: string;
  op: "<=" | ">";
  threshold: number;
  /** True when a row with the value missing also passes the condition. */
  includesMissing?: boolean;
}

/**
 * The one way a tree rule's condition is written as text, everywhere (rule lists, charts,
 * reports): `income > 40000`, `debt <= 0.35 (or missing)`. The threshold keeps `digits`
 * significant digits (default 3). Rules stay structured data; this renders them at the edge.
 *
 * @example
 * formatRuleCondition({ name: "debt", op: "<=", threshold: 0.34999, includesMissing: true }); // "debt <= 0.35 (or missing)"
 */
export function formatRuleCondition(c: RuleConditionText, digits = 3): string {
  return `${c.name} ${c.op} ${formatThreshold(c.threshold, digits)}${c.includesMissing ? " (or missing)" : ""}`;
}

/**
 * A threshold or leaf value with `digits` significant digits and no trailing zeros.
 *
 * @example
 * formatThreshold(6.54321); // "6.54"
 */
export function formatThreshold(value: number, digits = 3): string {
  return String(Number(value.toPrecision(digits)));
}
