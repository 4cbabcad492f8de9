import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { expressionColumns } from "../features/expression/ast.ts";
import type { FeaturizerJSON } from "../features/featurizer.ts";
import { encoderToSQL, type EncoderSQL } from "./encoder-to-sql.ts";
import { expressionToSQL } from "./expression-to-sql.ts";
import { sqlDialect, type SQLDialectName } from "./sql-dialect.ts";

/** A fitted Featurizer, or its `toJSON()`. */
export type FeaturizerLike = FeaturizerJSON | { toJSON(): FeaturizerJSON };

/**
 * Writes each output feature of a fitted `Featurizer` as SQL over the input columns, in the
 * featurizer's order: raw columns through `encoderToSQL`, expressions through
 * `expressionToSQL` (a missing value gets the expression's training fill, as `transform`
 * does), rules as 1 when their condition is 1, else 0. TF-IDF and concept features have no
 * SQL form: one clear error names the first of them.
 *
 * @example
 * const f = new Featurizer({ expressions: [{ name: "ratio", expression: "a / b" }] }).fit(rows);
 * featurizerToSQL(f, { dialect: "duckdb" }).features.map((x) => x.name); // ["a", "b", "ratio"]
 */
export function featurizerToSQL(featurizer: FeaturizerLike, options: { dialect: SQLDialectName; source?: string }): EncoderSQL {
  const d = sqlDialect(options.dialect);
  const json = typeof (featurizer as { toJSON?: unknown }).toJSON === "function" ? (featurizer as { toJSON(): FeaturizerJSON }).toJSON() : (featurizer as FeaturizerJSON);
  if (json?.format !== "understudy-featurizer" || json.version !== 1) {
    throw new UnderstudyError("bad_model_json", messages.export.notAFeaturizer());
  }
  const unsupported = json.lineage.find((l) => l.source === "tfidf" || l.source === "concept");
  if (unsupported) {
    throw new UnderstudyError("no_sql_form", messages.export.unsupportedFeature(unsupported.name, unsupported.source === "tfidf" ? "TF-IDF text" : "concept"));
  }
  const table = json.table ? encoderToSQL(json.table, { dialect: d.name, source: options.source }) : { inputColumns: [], features: [] };
  const one = d.number(1);
  const zero = d.number(0);
  const features = [
    ...table.features,
    ...json.expressions.map((e) => ({ name: e.name, sql: `COALESCE(${expressionToSQL(e.ast, { dialect: d.name, source: options.source })}, ${d.number(e.fill)})` })),
    ...json.rules.map((r) => ({ name: r.name, sql: `CASE WHEN ${expressionToSQL(r.ast, { dialect: d.name, source: options.source })} = ${one} THEN ${one} ELSE ${zero} END` })),
  ];
  const inputColumns = [...table.inputColumns];
  for (const spec of [...json.expressions, ...json.rules]) {
    for (const c of expressionColumns(spec.ast)) if (!inputColumns.includes(c)) inputColumns.push(c);
  }
  return { inputColumns, features };
}
