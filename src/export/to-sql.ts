import { UnderstudyError } from "../core/errors.ts";
import { logger } from "../core/logger.ts";
import type { Estimator } from "../models/estimator.ts";
import { encoderToSQL, type EncoderLike, type EncoderSQL } from "./encoder-to-sql.ts";
import { featurizerToSQL, type FeaturizerLike } from "./featurizer-to-sql.ts";
import { modelToSQL, type SQLColumn } from "./model-to-sql.ts";
import { sqlDialect, type SQLDialect, type SQLDialectName } from "./sql-dialect.ts";

/** Options for `toSQL`. */
export interface ToSQLOptions {
  /** A fitted tree, forest, linear or logistic model. */
  model: Estimator;
  /**
   * The fitted TableEncoder (or its `toJSON()`) that turned the input columns into the model's
   * features. Without it, `featureSQL` gives the features; without both, each model feature is
   * read from the input column of the same name.
   */
  encoder?: EncoderLike;
  /**
   * The fitted Featurizer (or its `toJSON()`) that made the model's features: its raw
   * columns, expressions and rules become SQL; TF-IDF and concept features get a clear error.
   */
  featurizer?: FeaturizerLike;
  /** One SQL expression over the input columns per model feature (instead of an encoder). */
  featureSQL?: string[];
  /** The SQL engine to write for: "duckdb", "sqlite", "postgres", "bigquery" or "spark". */
  dialect: SQLDialectName;
  /** The table to score: a name, "schema.table" (each part quoted), or the parts as an array. */
  table: string | string[];
  /**
   * The columns returned alongside the prediction, in order (default: the columns the encoder
   * or featurizer reads, or the model's feature names).
   */
  inputColumns?: string[];
}

/** Internal column names start with this; input columns must not. */
const PREFIX = "_us_";

/** BigQuery's limit on the length of a query's text (1,024K characters). */
const BIGQUERY_MAX_QUERY = 1024 * 1024;

/**
 * One SELECT over `table` that returns every input column plus `prediction` (and, for
 * classifiers, `probability`: the probability of the predicted class). The work is laid out
 * as CTEs: features first (the encoder's imputation, scaling and one-hot steps), then the
 * model's stages. The text is deterministic (no dates), readable, and starts with a comment
 * naming the model.
 *
 * Missing input values must be NULL. Every number is written so that the engine reads the same
 * double as the model holds, so the SQL reproduces the in-process predictions exactly (tested
 * row by row in DuckDB and SQLite). SQLite has no booleans: boolean labels come back as 1 / 0.
 * Forests make long queries (100 trees of depth 8 ≈ 4 MB); BigQuery's 1,024K-character limit
 * gets a warning. Throws an UnderstudyError when more than one of encoder, featurizer and
 * featureSQL is given, when their width differs from the model's, or when an input column
 * name starts with "_us_" or clashes with `prediction` / `probability`.
 *
 * @example
 * const sql = toSQL({ model, encoder, dialect: "duckdb", table: "penguins", inputColumns: ["species", "island", "bill_mm"] });
 * await connection.runAndReadAll(sql);  // rows with species, island, bill_mm, prediction, probability
 */
