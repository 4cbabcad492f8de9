import { UnderstudyError } from "../core/errors.ts";
import { TableEncoder, type EncoderStep, type TableEncoderJSON } from "../data/table-encoder.ts";
import { sqlDialect, type SQLDialect, type SQLDialectName } from "./sql-dialect.ts";

/** A fitted TableEncoder, or its `toJSON()`. */
export type EncoderLike = TableEncoderJSON | { toJSON(): unknown };

/** Options for `encoderToSQL`. */
export interface EncoderToSQLOptions {
  /** The SQL engine to write for: "duckdb", "sqlite", "postgres", "bigquery" or "spark". */
  dialect: SQLDialectName;
}

/** The encoder as SQL: one expression per output feature, over the input columns. */
export interface EncoderSQL {
  /** The input columns the expressions read, in the encoder's order. */
  inputColumns: string[];
  /** One per output feature, in matrix column order: the feature's name and its SQL. */
  features: { name: string; sql: string }[];
}

/**
 * Writes each output feature of a fitted `TableEncoder` as a SQL expression over the input
 * columns, reproducing `transform` exactly (same fill values, same standardization
 * arithmetic, same one-hot / other / missing rules):
 *
 * - numeric `value`: `(COALESCE(x, fill) - mean) * (1 / std)`, x the column as a double
 *   (TRY_CAST on duckdb and spark, SAFE_CAST on bigquery: text that is not a number counts as
 *   missing there; on sqlite and postgres numeric columns must hold numbers or NULL);
 * - boolean `value`: 1 for true / 'true' / 'yes' / '1', 0 for false / 'false' / 'no' / '0'
 *   (trimmed, any case), else the training mode;
 * - `isMissing`: NULL or, for categorical columns, one of the encoder's missing markers;
 * - `equals` / `other`: the cell's text compared with the categories. Categories compare as
 *   text, so a categorical column of numbers must be an integer or text column in the database
 *   (a DOUBLE 2001 reads as '2001.0').
 *
 * Text, TF-IDF and concept features have no SQL form here and get a clear error.
 *
 * @example
 * const enc = new TableEncoder({ roles: { age: "numeric", city: "categorical" } }).fit(rows);
 * encoderToSQL(enc, { dialect: "duckdb" }).features[0];
 * // { name: "age", sql: 'COALESCE(TRY_CAST("age" AS DOUBLE), 41e0)' }
 */
export function encoderToSQL(encoder: EncoderLike, options: EncoderToSQLOptions): EncoderSQL {
  const d = sqlDialect(options.dialect);
  const raw = typeof (encoder as { toJSON?: unknown }).toJSON === "function" ? (encoder as { toJSON(): unknown }).toJSON() : encoder;
  rejectUnsupportedSteps(raw);
  const json = TableEncoder.fromJSON(raw).toJSON();
  const markers = json.missingMarkers;
  return {
    inputColumns: json.columns.map((c) => c.name),
    features: json.steps.map((step) => ({ name: step.feature, sql: stepSQL(step, d, markers) })),
  };
}

function stepSQL(step: EncoderStep, d: SQLDialect, markers: string[]): string {
  const column = d.identifier(step.column);
  const one = d.number(1);
  const zero = d.number(0);
  const text = `LOWER(TRIM(${d.toText(column)}))`;
  const list = (values: string[]) => `(${values.map((v) => d.string(v)).join(", ")})`;
  const trueWords = list(["true", "yes", "1"]);
  const falseWords = list(["false", "no", "0"]);
  switch (step.op) {
    case "value": {
      if (step.kind === "boolean") {
        return `CASE WHEN ${text} IN ${trueWords} THEN ${one} WHEN ${text} IN ${falseWords} THEN ${zero} ELSE ${d.number(step.fill)} END`;
      }
      const filled = `COALESCE(${tryDouble(column, d)}, ${d.number(step.fill)})`;
      if (step.mean === undefined || step.std === undefined) return filled;
      // transform computes (x - mean) * (1 / std): the same two roundings here.
      return `(${filled} - ${d.number(step.mean)}) * ${d.number(1 / step.std)}`;
    }
    case "isMissing": {
      if (step.role === "numeric") return `CASE WHEN ${tryDouble(column, d)} IS NULL THEN ${one} ELSE ${zero} END`;
      if (step.role === "boolean") {
        return `CASE WHEN ${text} IN ${list(["true", "yes", "1", "false", "no", "0"])} THEN ${zero} ELSE ${one} END`;
      }
      return `CASE WHEN ${missingTest(column, text, markers, d)} THEN ${one} ELSE ${zero} END`;
    }
    case "equals":
      return `CASE WHEN ${d.toText(column)} = ${d.string(step.category)} THEN ${one} ELSE ${zero} END`;
    case "other": {
      const missing = `WHEN ${missingTest(column, text, markers, d)} THEN ${step.missingIsOther ? one : zero}`;
      const known = step.categories.length > 0 ? ` WHEN ${d.toText(column)} IN ${list(step.categories)} THEN ${zero}` : "";
      return `CASE ${missing}${known} ELSE ${one} END`;
    }
  }
}

function missingTest(column: string, text: string, markers: string[], d: SQLDialect): string {
  if (markers.length === 0) return `${column} IS NULL`;
  return `${column} IS NULL OR ${text} IN (${markers.map((m) => d.string(m)).join(", ")})`;
}

/** The column as a double, NULL where it does not parse (where the dialect can say so). */
function tryDouble(column: string, d: SQLDialect): string {
  const cast = d.toDouble(column);
  if (d.name === "duckdb" || d.name === "spark") return `TRY_${cast}`;
  if (d.name === "bigquery") return `SAFE_${cast}`;
  return cast;
}

/** Featurizer outputs that are not TableEncoder steps (text, concepts) cannot become SQL. */
function rejectUnsupportedSteps(json: unknown): void {
  const steps = (json as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(steps)) return;
  const supported = ["numeric", "boolean", "missing", "onehot", "other"];
  for (const step of steps as { kind?: unknown; feature?: unknown }[]) {
    if (step && typeof step === "object" && typeof step.kind === "string" && !supported.includes(step.kind)) {
      throw new UnderstudyError(
        "no_sql_form",
        `toSQL: the feature ${JSON.stringify(step.feature)} is a ${step.kind} feature, which has no SQL form; SQL export supports numeric, boolean and categorical features. Distill without text or concept features to export SQL.`,
      );
    }
  }
}
