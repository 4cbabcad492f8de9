import type { FeatureLineage } from "../features/featurizer.ts";
import type { Counterfactual, CounterfactualChange } from "./counterfactual.ts";
import type { ReasonCodes } from "./reason-codes.ts";
import { reasonEntry } from "./reason-entry.ts";
import { reasonTarget } from "./reason-target.ts";
import { reasonsByColumn, type ColumnReason } from "./reasons-by-column.ts";

/** Options of {@link principalReasons}. */
export interface PrincipalReasonsOptions {
  /** How many reasons at most. Default 4 (the number Regulation B's model notice lists). */
  top?: number;
  /** The featurizer's lineage, one entry per feature in model order. */
  lineage?: readonly FeatureLineage[];
  /** The input row, so the text quotes the values as given. */
  row?: Record<string, unknown>;
  /** The smallest change that flips the decision away from the outcome, when one was found. */
  counterfactual?: Counterfactual;
  /** The reference row the contributions are measured from (feature values), named in the fallback text. */
  baseline?: ArrayLike<number>;
  /** A feature value in the input's units (undoes standardization); default the value itself. */
  inputValue?: (feature: number, value: number) => number;
  /** Significant digits in the text. Default 3. */
  digits?: number;
}

/**
 * The principal reasons for an adverse decision: the columns (and LLM concepts, expressions,
 * rules) that pushed the explained output — `reasons.output`, the outcome named — up from the
 * baseline, largest first, at most `top`. A factor that pushed away from the outcome (that
 * helped the applicant) is never listed. Each text says how much it pushed and what would have
 * to change: the counterfactual's change to that column where it has one, else a different
 * value that counts less toward the outcome.
 *
 * @example
 * const why = reasonCodes(model, X, 0, { output: "declined", baseline: means });
 * principalReasons(why, { top: 4, lineage, row, counterfactual: counterfactual(model, X.row(0)) })[0].text;
 * // "debt_ratio = 0.61 raises the declined log-odds by 1.2 from the training average; the decision would change if debt_ratio were at most 0.38"
 */
export function principalReasons(reasons: ReasonCodes, options: PrincipalReasonsOptions = {}): ColumnReason[] {
  const num = (v: number) => String(Number(v.toPrecision(options.digits ?? 3)));
  const target = reasonTarget(reasons);
  const inputValue = options.inputValue ?? ((_: number, v: number) => v);
  const changes = options.counterfactual?.found ? options.counterfactual.changes : [];
  return reasonsByColumn(reasons, options)
    .filter((r) => r.contribution > 0)
    .slice(0, options.top ?? 4)
    .map((r) => {
      const subject = r.text.slice(0, r.text.lastIndexOf(` ${r.direction} the `));
      const mine = changes.filter((c) => sameEntry(c, r, options.lineage) && withinDomain(c, options.lineage?.[c.feature]));
      const change = mine.length
        ? `the decision would change if ${mine.map((c) => changeText(c, options.lineage?.[c.feature], inputValue, num)).join(" and ")}`
        : fallbackText(r, reasons, options, inputValue, num);
      return { ...r, text: `${subject} raises the ${target} by ${num(r.contribution)} from the training average; ${change}` };
    });
}

function sameEntry(change: CounterfactualChange, reason: ColumnReason, lineage: readonly FeatureLineage[] | undefined): boolean {
  const entry = reasonEntry(lineage?.[change.feature], change.name);
  return entry.kind === reason.kind && entry.column === reason.column;
}

// A 0/1 indicator (one-hot level, missing flag, rule) means something only when the change crosses 0.5;
// a linear counterfactual may push one past its domain (a level below 0), which no input can do.
const INDICATORS = new Set(["onehot", "other", "missing", "rule", "boolean"]);
function withinDomain(c: CounterfactualChange, lineage: FeatureLineage | undefined): boolean {
  if (!lineage || !INDICATORS.has(lineage.origin.kind)) return true;
  return (c.from < 0.5) !== (c.to < 0.5);
}

/** One counterfactual change in the input's terms: "income were at least 41200", "region were south". */
function changeText(c: CounterfactualChange, lineage: FeatureLineage | undefined, inputValue: (feature: number, value: number) => number, num: (v: number) => string): string {
  const up = c.to > c.from;
  const bound = (name: string) => `${name} were ${up ? "at least" : "at most"} ${num(inputValue(c.feature, c.to))}`;
  if (!lineage) return bound(c.name);
  const { origin } = lineage;
  switch (origin.kind) {
    case "boolean": return `${origin.column} were ${up ? "true" : "false"}`;
    case "missing": return up ? `${origin.column} were missing` : `${origin.column} were given`;
    case "onehot": return up ? `${origin.column} were ${origin.category}` : `${origin.column} were other than ${origin.category}`;
    case "other": return up ? `${origin.column} were a value other than its common ones` : `${origin.column} were one of its common values`;
    case "tfidf": return `${origin.column} used ${JSON.stringify(origin.detail)} ${up ? "more" : "less"}`;
    case "concept": return `the answer to ${JSON.stringify(lineage.name)} were ${up ? "yes" : "no"}`;
    case "rule": return `the rule ${JSON.stringify(lineage.name)} ${up ? "held" : "did not hold"}`;
    case "expression": return bound(lineage.name);
    default: return bound(origin.column);
  }
}

/**
 * No counterfactual change names this entry: when its largest part is a numeric value in a
 * linear model, that part counts less the closer the value is to the training average, which
 * is what the text then says; otherwise it asks for a value that counts less toward the outcome.
 */
function fallbackText(
  r: ColumnReason, reasons: ReasonCodes, options: PrincipalReasonsOptions,
  inputValue: (feature: number, value: number) => number, num: (v: number) => string,
): string {
  const main = r.features[0];
  const kind = options.lineage?.[main.feature]?.origin.kind;
  if (reasons.method === "linear" && options.baseline && !Number.isNaN(main.value) && (kind === undefined || kind === "numeric" || kind === "raw" || kind === "expression")) {
    return `${r.column} closer to the training average (${num(inputValue(main.feature, options.baseline[main.feature]))}) would count less toward ${String(reasons.output)}`;
  }
  return `a different ${r.kind === "column" ? "value of " : ""}${r.kind === "concept" ? `answer to ${JSON.stringify(r.column)}` : r.column} would have to count less toward ${String(reasons.output)}`;
}
