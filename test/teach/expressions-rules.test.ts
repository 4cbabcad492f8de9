import { describe, expect, it } from "vitest";
import { Random } from "../../src/core/random.ts";
import { setLogger } from "../../src/core/logger.ts";
import { functionTeacher } from "../../src/llm/function-teacher.ts";
import { proposeExpressions } from "../../src/teach/propose-expressions.ts";
import { proposeRules } from "../../src/teach/propose-rules.ts";

// The label is "a × b > 1", a hyperbola that a linear model on a and b cannot draw;
// log(a) + log(b) > 0 makes it linear.
const rng = new Random(4);
const rows = Array.from({ length: 240 }, () => ({ a: Math.exp(rng.normal() * 1.5), b: Math.exp(rng.normal() * 1.5), note: "x" }));
const rowLabels = rows.map((r) => (r.a * r.b > 1 ? "yes" : "no"));

describe("proposeExpressions (CAAFE's rule)", () => {
  it("keeps an expression only when cross-validated accuracy improves; hostile text is rejected unexecuted", async () => {
    setLogger({ warn: () => {} }); // the solver may warn about iterations
    const teacher = functionTeacher((req) => {
      expect(req.messages[0].content).toContain('"a" (number)');
      return {
        features: [
          { name: "log product", expression: "log(a) + log(b)", why: "the product decides" },
          { name: "constant", expression: "1 + 0 * a", why: "nothing" },
          { name: "same", expression: "log(a)+log(b)", why: "repeat" },
          { name: "escape", expression: "process.exit(1)", why: "hostile" },
          { name: "unknown", expression: "salary / 2", why: "no such column" },
        ],
      };
    });
    const r = await proposeExpressions({ teacher, task: "Is a times b above 1?", rows, rowLabels, seed: 0 });
    setLogger(undefined);
    expect(r.kept.map((k) => k.expression)).toEqual(["log(a) + log(b)"]);
    expect(r.kept[0].gain).toBeGreaterThan(0.1);
    expect(r.finalScore).toBeGreaterThan(0.95);
    expect(r.baseScore).toBeLessThan(r.finalScore - 0.1);
    const reasons = Object.fromEntries(r.rejected.map((x) => [x.name, x.reason]));
    expect(reasons.constant).toMatch(/did not improve/);
    expect(reasons.same).toMatch(/repeats/);
    expect(reasons.escape).toMatch(/does not parse/);
    expect(reasons.unknown).toMatch(/unknown column "salary"/);
    expect(r.kept[0].ast).toEqual({ type: "binary", op: "+", left: { type: "call", fn: "log", args: [{ type: "column", name: "a" }] }, right: { type: "call", fn: "log", args: [{ type: "column", name: "b" }] } });
  });
});

describe("proposeRules (FeatLLM)", () => {
  it("turns valid per-class conditions into rules with support and precision; rejects the rest", async () => {
    const teacher = functionTeacher(() => ({
      rules: [
        { label: "yes", condition: "a * b > 1", why: "product above one" },
        { label: "no", condition: "a + b", why: "not a condition" },
        { label: "no", condition: "a < 0", why: "never" },
        { label: "yes", condition: "a >", why: "broken" },
      ],
    }));
    const r = await proposeRules({ teacher, task: "Is a times b above 1?", labels: ["yes", "no"], rows, rowLabels });
    expect(r.rules).toHaveLength(1);
    const fired = rows.filter((x) => x.a * x.b > 1).length;
    expect(r.rules[0]).toMatchObject({ label: "yes", condition: "a * b > 1", support: fired / rows.length, precision: 1, name: "rule: a * b > 1 ⇒ yes" });
    expect(r.rejected.map((x) => x.reason)).toEqual([
      "not a true/false condition (use a comparison, and, or, not)",
      "never fires on the training rows",
      expect.stringMatching(/does not parse/),
    ]);
  });

  it("a rule for a label outside the set breaks the schema and yields nothing", async () => {
    setLogger({ warn: () => {} });
    const teacher = functionTeacher(() => ({ rules: [{ label: "maybe", condition: "a > b", why: "" }] }));
    const r = await proposeRules({ teacher, task: "t", labels: ["yes", "no"], rows, rowLabels });
    setLogger(undefined);
    expect(r.rules).toEqual([]);
    expect(r.failure).toMatch(/schema/);
  });
});
