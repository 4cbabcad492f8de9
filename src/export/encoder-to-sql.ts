import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { TableEncoder, type EncoderStep, type TableEncoderJSON } from "../data/table-encoder.ts";
import { sqlDialect, type SQLDialect, type SQLDialectName } from "./sql-dialect.ts";

/** A fitted TableEncoder, or its `toJSON()`. */
export type EncoderLike = TableEncoderJSON | { toJSON(): unknown };

/** Options for `encoderToSQL`. */
export interface EncoderToSQLOptions {
  /** The SQL engine to write for: "duckdb", "sqlite", "postgres", "bigquery" or "spark". */
  dialect: SQLDialectName;
  /**
   * The table alias to qualify input columns with (`"t"."age"`). SQLite reads an unknown
   * unqualified double-quoted name as a string; a qualified one is an error, as it should be.
   */
  source?: string;
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
 *   (`SQLDialect.readDouble`: NULL and blank text are missing in every dialect; TRY_CAST on
 *   duckdb and spark, SAFE_CAST on bigquery: other text that is not a number counts as
 *   missing there too; on sqlite and postgres numeric columns must hold numbers, blanks or NULL);
 * - boolean `value`: 1 for true / 'true' / 'yes' / '1', 0 for false / 'false' / 'no' / '0'
 *   (spaces and tabs trimmed, any case), else the training mode;
 * - `isMissing`: NULL or, for categorical columns, one of the encoder's missing markers once
 *   spaces and tabs are trimmed from both ends and letters lower-cased: the rule of
 *   `isMissingCell`, the same in every dialect (no other whitespace is trimmed);
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
 * encoderToSQL(enc, { dialect: "sqlite", source: "t" }).features[0].sql;
 * // 'COALESCE(CASE WHEN TRIM("t"."age", (' ' || char(9))) = '' THEN NULL ELSE CAST("t"."age" AS REAL) END, 41e0)' 
 */
export function encoderToSQL(encoder: EncoderLike, options: EncoderToSQLOptions): EncoderSQL {
  const d = sqlDialect(options.dialect);
  const raw = typeof (encoder as { toJSON?: unknown }).toJSON === "function" ? (encoder as { toJSON(): unknown }).toJSON() : encoder;
  rejectUnsupportedSteps(raw);
  const json = TableEncoder.fromJSON(raw).toJSON();
  const markers = json.missingMarkers;
  const ref = (name: string) => (options.source ? `${d.identifier(options.source)}.${d.identifier(name)}` : d.identifier(name));
  return {
    inputColumns: json.columns.map((c) => c.name),
    features: json.steps.map((step) => ({ name: step.feature, sql: stepSQL(step, d, markers, ref(step.column)) })),
  };
}

function stepSQL(step: EncoderStep, d: SQLDialect, markers: string[], column: string): string {
  const one = d.number(1);
  const zero = d.number(0);
  const text = `LOWER(${d.trimBlanks(d.toText(column))})`;
  const list = (values: string[]) => `(${values.map((v) => d.string(v)).join(", ")})`;
  const trueWords = list(["true", "yes", "1"]);
  const falseWords = list(["false", "no", "0"]);
  switch (step.op) {
    case "value": {
      if (step.kind === "boolean") {
        return `CASE WHEN ${text} IN ${trueWords} THEN ${one} WHEN ${text} IN ${falseWords} THEN ${zero} ELSE ${d.number(step.fill)} END`;
      }
      const filled = `COALESCE(${d.readDouble(column)}, ${d.number(step.fill)})`;
      if (step.mean === undefined || step.std === undefined) return filled;
      // transform computes (x - mean) * (1 / std): the same two roundings here.
      return `(${filled} - ${d.number(step.mean)}) * ${d.number(1 / step.std)}`;
    }
    case "isMissing": {
      if (step.role === "numeric") return `CASE WHEN ${d.readDouble(column)} IS NULL THEN ${one} ELSE ${zero} END`;
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

/** Featurizer outputs that are not TableEncoder steps (text, concepts) cannot become SQL. */
function rejectUnsupportedSteps(json: unknown): void {
  const steps = (json as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(steps)) return;
  const supported = ["numeric", "boolean", "missing", "onehot", "other"];
  for (const step of steps as { kind?: unknown; feature?: unknown }[]) {
    if (step && typeof step === "object" && typeof step.kind === "string" && !supported.includes(step.kind)) {
      throw new UnderstudyError("no_sql_form", messages.export.unsupportedFeature(String(step.feature), step.kind));
    }
  }
}
