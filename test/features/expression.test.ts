import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { Random } from "../../src/core/random.ts";
import {
  evaluateExpression,
  expressionColumns,
  parseExpression,
  printExpression,
  type ExpressionNode,
} from "../../src/features/expression/index.ts";

const columns = ["income", "debt", "age", "monthly income", "and"];

function parse(text: string): ExpressionNode {
  const r = parseExpression(text, { columns });
  if (!r.success) throw new Error(`${text}: ${JSON.stringify(r.issues)}`);
  return r.data;
}

describe("parseExpression + evaluateExpression", () => {
  it("follows arithmetic precedence and associativity", () => {
    const row = { income: 10, debt: 4, age: 30 };
    expect(evaluateExpression(parse("income - debt - 1"), row)).toBe(5);
    expect(evaluateExpression(parse("income - debt * 2"), row)).toBe(2);
    expect(evaluateExpression(parse("(income - debt) * 2"), row)).toBe(12);
    expect(evaluateExpression(parse("income / debt / 5"), row)).toBeCloseTo(0.5);
    expect(evaluateExpression(parse("-debt + income"), row)).toBe(6);
    expect(evaluateExpression(parse("income × 2 ÷ 4 − 1"), row)).toBe(4);
  });

  it("evaluates comparisons, boolean logic and every whitelisted function", () => {
    const row = { income: 10, debt: 4, age: 17 };
    expect(evaluateExpression(parse("age >= 18 or income > 5 and debt < 5"), row)).toBe(1);
    expect(evaluateExpression(parse("not (age >= 18) && !(debt == 4)"), row)).toBe(0);
    expect(evaluateExpression(parse("abs(debt - income)"), row)).toBe(6);
    expect(evaluateExpression(parse("log(income)"), row)).toBeCloseTo(Math.log(10));
    expect(evaluateExpression(parse("min(income, debt, age)"), row)).toBe(4);
    expect(evaluateExpression(parse("max(income, debt, age)"), row)).toBe(17);
    expect(evaluateExpression(parse("clip(age, 18, 65)"), row)).toBe(18);
    expect(evaluateExpression(parse("if(age < 18, 1, income)"), row)).toBe(1);
    expect(evaluateExpression(parse('"monthly income" * 12'), { "monthly income": 2 })).toBe(24);
    expect(evaluateExpression(parse("`and` + 1"), { and: 2 })).toBe(3);
  });

  it("returns NaN (never Infinity) for log of non-positive values, division by zero and missing inputs", () => {
    expect(evaluateExpression(parse("log(debt)"), { debt: 0 })).toBeNaN();
    expect(evaluateExpression(parse("log(debt)"), { debt: -3 })).toBeNaN();
    expect(evaluateExpression(parse("income / debt"), { income: 1, debt: 0 })).toBeNaN();
    expect(evaluateExpression(parse("income + 1"), { income: null })).toBeNaN();
    expect(evaluateExpression(parse("income > 1"), { income: "n/a" })).toBeNaN();
    expect(evaluateExpression(parse("income + 1"), { income: "41" })).toBe(42);
  });

  it("treats a column named __proto__ as an ordinary column", () => {
    const r = parseExpression('"__proto__" + 1', { columns: ["__proto__"] });
    expect(r.success && evaluateExpression(r.data, JSON.parse('{"__proto__": 2}'))).toBe(3);
  });

  it("evaluates columns of values row by row", () => {
    const out = evaluateExpression(parse("if(age >= 18, income / debt, 0)"), { age: [12, 40, NaN], income: [1, 9, 1], debt: [1, 3, 1] });
    expect(Array.from(out)).toEqual([0, 3, NaN]);
  });

  it("produces a plain JSON tree that survives a JSON round trip and printing", () => {
    const texts = ["income / (debt + 1)", "not age < 18 or -income <= 2 * debt", 'clip("monthly income", 0, 1e4) - abs(-3)', "(age < 3) == (debt > 2)", "if(age > 1 and debt > 2, -(income - 1), 1.5)"];
    for (const text of texts) {
      const ast = parse(text);
      expect(JSON.parse(JSON.stringify(ast))).toEqual(ast);
      expect(parse(printExpression(ast))).toEqual(ast);
    }
    expect(printExpression(parse("(income)+( debt*2 )"))).toBe("income + debt * 2");
    expect(expressionColumns(parse("income / income + debt"))).toEqual(["income", "debt"]);
  });

  it("rejects what is not in the whitelist with a positioned issue", () => {
    const cases: [string, string, number][] = [
      ["salary * 2", "unknown_column", 0],
      ["income.constructor", "unexpected_character", 6],
      ["process(income)", "unknown_function", 0],
      ["exp(income)", "unknown_function", 0],
      ["income +", "unexpected_token", 8],
      ["(income", "unclosed_parenthesis", 7],
      ["log(income, 2)", "arity", 0],
      ["'x'", "unexpected_character", 0],
      ["income[0]", "unexpected_character", 6],
      ["a < b < c".replace(/[abc]/g, "age"), "chained_comparison", 10],
      ["if + 1", "reserved_word", 0],
      ["and + 1", "reserved_word", 0],
      ["age; debt", "unexpected_character", 3],
      ["", "empty", 0],
      ['"unclosed', "unclosed_quote", 0],
    ];
    for (const [text, code, position] of cases) {
      const r = parseExpression(text, { columns });
      expect(r.success, text).toBe(false);
      if (!r.success) {
        expect(r.issues[0].code, text).toBe(code);
        expect(r.issues[0].position, text).toBe(position);
        expect(r.issues[0].path, text).toEqual([]); // the shared ParseIssue shape: one string, no path
        expect(r.issues[0].message.length).toBeGreaterThan(10);
      }
    }
  });

  it("bounds length and depth", () => {
    const long = parseExpression("income + ".repeat(200) + "1", { columns });
    expect(long.success).toBe(false);
    if (!long.success) expect(long.issues[0].code).toBe("too_long");
    const deep = parseExpression("(".repeat(40) + "income" + ")".repeat(40), { columns });
    expect(deep.success).toBe(false);
    if (!deep.success) expect(deep.issues[0].code).toBe("too_deep");
    const negations = parseExpression("-".repeat(100) + "income", { columns });
    expect(negations.success).toBe(false);
  });

  it("fuzz: thousands of random and hostile strings never throw and only valid trees come back", () => {
    const rng = new Random(7);
    const pieces = ["income", "debt", "age", '"monthly income"', "`and`", "salary", "1", "2.5", "1e308", "1e999", ".5", "+", "-", "*", "/", "<", "<=", "==", "!=", ">", "and", "or", "not", "&&", "||", "!", "(", ")", ",", "abs(", "log(", "min(", "max(", "clip(", "if(", "eval(", "constructor", "__proto__", ".", "[", "]", ";", "'", '"', "`", "=>", "{", "}", "this", "process.exit()", "\u0000", "\u2028", "×", "÷", "−", " ", "  "];
    const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 +-*/<>=!&|(),.'\"`[]{};:\\\n\t$#@%^~×÷−é";
    let valid = 0;
    for (let trial = 0; trial < 6000; trial++) {
      let text = "";
      if (trial % 2 === 0) {
        const n = 1 + rng.int(14);
        for (let k = 0; k < n; k++) text += pieces[rng.int(pieces.length)] + (rng.next() < 0.5 ? " " : "");
      } else {
        const n = rng.int(40);
        for (let k = 0; k < n; k++) text += alphabet[rng.int(alphabet.length)];
      }
      const r = parseExpression(text, { columns });
      if (r.success) {
        valid++;
        // Every accepted tree is plain JSON, reads only known columns, and evaluates to a number.
        expect(JSON.parse(JSON.stringify(r.data))).toEqual(r.data);
        for (const c of expressionColumns(r.data)) expect(columns).toContain(c);
        const v = evaluateExpression(r.data, { income: 3, debt: 0, age: 40, "monthly income": -1, and: 2 });
        expect(typeof v).toBe("number");
        expect(Number.isFinite(v) || Number.isNaN(v)).toBe(true);
        expect(parseExpression(printExpression(r.data), { columns })).toEqual(r);
      } else {
        expect(r.issues.length).toBe(1);
        expect(r.issues[0].code).not.toBe("internal");
        expect(r.issues[0].position).toBeGreaterThanOrEqual(0);
      }
    }
    expect(valid).toBeGreaterThan(40);
  });

  it("fuzz: randomly generated grammatical expressions all parse and print back to the same tree", () => {
    const rng = new Random(11);
    const gen = (depth: number): string => {
      const r = rng.int(depth > 3 ? 2 : 9);
      if (r === 0) return String(rng.int(100) / 4);
      if (r === 1) return ["income", "debt", "age", '"monthly income"'][rng.int(4)];
      if (r === 2) return `-${gen(depth + 1)}`;
      if (r === 3) return `(${gen(depth + 1)} ${["+", "-", "*", "/"][rng.int(4)]} ${gen(depth + 1)})`;
      if (r === 4) return `(${gen(depth + 1)} ${["<", "<=", ">", ">=", "==", "!="][rng.int(6)]} ${gen(depth + 1)})`;
      if (r === 5) return `(${gen(depth + 1)} ${["and", "or"][rng.int(2)]} ${gen(depth + 1)})`;
      if (r === 6) return `(not ${gen(depth + 1)})`;
      if (r === 7) return `${["abs", "log"][rng.int(2)]}(${gen(depth + 1)})`;
      return `${["clip", "if"][rng.int(2)]}(${gen(depth + 1)}, ${gen(depth + 1)}, ${gen(depth + 1)})`;
    };
    for (let trial = 0; trial < 2000; trial++) {
      const ast = parse(gen(0));
      expect(parse(printExpression(ast))).toEqual(ast);
    }
  });

  it("never throws on hostile non-string input", () => {
    for (const bad of [undefined, null, 42, {}, ["income"]]) {
      const r = parseExpression(bad as unknown as string, { columns });
      expect(r.success).toBe(false);
    }
    const huge = parseExpression("(".repeat(100_000), { columns });
    expect(huge.success).toBe(false);
  });
});

