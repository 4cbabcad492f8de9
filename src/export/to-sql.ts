import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { logger } from "../core/logger.ts";
import type { Estimator } from "../models/estimator.ts";
import { decisionSQL, type DecisionSQLOptions } from "./decision-to-sql.ts";
import { isTreeModel } from "../models/model-kinds.ts";
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
   * The columns returned before the prediction, in order. Default: every column of `table`
   * (`t.*`), whatever it holds (keys, timestamps, a label kept to compare). The names given
   * are also checked against the columns the export adds.
   */
  inputColumns?: string[];
  /**
   * Classifiers: a Platt calibration of the probabilities and / or a two-class cutoff
   * (`positive` when its probability is ≥ `threshold`), as `distill({ calibrate, costs })`
   * stored them. Default: the model's probabilities, the most probable class.
   */
  decision?: DecisionSQLOptions;
}

/** Internal column names start with this; input columns must not. */
const PREFIX = "_us_";

/** The alias of the scored table: every input column is read qualified by it. */
const INPUT = "us_input";

/** The helper column that carries the input row (or, on SQLite, its rowid) to the last step. */
const ROW = `${PREFIX}row`;

/** BigQuery's limit on the length of a query's text (1,024K characters). */
const BIGQUERY_MAX_QUERY = 1024 * 1024;

/**
 * One SELECT over `table` that returns every column of the table (or `inputColumns`) plus
 * `prediction` (and, for classifiers, `probability`: the probability of the predicted class).
 * It reads only the columns the model uses, so a table without the others still scores, and
 * reads them qualified by the table's alias, so a missing one is an error in every engine
 * (SQLite would read an unknown bare "name" as a string). The work is laid out as CTEs:
 * features first (the encoder's imputation, scaling and one-hot steps), then the model's
 * stages.
 *
 * Trees: small tree models (up to 1,000 nodes in all) and every tree model in BigQuery and
 * Spark are CASE expressions (flat below a fixed depth, so no engine's parser runs out of
 * stack). Bigger ones in DuckDB, SQLite and Postgres are node tables walked by a recursive CTE
 * (`WITH RECURSIVE`, see `treeWalkSQL`): the text is ≈ 40 bytes a node (Postgres: ≈ 28, the
 * nodes as array literals), and it plans and runs in seconds with default settings (JIT on),
 * where CASEs that grow with the trees took DuckDB's optimizer and Postgres's JIT compiler
 * minutes. Rows then come back in the table's scan order. The size grows with the training
 * rows: a default 100-tree forest on noisy data is ≈ 1.9 MB of SQL (52,000 nodes) fitted on
 * 2,000 rows and ≈ 24 MB (610,000 nodes) on 32,000. The cap is 2,000,000 nodes (≈ 80 MB):
 * past it (a default forest fitted on 200,000 rows holds ≈ 3.3 million) toSQL throws a
 * `no_sql_form` error asking for a maxDepth, a larger minSamplesLeaf or fewer trees; such a
 * forest is better scored in process (`understudy predict`) than as one SELECT.
 *
 * The row travels beside the features as one value (`t AS _us_row`, `struct(t.*)` on Spark)
 * and comes back as `_us_row.*`; SQLite has no row values, so there the last step joins the
 * table again on its `rowid` (a SQLite view or WITHOUT ROWID table cannot be scored).
 *
 * Missing input values are NULL, blank text, or (categorical columns) a missing marker. Every
 * number is written so that the engine reads the same double as the model holds, so the SQL
 * reproduces the in-process predictions exactly (tested row by row in DuckDB, SQLite and
 * Postgres). String literals never hold a raw control character (see `SQLDialect.string`).
 * SQLite has no booleans: boolean labels come back as 1 / 0. BigQuery's 1,024K-character
 * limit gets a warning. Throws an UnderstudyError when more than one of encoder, featurizer
 * and featureSQL is given, when their width differs from the model's, or when an input column
 * name starts with "_us_" or clashes with `prediction` / `probability`.
 *
 * @example
 * const sql = toSQL({ model, encoder, dialect: "duckdb", table: "penguins" });
 * await connection.runAndReadAll(sql);  // every penguins column, then prediction, probability
 */
