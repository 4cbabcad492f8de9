import { EXPRESSION_LIMITS } from "./ast.ts";
import type { FoundExpressionIssue as ExpressionIssue } from "./expression-issue.ts";

/** One token of the expression language. `position` is the 0-based character offset. */
export interface Token {
  kind: "number" | "name" | "quoted" | "op" | "(" | ")" | "," | "end";
  text: string;
  position: number;
  value?: number;
}

const OPERATORS = ["<=", ">=", "==", "!=", "&&", "||", "+", "-", "*", "/", "<", ">", "!", "×", "÷", "−"];
// Unicode and C-style spellings are accepted and normalized to one spelling.
const CANONICAL: Record<string, string> = { "×": "*", "÷": "/", "−": "-", "&&": "and", "||": "or", "!": "not" };

/**
 * Splits expression text into tokens, or returns the first lexical issue.
 * Column names with spaces or symbols are written in double quotes or backticks
 * (`"monthly income"`); a quote character cannot appear inside a quoted name.
 *
 * @example
 * tokenize("a + 2").tokens.map((t) => t.text); // ["a", "+", "2", ""]
 */
export function tokenize(text: string): { tokens: Token[]; issue?: undefined } | { tokens?: undefined; issue: ExpressionIssue } {
  if (typeof text !== "string") return { issue: { code: "not_text", message: "the expression must be a string", position: 0 } };
  if (text.length > EXPRESSION_LIMITS.maxLength) {
    return { issue: { code: "too_long", message: `the expression has ${text.length} characters; at most ${EXPRESSION_LIMITS.maxLength} are allowed`, position: EXPRESSION_LIMITS.maxLength } };
  }
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") { i++; continue; }
    if ((c >= "0" && c <= "9") || (c === "." && text[i + 1] >= "0" && text[i + 1] <= "9")) {
      const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
      const literal = m![0];
      const value = Number(literal);
      if (!Number.isFinite(value)) return { issue: { code: "bad_number", message: `the number ${literal} is out of range`, position: i } };
      tokens.push({ kind: "number", text: literal, position: i, value });
      i += literal.length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 256))!;
      tokens.push({ kind: "name", text: m[0], position: i });
      i += m[0].length;
      continue;
    }
    if (c === '"' || c === "`") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return { issue: { code: "unclosed_quote", message: `the quoted column name starting here has no closing ${c}`, position: i } };
      tokens.push({ kind: "quoted", text: text.slice(i + 1, end), position: i });
      i = end + 1;
      continue;
    }
    if (c === "(" || c === ")" || c === ",") { tokens.push({ kind: c, text: c, position: i }); i++; continue; }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      tokens.push({ kind: "op", text: CANONICAL[op] ?? op, position: i });
      i += op.length;
      continue;
    }
    const shown = JSON.stringify(c);
    return { issue: { code: "unexpected_character", message: `unexpected character ${shown}: only numbers, column names, + - * / comparisons, and/or/not, parentheses, commas and the functions abs log min max clip if are allowed`, position: i } };
  }
  tokens.push({ kind: "end", text: "", position: text.length });
  return { tokens };
}
