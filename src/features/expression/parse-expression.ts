import { EXPRESSION_LIMITS, FUNCTION_ARITY, RESERVED_WORDS } from "./ast.ts";
import type { BinaryOp, ExpressionNode, FunctionName } from "./ast.ts";
import { tokenize } from "./tokenize.ts";
import type { Token } from "./tokenize.ts";
import type { ExpressionIssue, FoundExpressionIssue } from "./expression-issue.ts";

export type { ExpressionIssue, FoundExpressionIssue } from "./expression-issue.ts";

/** The shared `ParseResult` of parsing untrusted input, for expression text (its issues keep `position`). */
export type ParseExpressionResult = { success: true; data: ExpressionNode } | { success: false; issues: ExpressionIssue[] };

/** Options for {@link parseExpression}. */
export interface ParseExpressionOptions {
  /** The only column names the expression may read. */
  columns: readonly string[];
}

class ParseFailure {
  constructor(readonly issue: FoundExpressionIssue) {}
}

function rejected(issue: FoundExpressionIssue): ParseExpressionResult {
  return { success: false, issues: [{ ...issue, path: [] }] };
}

/**
 * Parses expression text with a whitelist grammar: numbers, known column names (quoted with
 * `"…"` or backticks when they hold spaces), `+ - * /` (also `× ÷ −`), comparisons
 * `< <= > >= == !=`, `and or not` (also `&& || !`), parentheses, and the functions
 * `abs log min max clip if`. Nothing else parses: no property access, no other calls, no
 * strings. Input is bounded (1000 characters, depth 32, 256 nodes). It never throws: bad
 * input comes back as `{ success: false, issues }`, and nothing in the text is ever executed.
 *
 * @example
 * const r = parseExpression("log(income) - 2 * debt", { columns: ["income", "debt"] });
 * if (r.success) evaluateExpression(r.data, { income: Math.E, debt: 0.25 }); // 0.5
 */
export function parseExpression(text: string, options: ParseExpressionOptions): ParseExpressionResult {
  try {
    const lexed = tokenize(text);
    if (lexed.issue) return rejected(lexed.issue);
    const columns = new Set(Array.isArray(options?.columns) ? options.columns : []);
    const parser = new Parser(lexed.tokens, columns);
    const data = parser.parseAll();
    return { success: true, data };
  } catch (error) {
    if (error instanceof ParseFailure) return rejected(error.issue);
    // A stack overflow or any other surprise still comes back as data, never as a throw.
    return rejected({ code: "internal", message: `the expression could not be parsed: ${(error as Error)?.message ?? String(error)}`, position: 0 });
  }
}

const COMPARISONS = new Set(["<", "<=", ">", ">=", "=="  , "!="]);

class Parser {
  private i = 0;
  private depth = 0;
  private nodes = 0;

  constructor(private readonly tokens: Token[], private readonly columns: Set<string>) {}

