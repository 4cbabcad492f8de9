import { isMissingCell } from "../data/cell-values.ts";
import type { FeatureLineage } from "../features/featurizer.ts";
import type { ReasonCode, ReasonCodes } from "./reason-codes.ts";
import { reasonEntry, type ReasonEntry } from "./reason-entry.ts";
import { reasonTarget } from "./reason-target.ts";

/** One input column's (or one LLM concept's, expression's or rule's) push on a prediction. */
export interface ColumnReason extends ReasonEntry {
  /** The sum of its features' contributions, in the reasons' `scale` units. */
  contribution: number;
  direction: "raises" | "lowers";
  /** The features rolled up into it, largest |contribution| first. */
  features: ReasonCode[];
  /** In words: "region = north raises the declined log-odds by 0.42". */
  text: string;
}

/** Options of {@link reasonsByColumn}. */
export interface ReasonsByColumnOptions {
  /** The featurizer's lineage, one entry per feature in model order. Without it each feature is its own column. */
  lineage?: readonly FeatureLineage[];
  /** The input row, so the text quotes the values as given ("region = north"). */
  row?: Record<string, unknown>;
  /** Significant digits in the text. Default 3. */
  digits?: number;
}

/**
 * Reason codes rolled up by input column: a column's one-hot levels, its missing-value
 * indicator and its TF-IDF terms add up into one entry for the column, as adverse-action
 * notices must name the factors actually scored (CFPB circulars 2022-03, 2023-03); LLM
 * concepts, expressions and rules stay entries of their own. Entries are sorted by
 * |contribution|; those of exactly 0 are left out, so the contributions add up to the same
 * total as `reasons.all` (`reasons.outputValue − reasons.base`).
 *
 * @example
 * const byColumn = reasonsByColumn(reasonCodes(model, X, 0), { lineage: featurizer.lineage, row });
 * byColumn[0]; // { column: "region", kind: "column", contribution: 0.42, direction: "raises", text: "region = north raises the declined log-odds by 0.42", ... }
 */
export function reasonsByColumn(reasons: ReasonCodes, options: ReasonsByColumnOptions = {}): ColumnReason[] {
  const groups = new Map<string, { entry: ReasonEntry; features: ReasonCode[]; lineage: FeatureLineage[] }>();
  for (const code of reasons.all) {
    const lineage = options.lineage?.[code.feature];
    const entry = reasonEntry(lineage, code.name);
    const key = `${entry.kind}\u0000${entry.column}`;
    const group = groups.get(key) ?? { entry, features: [], lineage: [] };
    group.features.push(code);
    if (lineage) group.lineage.push(lineage);
    groups.set(key, group);
  }
  const num = numberText(options.digits ?? 3);
  const target = reasonTarget(reasons);
  const out: ColumnReason[] = [];
  for (const { entry, features, lineage } of groups.values()) {
    // Summed in the order of reasons.all, so a one-feature entry keeps its value exactly.
    const contribution = features.reduce((s, f) => s + f.contribution, 0);
    if (contribution === 0) continue;
    const direction = contribution >= 0 ? "raises" : "lowers";
    const subject = subjectText(entry, features, lineage, options.row, num);
    out.push({ ...entry, contribution, direction, features, text: `${subject} ${direction} the ${target} by ${num(Math.abs(contribution))}` });
  }
  return out.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
}

/**
 * How an entry is named in a sentence: "income = 52000", "income is missing, which",
 * "the words of body (free, win)", "the concept \"Mentions a prize?\" (0.91)".
 *
 * @example
 * subjectText({ column: "income", kind: "column" }, codes, lineage, { income: 52000 }, String); // "income = 52000"
 */
export function subjectText(
  entry: ReasonEntry,
  features: readonly ReasonCode[],
  lineage: readonly FeatureLineage[],
  row: Record<string, unknown> | undefined,
  num: (v: number) => string,
): string {
  const first = features[0];
  if (entry.kind === "concept") return `the concept ${JSON.stringify(entry.column)} (${num(first.value)})`;
  if (entry.kind === "rule") return `the rule ${JSON.stringify(entry.column)} ${first.value === 1 ? "holds, which" : "does not hold, which"}`;
  if (entry.kind === "expression") return `${entry.column} = ${num(first.value)}`;
  if (lineage.some((l) => l.source === "tfidf")) {
    // features and lineage are aligned, largest |contribution| first.
    const words = lineage.filter((l, k) => l.source === "tfidf" && features[k].contribution !== 0).slice(0, 3).map((l) => l.origin.detail ?? l.name);
    return `the words of ${entry.column}${words.length ? ` (${words.join(", ")})` : ""}`;
  }
  if (row && Object.hasOwn(row, entry.column)) return valueText(entry.column, row[entry.column], num);
  const level = lineage.find((l, k) => l.origin.kind === "onehot" && features[k]?.value === 1);
  if (level) return `${entry.column} = ${level.origin.category}`;
  if (features.length === 1 || lineage.length === 0) return Number.isNaN(first.value) ? `${entry.column} is missing, which` : `${entry.column} = ${num(first.value)}`;
  return entry.column;
}

function valueText(column: string, value: unknown, num: (v: number) => string): string {
  if (isMissingCell(value)) return `${column} is missing, which`;
  if (typeof value === "number") return `${column} = ${num(value)}`;
  return `${column} = ${value instanceof Date ? value.toISOString() : String(value)}`;
}

function numberText(digits: number): (v: number) => string {
  return (v) => String(Number(v.toPrecision(digits)));
}
