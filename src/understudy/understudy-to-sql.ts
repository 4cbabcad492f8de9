import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { sqlDialectNames, type SQLDialectName } from "../export/sql-dialect.ts";
import { toSQL } from "../export/to-sql.ts";
import type { UnderstudyParts } from "./understudy-parts.ts";

/** Options of {@link understudyToSQL}. */
export interface UnderstudySQLOptions {
  dialect: SQLDialectName;
  /** The table holding the original input columns (a name, or [schema, name]). */
  table: string | string[];
}

/**
 * One SELECT over `table` returning every input column plus `prediction` (and `probability`
 * of the predicted class for classifiers), decided as `predict` decides: calibrated
 * probabilities and the cost cutoff when the run has them. Trees, forests, linear and logistic models with
 * numeric, boolean and categorical features, expressions and rules; TF-IDF and concept
 * features and k-NN have no SQL form (clear error).
 *
 * @example
 * understudyToSQL(u, { dialect: "duckdb", table: "applicants" }); // "SELECT ..., prediction, probability FROM ..."
 */
export function understudyToSQL(u: UnderstudyParts, options: UnderstudySQLOptions): string {
  if (!sqlDialectNames.includes(options?.dialect)) {
    throw new UnderstudyError("bad_option", messages.understudy.sqlDialect(sqlDialectNames, options?.dialect));
  }
  if (u.model.capabilities.neighbors) throw new UnderstudyError("no_sql_form", messages.understudy.knnHasNoSQL());
  const { calibrator, cutoff } = u.metadata;
  const decision = { ...(calibrator ? { calibration: calibrator } : {}), ...(cutoff ? { cutoff } : {}) };
  return toSQL({ model: u.model, featurizer: u.featurizer, dialect: options.dialect, table: options.table, decision });
}
