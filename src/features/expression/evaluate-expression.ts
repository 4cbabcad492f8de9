import { UnderstudyError } from "../../core/errors.ts";
import { messages } from "../../core/messages/index.ts";
import type { ExpressionNode } from "./ast.ts";

/** A row of values (numbers, booleans; anything else counts as missing). */
export type ExpressionRow = Readonly<Record<string, unknown>>;
/** Columns of values, all of the same length. */
export type ExpressionColumns = Readonly<Record<string, ArrayLike<unknown>>>;

/**
 * Evaluates a parsed expression by walking its tree (never `eval` or `new Function`).
 * Given one row it returns a number; given columns (arrays of equal length) it returns a
 * Float64Array with one value per row. Truth values are 1 and 0.
 *
 * Missing values: NaN, null, undefined, "" and non-numeric strings read as NaN, and NaN
 * propagates through arithmetic, comparisons, and/or/not and functions (as SQL's NULL
 * does), except that `if` takes the branch its condition picks and NaN conditions give NaN.
 * `log(x)` of x ≤ 0 and division by zero give NaN rather than ±Infinity, so a derived feature
 * is never infinite; estimators treat NaN as missing. Throws an UnderstudyError when the
 * input lacks a column the expression reads or its columns differ in length.
 *
 * @example
 * const ast = parseExpression("if(age >= 18, 1, 0)", { columns: ["age"] });
 * if (ast.success) evaluateExpression(ast.data, { age: [12, 40] }); // Float64Array [0, 1]
 */
export function evaluateExpression(node: ExpressionNode, input: ExpressionColumns): Float64Array;
export function evaluateExpression(node: ExpressionNode, input: ExpressionRow): number;
export function evaluateExpression(node: ExpressionNode, input: ExpressionRow | ExpressionColumns): number | Float64Array {
  if (input == null || typeof input !== "object") {
    throw new UnderstudyError("bad_input", messages.features.expressionInput());
  }
  const values = Object.values(input);
  const columnar = values.length > 0 && values.every((v) => v != null && typeof v === "object" && typeof (v as ArrayLike<unknown>).length === "number");
  if (!columnar) {
    // A null prototype keeps a column named "__proto__" an ordinary column.
    const cols: Record<string, unknown[]> = Object.create(null);
    for (const [k, v] of Object.entries(input)) cols[k] = [v];
    return walk(node, cols, 1)[0];
  }
  const n = (values[0] as ArrayLike<unknown>).length;
  for (const [k, v] of Object.entries(input as ExpressionColumns)) {
    if (v.length !== n) throw new UnderstudyError("length_mismatch", messages.features.expressionColumnsRagged(k, v.length, n));
  }
  return walk(node, input as ExpressionColumns, n);
}

function toNumber(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "string" && v.trim() !== "") return Number(v);
  return NaN;
}

function walk(node: ExpressionNode, cols: ExpressionColumns, n: number): Float64Array {
  const out = new Float64Array(n);
  switch (node.type) {
    case "number":
      out.fill(node.value);
      return out;
    case "column": {
      if (!Object.hasOwn(cols, node.name)) {
        throw new UnderstudyError("unknown_column", messages.features.expressionColumnMissing(node.name));
      }
      const c = cols[node.name];
      for (let i = 0; i < n; i++) out[i] = toNumber(c[i]);
      return out;
    }
    case "unary": {
      const a = walk(node.arg, cols, n);
      for (let i = 0; i < n; i++) out[i] = a[i] !== a[i] ? NaN : node.op === "-" ? -a[i] : a[i] === 0 ? 1 : 0;
      return out;
    }
    case "binary": {
      const a = walk(node.left, cols, n);
      const b = walk(node.right, cols, n);
      for (let i = 0; i < n; i++) out[i] = binary(node.op, a[i], b[i]);
      return out;
    }
    case "call": {
      const args = node.args.map((arg) => walk(arg, cols, n));
      for (let i = 0; i < n; i++) out[i] = call(node.fn, args, i);
      return out;
    }
    default:
      throw new UnderstudyError("bad_expression", messages.features.unknownExpressionPart("expression node", (node as { type?: unknown }).type));
  }
}

function binary(op: string, a: number, b: number): number {
  if (a !== a || b !== b) return NaN;
  switch (op) {
    case "+": return a + b;
    case "-": return a - b;
    case "*": return a * b;
    case "/": return b === 0 ? NaN : a / b;
    case "<": return a < b ? 1 : 0;
    case "<=": return a <= b ? 1 : 0;
    case ">": return a > b ? 1 : 0;
    case ">=": return a >= b ? 1 : 0;
    case "==": return a === b ? 1 : 0;
    case "!=": return a !== b ? 1 : 0;
    case "and": return a !== 0 && b !== 0 ? 1 : 0;
    case "or": return a !== 0 || b !== 0 ? 1 : 0;
    default: throw new UnderstudyError("bad_expression", messages.features.unknownExpressionPart("operator", op));
  }
}

function call(fn: string, args: Float64Array[], i: number): number {
  switch (fn) {
    case "abs": return Math.abs(args[0][i]);
    case "log": { const x = args[0][i]; return x > 0 ? Math.log(x) : NaN; }
    case "min":
    case "max": {
      let r = args[0][i];
      for (let k = 1; k < args.length; k++) {
        const v = args[k][i];
        if (v !== v) return NaN;
        r = fn === "min" ? Math.min(r, v) : Math.max(r, v);
      }
      return r;
    }
    case "clip": {
      const [x, lo, hi] = [args[0][i], args[1][i], args[2][i]];
      if (x !== x || lo !== lo || hi !== hi) return NaN;
      return Math.min(Math.max(x, lo), hi);
    }
    case "if": {
      const c = args[0][i];
      return c !== c ? NaN : c !== 0 ? args[1][i] : args[2][i];
    }
    default: throw new UnderstudyError("bad_expression", messages.features.unknownExpressionPart("function", fn));
  }
}
