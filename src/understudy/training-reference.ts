import { UnderstudyError } from "../core/errors.ts";
import { categoryOfCell, isMissingCell, numberOfCell } from "../data/cell-values.ts";
import type { Schema } from "../data/infer-schema.ts";
import { expressionColumns } from "../features/expression/ast.ts";
import type { Featurizer } from "../features/featurizer.ts";
import type { Estimator, Label } from "../models/estimator.ts";
import { modelOutput, outputName } from "./model-output.ts";
import { quantileBins } from "./quantile-bins.ts";
import { buildScorecard } from "./scorecard.ts";
import type { ColumnReference, TrainingReference } from "./training-reference-types.ts";

export type { ColumnReference, TrainingReference } from "./training-reference-types.ts";

/** Categorical levels kept by name; rarer ones share the "other" bin. */
const MAX_LEVELS = 50;

/**
 * Profiles the training rows for drift monitoring and scorecards: deciles of each numeric
 * input column (missing values apart), the levels of each categorical or boolean one, deciles
 * of LLM concepts, expressions and rules, and deciles of the model's output (the probability
 * of the first label, or the predicted value).
 *
 * @example
 * const reference = trainingReference({ featurizer, model, rows: trainRows, schema, labels: ["spam", "ham"] });
 * reference.columns[0]; // { column: "links", kind: "numeric", edges: [0, 1, 2, ...], shares: [...], ... }
 */
export function trainingReference(input: {
  featurizer: Featurizer; model: Estimator<Label>; rows: readonly Record<string, unknown>[]; schema: Schema; labels?: readonly string[];
  /** The positive class (`distill({ positive })`); default the first of `labels`. */
  positive?: string;
  /** Held-out rows: with a model a scorecard can be made of, the table's largest difference from score(row) over them. */
  test?: readonly Record<string, unknown>[];
}): TrainingReference {
  const { featurizer, model, rows, schema } = input;
  const X = featurizer.transform(rows);
  const lineage = featurizer.lineage;
  const features = lineage.flatMap((l, j) => (l.source === "concept" || l.source === "expression" || l.source === "rule" ? [{ feature: l.name, ...quantileBins(Array.from(X.column(j))) }] : []));
  const reference: TrainingReference = {
    rows: rows.length,
    columns: monitoredColumns(featurizer, schema).map(({ name, role }) => columnReference(name, role, rows)),
    features,
    prediction: { output: outputName(model, input), ...quantileBins(modelOutput(model, X, input)) },
  };
  const check = input.test?.length ? scorecardCheck({ featurizer, model, reference, ...(input.labels ? { labels: input.labels } : {}), ...(input.positive ? { positive: input.positive } : {}) }, input.test) : undefined;
  return check ? { ...reference, scorecardCheck: check } : reference;
}

/** The default scorecard's largest |table total − score| over the test rows; none for models without a scorecard. */
function scorecardCheck(input: Parameters<typeof buildScorecard>[0], test: readonly Record<string, unknown>[]): TrainingReference["scorecardCheck"] {
  const capable = input.model.capabilities.task === "classification" && input.model.classes?.length === 2
    && ((input.model.capabilities.coefficients && (input.model as { link?: string }).link === "logistic") || (input.model.capabilities as { additive?: boolean }).additive === true);
  if (!capable) return undefined;
  try {
    const card = buildScorecard(input);
    return { maxDifference: Math.max(...test.map((row) => Math.abs(card.tablePoints(row) - card.score(row)))), rows: "test", n: test.length };
  } catch (e) {
    // A model a scorecard cannot list (text read through TF-IDF) simply has no check.
    if (e instanceof UnderstudyError && e.code === "unsupported_model") return undefined;
    throw e;
  }
}

/** The input columns the model reads, with their role: encoded columns, then those only expressions or rules read. */
function monitoredColumns(featurizer: Featurizer, schema: Schema): { name: string; role: string }[] {
  const json = featurizer.toJSON();
  const out: { name: string; role: string }[] = (json.table?.columns ?? []).map((c) => ({ name: c.name, role: c.role }));
  const roles = new Map(schema.columns.map((c) => [c.name, c.role]));
  for (const node of [...json.expressions.map((e) => e.ast), ...json.rules.map((r) => r.ast)]) {
    for (const name of expressionColumns(node)) {
      const role = roles.get(name);
      if (role && ["numeric", "categorical", "boolean"].includes(role) && !out.some((c) => c.name === name)) out.push({ name, role });
    }
  }
  return out;
}

function columnReference(column: string, role: string, rows: readonly Record<string, unknown>[]): ColumnReference {
  if (role === "numeric") return { column, kind: "numeric", ...quantileBins(rows.map((r) => (isMissingCell(r?.[column]) ? NaN : numberOfCell(r[column])))) };
  const counts = new Map<string, number>();
  let missing = 0;
  for (const r of rows) {
    const v = r?.[column];
    if (isMissingCell(v)) missing++;
    else counts.set(categoryOfCell(v), (counts.get(categoryOfCell(v)) ?? 0) + 1);
  }
  // Most frequent first; ties by name, so the same rows always give the same levels.
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const kept = sorted.slice(0, MAX_LEVELS);
  const n = rows.length || 1;
  const rest = sorted.slice(MAX_LEVELS).reduce((s, [, c]) => s + c, 0);
  return { column, kind: "categorical", levels: kept.map(([l]) => l), shares: kept.map(([, c]) => c / n), other: rest / n, missing: missing / n };
}
