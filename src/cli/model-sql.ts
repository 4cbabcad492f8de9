import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { SQLDialectName } from "../export/sql-dialect.ts";
import type { Understudy } from "../understudy/understudy.ts";

/**
 * The SQL of a `--model` file for a command that needs it (`sql`, `score`). A model with no
 * SQL form (k-NN, TF-IDF text features) is one error naming the file and the fix in CLI
 * terms: `understudy distill --exportable`, or `understudy predict`. Decided by the error's
 * code; the library's message is quoted as the reason, never read.
 *
 * @example
 * const sql = modelSQL(u, { command: "sql", path: "model.json", dialect: "duckdb", table: "applicants" });
 */
export function modelSQL(u: Understudy, o: { command: string; path: string; dialect: SQLDialectName; table: string }): string {
  try {
    return u.toSQL({ dialect: o.dialect, table: o.table });
  } catch (e) {
    if (e instanceof UnderstudyError && e.code === "no_sql_form") throw new UnderstudyError("no_sql_form", messages.cli.noSQLForm(o.command, o.path, e.message), { cause: e });
    throw e;
  }
}
