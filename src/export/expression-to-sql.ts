import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { ExpressionNode } from "../features/expression/ast.ts";
import { sqlDialect, type SQLDialect, type SQLDialectName } from "./sql-dialect.ts";

/** Options for `expressionToSQL`. */
export interface ExpressionToSQLOptions {
  /** The SQL engine to write for: "duckdb", "sqlite", "postgres", "bigquery" or "spark". */
  dialect: SQLDialectName;
  /** The table alias to qualify column names with (see `EncoderToSQLOptions.source`). */
  source?: string;
}

/** Expressions whose SQL grows past this many characters are refused (nesting repeats operands). */
const MAX_SQL_LENGTH = 200_000;

/**
 * Writes a parsed expression feature (the safe expression language of src/features/expression)
 * as one SQL expression with the same values as `evaluateExpression`, NULL standing for NaN:
 *
 * - columns are read as doubles (`SQLDialect.readDouble`: blank text is NULL everywhere;
 *   TRY_CAST / SAFE_CAST where the dialect has it);
 * - arithmetic and comparisons propagate NULL; truth values are 1 and 0; `and`, `or` and
 *   `not` also propagate NULL (unlike SQL's three-valued AND/OR), as the evaluator does;
 * - `x / 0` and `log(x <= 0)` are NULL; `min`, `max` and `clip` are NULL when any argument is
 *   (postgres, spark and duckdb's LEAST/GREATEST would skip NULLs); `if(c, a, b)` is NULL when
 *   c is.
 *
 * `log` uses the engine's LN, which may differ from JavaScript's Math.log in the last bit.
 *
 * @example
 * const r = parseExpression("log(income) - 2 * debt", { columns: ["income", "debt"] });
 * if (r.success) expressionToSQL(r.data, { dialect: "duckdb" });
 * // (LN(NULLIF(GREATEST(TRY_CAST("income" AS DOUBLE), 0e0), 0e0)) - (2e0 * TRY_CAST("debt" AS DOUBLE)))
 */
export function expressionToSQL(node: ExpressionNode, options: ExpressionToSQLOptions): string {
  const d = sqlDialect(options.dialect);
  const ref = (name: string) => (options.source ? `${d.identifier(options.source)}.${d.identifier(name)}` : d.identifier(name));
  const sql = write(node, d, ref);
  if (sql.length > MAX_SQL_LENGTH) throw new UnderstudyError("no_sql_form", messages.export.expressionTooLarge(sql.length, MAX_SQL_LENGTH));
  return sql;
}

function write(node: ExpressionNode, d: SQLDialect, ref: (name: string) => string): string {
  const zero = d.number(0);
  const one = d.number(1);
  // 1 when x is non-zero, 0 when zero, NULL when NULL: the evaluator's truth value of x.
  const truth = (x: string) => `SIGN(ABS(${x}))`;
  // NULL when any of xs is NULL, else value: 0·x is 0 for every finite x.
  const nullIfAnyNull = (value: string, xs: string[]) => `(${[value, ...xs.map((x) => `${zero} * ${x}`)].join(" + ")})`;
  switch (node.type) {
    case "number":
      return d.number(node.value);
    case "column":
      return d.readDouble(ref(node.name));
    case "unary": {
      const a = write(node.arg, d, ref);
      return node.op === "-" ? `(-${a})` : d.toDouble(`${one} - ${truth(a)}`);
    }
    case "binary": {
      const a = write(node.left, d, ref);
      const b = write(node.right, d, ref);
      switch (node.op) {
        case "+":
        case "-":
        case "*":
          return `(${a} ${node.op} ${b})`;
        case "/":
          return `(${a} / NULLIF(${b}, ${zero}))`;
        case "and":
          return d.toDouble(`${truth(a)} * ${truth(b)}`);
        case "or":
          return d.toDouble(`SIGN(${truth(a)} + ${truth(b)})`);
        default: {
          const op = node.op === "==" ? "=" : node.op === "!=" ? "<>" : node.op;
          // A comparison with NULL is NULL, and so is its cast.
          return d.toDouble(`CAST(${a} ${op} ${b} AS INTEGER)`);
        }
      }
    }
    case "call": {
      const args = node.args.map((arg) => write(arg, d, ref));
      switch (node.fn) {
        case "abs":
          return `ABS(${args[0]})`;
        case "log":
          return `LN(NULLIF(${d.greatest([args[0], zero])}, ${zero}))`;
        case "min":
          return nullIfAnyNull(d.least(args), args);
        case "max":
          return nullIfAnyNull(d.greatest(args), args);
        case "clip":
          return nullIfAnyNull(d.least([d.greatest([args[0], args[1]]), args[2]]), args);
        case "if":
          return `(CASE WHEN ${args[0]} <> ${zero} THEN ${args[1]} WHEN ${args[0]} = ${zero} THEN ${args[2]} END)`;
      }
    }
  }
  throw new UnderstudyError("bad_expression", messages.export.unknownExpressionNode(node));
}