export function toSQL(options: ToSQLOptions): string {
  const d = sqlDialect(options.dialect);
  const { model } = options;
  if ([options.encoder, options.featurizer, options.featureSQL].filter((o) => o !== undefined).length > 1) {
    throw new UnderstudyError("bad_option", "toSQL: pass one of encoder, featurizer or featureSQL, not several.");
  }
  let features: SQLColumn[];
  let defaultColumns: string[];
  if (options.encoder || options.featurizer) {
    const encoded: EncoderSQL = options.encoder
      ? encoderToSQL(options.encoder, { dialect: d.name })
      : featurizerToSQL(options.featurizer!, { dialect: d.name });
    const what = options.encoder ? "encoder" : "featurizer";
    if (encoded.features.length !== model.nFeatures) {
      throw new UnderstudyError(
        "width_mismatch",
        `toSQL: the ${what} makes ${encoded.features.length} features but the model was fitted on ${model.nFeatures}; pass the ${what} the model was fitted with.`,
      );
    }
    features = encoded.features.map((f, j) => ({ name: `f${j}`, sql: f.sql, comment: f.name }));
    defaultColumns = encoded.inputColumns;
  } else {
    const exprs = options.featureSQL ?? model.featureNames.map((name) => d.toDouble(d.identifier(name)));
    if (exprs.length !== model.nFeatures) {
      throw new UnderstudyError(
        "width_mismatch",
        `toSQL: ${exprs.length} feature expressions for a model fitted on ${model.nFeatures} features; pass one per feature, in the model's order.`,
      );
    }
    features = exprs.map((sql, j) => ({ name: `f${j}`, sql, comment: model.featureNames[j] }));
    defaultColumns = options.featureSQL ? [] : [...model.featureNames];
  }
  const inputColumns = options.inputColumns ?? defaultColumns;
  if (inputColumns.length === 0) {
    throw new UnderstudyError("bad_option", "toSQL: pass inputColumns, the input columns to return beside the prediction.");
  }
  checkColumnNames(inputColumns, model.capabilities.task === "classification");

  const sql = modelToSQL(model, {
    dialect: d.name,
    featureSQL: features.map((f) => d.identifier(PREFIX + f.name)),
    prefix: PREFIX,
  });
  const stages = [features.map((f) => ({ ...f, name: PREFIX + f.name })), ...sql.stages.map((s) => s.map((c) => ({ ...c, name: PREFIX + c.name })))];

  const table = (Array.isArray(options.table) ? options.table : options.table.split(".")).map((p) => d.identifier(p)).join(".");
  const ctes: string[] = [];
  let from = table;
  stages.forEach((stage, i) => {
    const name = i === 0 ? "us_features" : `us_stage${i}`;
    ctes.push(`${name} AS (\n  SELECT\n    *,\n${selectList(stage, d, "    ")}\n  FROM ${from}\n)`);
    from = name;
  });
  const outputs = [`${sql.prediction} AS ${d.identifier("prediction")}`];
  if (sql.probability) outputs.push(`${sql.probability} AS ${d.identifier("probability")}`);
  const finalColumns = [...inputColumns.map((c) => d.identifier(c)), ...outputs].map((c) => `  ${c}`).join(",\n");
  const text = `${header(model, d, features.length)}WITH\n${ctes.join(",\n")}\nSELECT\n${finalColumns}\nFROM ${from}\n`;
  if (d.name === "bigquery" && text.length > BIGQUERY_MAX_QUERY) {
    logger().warn(
      `toSQL: the query is ${text.length} characters, over BigQuery's limit of ${BIGQUERY_MAX_QUERY}; use fewer or shallower trees (nEstimators, maxDepth) to run it there.`,
    );
  }
  return text;
}

function selectList(columns: SQLColumn[], d: SQLDialect, pad: string): string {
  return columns
    .map((c) => {
      const comment = c.comment ? `${pad}-- ${oneLine(c.comment)}\n` : "";
      return `${comment}${pad}${c.sql.replaceAll("\n", `\n${pad}`)} AS ${d.identifier(c.name)}`;
    })
    .join(",\n");
}

function header(model: Estimator, d: SQLDialect, nFeatures: number): string {
  const lines = [`Understudy model: ${model.kind}, ${nFeatures} features, SQL dialect ${d.name}.`];
  if (model.classes) {
    lines.push(`Classes: ${model.classes.map((c) => JSON.stringify(c)).join(", ")}.`);
    lines.push(`Returns the input columns, "prediction" (ties go to the first class listed) and "probability" (of the predicted class).`);
  } else {
    lines.push(`Returns the input columns and "prediction".`);
  }
  lines.push("Missing input values must be NULL.");
  return lines.map((l) => `-- ${oneLine(l)}\n`).join("");
}

/** Comments are single-line: a newline in a feature name must not end the comment early. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, " ");
}

function checkColumnNames(columns: string[], classification: boolean): void {
  const reserved = classification ? ["prediction", "probability"] : ["prediction"];
  for (const c of columns) {
    if (reserved.includes(c.toLowerCase()) || c.startsWith(PREFIX)) {
      throw new UnderstudyError(
        "column_clash",
        `toSQL: the input column ${JSON.stringify(c)} clashes with a column the export adds (${reserved.join(", ")} or names starting with "${PREFIX}"); rename it in the table or leave it out of inputColumns.`,
      );
    }
  }
}
