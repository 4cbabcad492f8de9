/**
 * The expression language's syntax tree. Plain JSON (no classes, no functions), so a
 * deployed model stores it, re-evaluates it without the parser, and SQL export can
 * translate it node by node.
 *
 * @example
 * const ast: ExpressionNode = { type: "binary", op: "/", left: { type: "column", name: "debt" }, right: { type: "column", name: "income" } };
 */
export type ExpressionNode =
  | { type: "number"; value: number }
  | { type: "column"; name: string }
  | { type: "unary"; op: UnaryOp; arg: ExpressionNode }
  | { type: "binary"; op: BinaryOp; left: ExpressionNode; right: ExpressionNode }
  | { type: "call"; fn: FunctionName; args: ExpressionNode[] };

/** Unary operators: negation and logical not. */
export type UnaryOp = "-" | "not";
/** Binary operators: arithmetic, comparisons (true = 1, false = 0) and logical and/or. */
export type BinaryOp = "+" | "-" | "*" | "/" | "<" | "<=" | ">" | ">=" | "==" | "!=" | "and" | "or";
/** The only functions an expression may call (argument counts in `FUNCTION_ARITY`). */
export type FunctionName = "abs" | "log" | "min" | "max" | "clip" | "if";

/** The whitelist of functions with their allowed argument counts [min, max]. */
export const FUNCTION_ARITY: Readonly<Record<FunctionName, readonly [number, number]>> = {
  abs: [1, 1],
  log: [1, 1],
  min: [2, 8],
  max: [2, 8],
  clip: [3, 3],
  if: [3, 3],
};

/** Words that cannot be bare column names (quote the column to use one). */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(["and", "or", "not", ...Object.keys(FUNCTION_ARITY)]);

/** Limits that keep hostile input cheap to reject. */
export const EXPRESSION_LIMITS = { maxLength: 1000, maxDepth: 32, maxNodes: 256 } as const;

/**
 * The columns an expression reads, each once, in order of first use (what a deployed
 * feature needs from its input, and what SQL export must select).
 *
 * @example
 * const r = parseExpression("max(debt, debt / income)", { columns: ["debt", "income"] });
 * if (r.success) expressionColumns(r.data); // ["debt", "income"]
 */
export function expressionColumns(node: ExpressionNode): string[] {
  const seen = new Set<string>();
  const walk = (n: ExpressionNode): void => {
    if (n.type === "column") seen.add(n.name);
    else if (n.type === "unary") walk(n.arg);
    else if (n.type === "binary") { walk(n.left); walk(n.right); }
    else if (n.type === "call") n.args.forEach(walk);
  };
  walk(node);
  return [...seen];
}

/**
 * True when the expression's value is a truth value: a comparison, and/or/not, or an `if`
 * whose two branches are both truth values. Rules must be boolean; derived features need not be.
 *
 * @example
 * const r = parseExpression("age < 30 and balance > 1000", { columns: ["age", "balance"] });
 * if (r.success) isBooleanExpression(r.data); // true
 */
export function isBooleanExpression(node: ExpressionNode): boolean {
  if (node.type === "unary") return node.op === "not";
  if (node.type === "binary") return ["<", "<=", ">", ">=", "==", "!=", "and", "or"].includes(node.op);
  if (node.type === "call" && node.fn === "if") return isBooleanExpression(node.args[1]) && isBooleanExpression(node.args[2]);
  return false;
}