export function toSQL(options: ToSQLOptions): string {
  const d = sqlDialect(options.dialect);
  const { model } = options;
  if ([options.encoder, options.featurizer, options.featureSQL].filter((o) => o !== undefined).length > 1) {
    throw new UnderstudyError("bad_option", messages.export.severalFeatureSources());
  }
  const features = featureColumns(options, d);
  if (options.inputColumns) checkColumnNames(options.inputColumns, model.capabilities.task === "classification");

  const rule = options.decision;
  const decides = Boolean(rule && (rule.calibration || rule.cutoff) && model.classes);
  // A calibration or cutoff is applied in stages after the model's probabilities, which the
  // node-table walk only yields in its final join: such models keep the CASE form.
  const walk = !decides && walksTrees(model, d);
  const id = d.identifier(`${PREFIX}id`);
  const modelSQL = modelToSQL(model, {
    dialect: d.name,
    featureSQL: features.map((f) => d.identifier(PREFIX + f.name)),
    prefix: PREFIX,
    walk: walk ? { table: "us_features", id, featureColumns: features.map((f) => d.identifier(PREFIX + f.name)) } : undefined,
  });
  const sql = decides
    ? decisionSQL(modelSQL, model.classes!, rule!, d, (name) => d.identifier(PREFIX + name))
    : modelSQL;
  // Only the features the model reads: a table without the columns of the others still scores.
  const modelText = [...(sql.tables?.ctes ?? []), ...sql.stages.flat().map((c) => c.sql), sql.prediction].join("\n");
  const used = features.filter((f) => modelText.includes(d.identifier(PREFIX + f.name)));
  const stages = [used.map((f) => ({ ...f, name: PREFIX + f.name })), ...sql.stages.map((s) => s.map((c) => ({ ...c, name: PREFIX + c.name })))];

  const table = (Array.isArray(options.table) ? options.table : options.table.split(".")).map((p) => d.identifier(p)).join(".");
  const input = d.identifier(INPUT);
  const row = d.identifier(ROW);
  const carried = { sqlite: `${input}.rowid`, spark: `struct(${input}.*)`, duckdb: input, postgres: input, bigquery: input }[d.name];
  const ctes: string[] = [];
  let from = `${table} AS ${input}`;
  stages.forEach((stage, i) => {
    const name = i === 0 ? "us_features" : `us_stage${i}`;
    const carry = i === 0 ? `${carried} AS ${row}${walk ? `, ROW_NUMBER() OVER () AS ${id}` : ""}` : "*";
    const list = stage.length > 0 ? `,\n${selectList(stage, d, "    ")}` : "";
    ctes.push(`${name} AS ${materialized(d)}(\n  SELECT\n    ${carry}${list}\n  FROM ${from}\n)`);
    from = name;
  });
  const outputs = [`${sql.prediction} AS ${d.identifier("prediction")}`];
  if (sql.probability) outputs.push(`${sql.probability} AS ${d.identifier("probability")}`);
  const source = d.name === "sqlite" ? input : d.name === "postgres" ? `(${row})` : row;
  const passed = options.inputColumns ? options.inputColumns.map((c) => `${source}.${d.identifier(c)} AS ${d.identifier(c)}`) : [`${source}.*`];
  const finalColumns = [...passed, ...outputs].map((c) => `  ${c}`).join(",\n");
  let join = d.name === "sqlite" ? `${table} AS ${input} JOIN ${from} ON ${from}.${row} = ${input}.rowid` : from;
  if (sql.tables) {
    ctes.push(...sql.tables.ctes);
    // The walk's sums come back per row id; ordered by it, rows keep the table's scan order.
    join = `${join} JOIN ${sql.tables.result} ON ${sql.tables.result}.id = ${from}.${id}\nORDER BY ${from}.${id}`;
  }
  const withClause = sql.tables ? "WITH RECURSIVE" : "WITH";
  const text = `${header(model, d, features.length, rule)}${withClause}\n${ctes.join(",\n")}\nSELECT\n${finalColumns}\nFROM ${join}\n`;
  if (d.name === "bigquery" && text.length > BIGQUERY_MAX_QUERY) {
    logger().warn(
      `toSQL: the query is ${text.length} characters, over BigQuery's limit of ${BIGQUERY_MAX_QUERY}; use fewer or shallower trees (nEstimators, maxDepth) to run it there.`,
    );
  }
  return text;
}

/** Tree models with more nodes than this are walked as node tables where the engine can (see `toSQL`). */
const WALK_ABOVE_NODES = 1000;