  parseAll(): ExpressionNode {
    if (this.peek().kind === "end") this.fail("empty", "the expression is empty", 0);
    const node = this.orExpr();
    const t = this.peek();
    if (t.kind !== "end") this.fail("unexpected_token", `unexpected ${describe(t)} after a complete expression`, t.position);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.i];
  }

  private next(): Token {
    return this.tokens[this.i++];
  }

  private fail(code: string, message: string, position: number): never {
    throw new ParseFailure({ code, message, position });
  }

  private isWord(t: Token, word: string): boolean {
    return (t.kind === "name" || t.kind === "op") && t.text === word;
  }

  private make(node: ExpressionNode, position: number): ExpressionNode {
    if (++this.nodes > EXPRESSION_LIMITS.maxNodes) {
      this.fail("too_many_nodes", `the expression has more than ${EXPRESSION_LIMITS.maxNodes} parts; split it into simpler features`, position);
    }
    return node;
  }

  private enter(position: number): void {
    if (++this.depth > EXPRESSION_LIMITS.maxDepth) {
      this.fail("too_deep", `the expression nests deeper than ${EXPRESSION_LIMITS.maxDepth} levels`, position);
    }
  }

  private orExpr(): ExpressionNode {
    this.enter(this.peek().position);
    let left = this.andExpr();
    while (this.isWord(this.peek(), "or")) {
      const t = this.next();
      left = this.make({ type: "binary", op: "or", left, right: this.andExpr() }, t.position);
    }
    this.depth--;
    return left;
  }

  private andExpr(): ExpressionNode {
    let left = this.notExpr();
    while (this.isWord(this.peek(), "and")) {
      const t = this.next();
      left = this.make({ type: "binary", op: "and", left, right: this.notExpr() }, t.position);
    }
    return left;
  }

  private notExpr(): ExpressionNode {
    const t = this.peek();
    if (this.isWord(t, "not")) {
      this.next();
      this.enter(t.position);
      const arg = this.notExpr();
      this.depth--;
      return this.make({ type: "unary", op: "not", arg }, t.position);
    }
    return this.comparison();
  }

  private comparison(): ExpressionNode {
    const left = this.additive();
    const t = this.peek();
    if (t.kind === "op" && COMPARISONS.has(t.text)) {
      this.next();
      const right = this.additive();
      const after = this.peek();
      if (after.kind === "op" && COMPARISONS.has(after.text)) {
        this.fail("chained_comparison", "comparisons cannot be chained (a < b < c): write a < b and b < c", after.position);
      }
      return this.make({ type: "binary", op: t.text as BinaryOp, left, right }, t.position);
    }
    return left;
  }

  private additive(): ExpressionNode {
    let left = this.multiplicative();
    for (let t = this.peek(); t.kind === "op" && (t.text === "+" || t.text === "-"); t = this.peek()) {
      this.next();
      left = this.make({ type: "binary", op: t.text as BinaryOp, left, right: this.multiplicative() }, t.position);
    }
    return left;
  }

  private multiplicative(): ExpressionNode {
    let left = this.unary();
    for (let t = this.peek(); t.kind === "op" && (t.text === "*" || t.text === "/"); t = this.peek()) {
      this.next();
      left = this.make({ type: "binary", op: t.text as BinaryOp, left, right: this.unary() }, t.position);
    }
    return left;
  }

  private unary(): ExpressionNode {
    const t = this.peek();
    if (t.kind === "op" && t.text === "-") {
      this.next();
      this.enter(t.position);
      const arg = this.unary();
      this.depth--;
      return this.make({ type: "unary", op: "-", arg }, t.position);
    }
    if (t.kind === "op" && t.text === "+") {
      this.next();
      return this.unary();
    }
    return this.primary();
  }

  private primary(): ExpressionNode {
    const t = this.next();
    switch (t.kind) {
      case "number":
        return this.make({ type: "number", value: t.value! }, t.position);
      case "quoted":
        return this.column(t.text, t.position);
      case "(": {
        this.enter(t.position);
        const inner = this.orExpr();
        this.depth--;
        const close = this.next();
        if (close.kind !== ")") this.fail("unclosed_parenthesis", `expected ")" to close the "(" at ${t.position}, found ${describe(close)}`, close.position);
        return inner;
      }
      case "name": {
        if (this.peek().kind === "(") return this.call(t);
        if (RESERVED_WORDS.has(t.text)) {
          this.fail("reserved_word", `"${t.text}" is a reserved word here; quote it ("${t.text}") if it is a column`, t.position);
        }
        return this.column(t.text, t.position);
      }
      default:
        return this.fail("unexpected_token", `expected a number, a column or "(", found ${describe(t)}`, t.position);
    }
  }

  private column(name: string, position: number): ExpressionNode {
    if (!this.columns.has(name)) {
      const known = [...this.columns].slice(0, 20).map((c) => JSON.stringify(c)).join(", ");
      this.fail("unknown_column", `unknown column ${JSON.stringify(name)}; known columns: ${known || "(none)"}`, position);
    }
    return this.make({ type: "column", name }, position);
  }

  private call(nameToken: Token): ExpressionNode {
    const fn = nameToken.text;
    if (!Object.hasOwn(FUNCTION_ARITY, fn)) {
      this.fail("unknown_function", `unknown function ${JSON.stringify(fn)}: only abs, log, min, max, clip and if are allowed`, nameToken.position);
    }
    this.next(); // "("
    this.enter(nameToken.position);
    const args: ExpressionNode[] = [];
    if (this.peek().kind !== ")") {
      for (;;) {
        args.push(this.orExpr());
        const sep = this.peek();
        if (sep.kind === ",") { this.next(); continue; }
        break;
      }
    }
    const close = this.next();
    if (close.kind !== ")") this.fail("unclosed_parenthesis", `expected "," or ")" in the call to ${fn}, found ${describe(close)}`, close.position);
    this.depth--;
    const [lo, hi] = FUNCTION_ARITY[fn as FunctionName];
    if (args.length < lo || args.length > hi) {
      const want = lo === hi ? `${lo}` : `${lo} to ${hi}`;
      this.fail("arity", `${fn} takes ${want} argument${hi === 1 ? "" : "s"}, got ${args.length}`, nameToken.position);
    }
    return this.make({ type: "call", fn: fn as FunctionName, args }, nameToken.position);
  }
}

function describe(t: Token): string {
  if (t.kind === "end") return "the end of the expression";
  return JSON.stringify(t.text);
}