describe("evaluateExpression on bad input", () => {
  const ast = (text: string, columns: string[]) => {
    const r = parseExpression(text, { columns });
    if (!r.success) throw new Error(`${text} must parse`);
    return r.data;
  };

  it("names a column the input lacks, and columns of unequal length", () => {
    expect(() => evaluateExpression(ast("a + b", ["a", "b"]), { a: [1, 2] })).toThrow(messages.features.expressionColumnMissing("b"));
    expect(() => evaluateExpression(ast("a + b", ["a", "b"]), { a: [1, 2] })).toThrow(expect.objectContaining({ code: "unknown_column" }));
    expect(() => evaluateExpression(ast("a + b", ["a", "b"]), { a: [1, 2], b: [1] })).toThrow(messages.features.expressionColumnsRagged("b", 1, 2));
    expect(() => evaluateExpression(ast("a", ["a"]), null as never)).toThrow(messages.features.expressionInput());
  });

  it("rejects a hand-built tree the grammar does not have", () => {
    expect(() => evaluateExpression({ type: "lambda" } as never, { a: 1 })).toThrow(messages.features.unknownExpressionPart("expression node", "lambda"));
    expect(() => evaluateExpression({ type: "lambda" } as never, { a: 1 })).toThrow(expect.objectContaining({ code: "bad_expression" }));
  });
});