/**
 * Whether the model's trees become node tables walked by a recursive CTE (DuckDB and Postgres,
 * past WALK_ABOVE_NODES nodes) rather than CASE expressions: big CASEs take DuckDB's optimizer
 * and Postgres's JIT compiler minutes, node tables are data to them.
 */
function walksTrees(model: Estimator, d: SQLDialect): boolean {
  if (d.name !== "duckdb" && d.name !== "postgres" && d.name !== "sqlite") return false;
  return isTreeModel(model) && model.trees.reduce((n, t) => n + t.nodeCount, 0) > WALK_ABOVE_NODES;
}

/**
 * Engines that would otherwise inline a CTE into each reference (copying a forest's sums into
 * every comparison of the argmax) compute it once when it is MATERIALIZED.
 */
function materialized(d: SQLDialect): string {
  return d.name === "duckdb" || d.name === "postgres" || d.name === "sqlite" ? "MATERIALIZED " : "";
}

/** The model's features as SQL over the input columns (read qualified by the table alias). */
function featureColumns(options: ToSQLOptions, d: SQLDialect): SQLColumn[] {
  const { model } = options;
  if (options.encoder || options.featurizer) {
    const encoded: EncoderSQL = options.encoder
      ? encoderToSQL(options.encoder, { dialect: d.name, source: INPUT })
      : featurizerToSQL(options.featurizer!, { dialect: d.name, source: INPUT });
    const what = options.encoder ? "encoder" : "featurizer";
    if (encoded.features.length !== model.nFeatures) {
      throw new UnderstudyError("width_mismatch", messages.export.featureSourceWidth(what, encoded.features.length, model.nFeatures));
    }
    return encoded.features.map((f, j) => ({ name: `f${j}`, sql: f.sql, comment: f.name }));
  }
  const exprs = options.featureSQL ?? model.featureNames.map((name) => d.readDouble(`${d.identifier(INPUT)}.${d.identifier(name)}`));
  if (exprs.length !== model.nFeatures) {
    throw new UnderstudyError("width_mismatch", messages.export.featureSQLWidth("toSQL", exprs.length, model.nFeatures));
  }
  return exprs.map((sql, j) => ({ name: `f${j}`, sql, comment: model.featureNames[j] }));
}

/** `sql AS name` per column. The SQL is never re-indented: that would edit literals and names. */
function selectList(columns: SQLColumn[], d: SQLDialect, pad: string): string {
  return columns
    .map((c) => {
      const comment = c.comment ? `${pad}-- ${oneLine(c.comment)}\n` : "";
      return `${comment}${pad}${c.sql} AS ${d.identifier(c.name)}`;
    })
    .join(",\n");
}

function header(model: Estimator, d: SQLDialect, nFeatures: number, rule: DecisionSQLOptions | undefined): string {
  const lines = [`Understudy model: ${model.kind}, ${nFeatures} features, SQL dialect ${d.name}.`];
  if (model.classes) {
    lines.push(`Classes: ${model.classes.map((c) => JSON.stringify(c)).join(", ")}.`);
    if (rule?.calibration) lines.push("Probabilities are Platt-calibrated (fitted on out-of-fold probabilities).");
    const rule0 = rule?.cutoff ? `${JSON.stringify(rule.cutoff.positive)} when its probability is >= ${rule.cutoff.threshold}, else the other class` : "ties go to the first class listed";
    lines.push(`Returns every column of the table, "prediction" (${rule0}) and "probability" (of the predicted class).`);
  } else {
    lines.push(`Returns every column of the table and "prediction".`);
  }
  lines.push("Missing input values are NULL, blank text or a missing marker (spaces and tabs trimmed).");
  return lines.map((l) => `-- ${oneLine(l)}\n`).join("");
}

/**
 * Comments are single-line and hold no control character: a newline would end the comment
 * early, and a NUL cuts the line in the sqlite3 CLI. JSON escapes keep them readable.
 */
function oneLine(text: string): string {
  return text.replace(/[\x00-\x1f\x7f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function checkColumnNames(columns: string[], classification: boolean): void {
  const reserved = classification ? ["prediction", "probability"] : ["prediction"];
  for (const c of columns) {
    if (reserved.includes(c.toLowerCase()) || c.startsWith(PREFIX)) {
      throw new UnderstudyError("duplicate_column", messages.export.columnClash(c, reserved, PREFIX));
    }
  }
}
