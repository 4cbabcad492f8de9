import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { Random } from "../../src/core/random.ts";
import { distill } from "../../src/distill.ts";
import { isAdditiveModel } from "../../src/models/ebm/additive-model.ts";
import type { Understudy } from "../../src/understudy/understudy.ts";

// An EBM is read term by term: the report draws each term's shape function toward the positive
// class, the three that move the output most open and the rest folded.
let previousLogger: ReturnType<typeof setLogger>;
beforeAll(() => { previousLogger = setLogger({ warn: () => {}, info: () => {} }); });
afterAll(() => { setLogger(previousLogger); });

describe("the report of an Explainable Boosting Machine", () => {
  let u: Understudy;
  beforeAll(async () => {
    const rng = new Random(5);
    const rows = Array.from({ length: 400 }, () => {
      const income = Math.round(rng.next() * 100), debt = Math.round(rng.next() * 50), age = 20 + Math.round(rng.next() * 50), tenure = Math.round(rng.next() * 10), noise = Math.round(rng.next() * 9);
      const score = income / 100 - debt / 40 + (age > 40 ? 0.2 : 0) + rng.next() * 0.3;
      return { income, debt, age, tenure, noise, outcome: score > 0.3 ? "approve" : "decline" };
    });
    u = await distill({ data: rows, task: "Approve?", labels: ["approve", "decline"], target: "outcome", teacher: false, model: "ebm" });
  }, 300_000);

  it("draws every term's shape function, the three largest open and the rest in closed sections", async () => {
    expect(isAdditiveModel(u.model)).toBe(true);
    const terms = (u.model as unknown as { terms(): { names: string[] }[] }).terms().map((t) => t.names.join(" × "));
    expect(terms.length).toBeGreaterThan(3);
    const html = await u.report({ format: "html" });
    for (const term of terms) expect(html).toContain(`Shape function of ${term}`);
    const folded = terms.filter((term) => html.includes(`<summary>Chart: Shape function of ${term}:`));
    expect(folded.length).toBe(terms.length - 3);
    const md = await u.report({ format: "md" });
    expect(md).toContain("log-odds of approve");
    // The chart API draws the same terms, toward the same class.
    expect(JSON.stringify(u.charts.shape!(terms[0]))).toContain("log-odds of approve");
  });
});
