import { RESERVED_WORDS } from "./ast.ts";
import type { ExpressionNode } from "./ast.ts";

const PRECEDENCE: Record<string, number> = { or: 1, and: 2, not: 3, "<": 4, "<=": 4, ">": 4, ">=": 4, "==": 4, "!=": 4, "+": 5, "-": 5, "*": 6, "/": 6 };

/**
 * Prints an expression tree as canonical text that parses back to the same tree: ASCII
 * operators, minimal parentheses, and quotes only around column names that need them.
 *
 * @example
 * printExpression({ type: "binary", op: "*", left: { type: "column", name: "unit price" }, right: { type: "number", value: 2 } });
 * // '"unit price" * 2'
 */
export function printExpression(node: ExpressionNode): string {
  return print(node, 0);
}

function print(node: ExpressionNode, parent: number): string {
  switch (node.type) {
    case "number":
      return node.value < 0 ? `(${String(node.value)})` : String(node.value);
    case "column":
      return /^[A-Za-z_][A-Za-z0-9_]*$/.test(node.name) && !RESERVED_WORDS.has(node.name) ? node.name : `"${node.name}"`;
    case "unary": {
      if (node.op === "-") return `-${print(node.arg, 7)}`;
      const s = `not ${print(node.arg, PRECEDENCE.not)}`;
      return parent > PRECEDENCE.not ? `(${s})` : s;
    }
    case "binary": {
      const p = PRECEDENCE[node.op];
      // Comparisons do not chain, so both sides need a tighter operator; the others are left-associative.
      const leftMin = p === 4 ? p + 1 : p;
      const s = `${print(node.left, leftMin)} ${node.op} ${print(node.right, p + 1)}`;
      return p < parent ? `(${s})` : s;
    }
    case "call":
      return `${node.fn}(${node.args.map((a) => print(a, 0)).join(", ")})`;
  }
}
