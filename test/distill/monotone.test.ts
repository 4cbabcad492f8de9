// distill({ monotone }): families that cannot honour a constraint are left out with the reason,
// the chosen model honours it on every held-out row, and a column without an order is an error.
import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { Random } from "../../src/core/random.ts";
import { distill, Understudy } from "../../src/index.ts";

// Approval falls with debt, and rises with income except for a dip in the middle: an
// unconstrained model learns the dip, which an "increasing" income constraint forbids.
function loans(n: number) {
  const rng = new Random(11);
  return Array.from({ length: n }, () => {
    const income = Math.round(rng.next() * 100);
    const debt = Math.round(rng.next() * 100) / 100;
    const dip = income > 40 && income < 60 ? -3 : 0;
    const z = (income - 50) / 15 - 3 * (debt - 0.5) + dip + rng.normal() * 0.3;
    return { income, debt, region: rng.next() < 0.5 ? "north" : "south", label: z > 0 ? "approve" : "decline" };
  });
}

// Independent sweep through the public API: rows whose P(approve) ever falls as income grows.
function incomeViolations(predictProba: (rows: Record<string, unknown>[]) => number[][], classes: string[], rows: Record<string, unknown>[]) {
  const grid = Array.from({ length: 21 }, (_, i) => i * 5);
  const k = classes.indexOf("approve");
  return rows.filter((row) => {
    const p = predictProba(grid.map((income) => ({ ...row, income }))).map((q) => q[k]);
    return p.some((v, g) => g > 0 && v < p[g - 1] - 1e-9);
  }).length;
}

describe("distill({ monotone })", () => {
  const data = loans(600);
  const base = { data, task: "Approve the loan?", labels: ["approve", "decline"], target: "label", seed: 0 };

  it("keeps only families that honour it, and the model never lowers P(approve) as income grows", async () => {
    const u = await distill({ ...base, monotone: { income: "increasing", debt: "decreasing" } });
    const choice = u.metadata.modelChoice;
    expect(choice.candidates.map((c) => c.name)).toEqual(["logistic", "tree", "ebm", "forest"]);
    expect(choice.leftOut?.map((c) => c.name)).toEqual(["knn"]);
    expect(choice.leftOut?.find((c) => c.name === "knn")?.reason).toMatch(/^k-NN cannot honour monotone constraints/);
    const test = u.metrics.monotone!;
    expect(test.map((m) => [m.column, m.direction, m.rows, m.violations])).toEqual([["income", "increasing", "test", 0], ["debt", "decreasing", "test", 0]]);
    expect(test[0].n).toBe(u.metrics.vsTeacher.n);
    expect(incomeViolations((r) => u.predictProba(r), u.classes as string[], data.slice(0, 60))).toBe(0);
  }, 240_000);

  it("holds where the unconstrained EBM breaks it on the same data", async () => {
    const u = await distill({ ...base, model: "ebm" });
    expect(u.metrics.monotone).toBeUndefined();
    // The shape chart names the positive class and, binary, turns the log-odds toward it.
    const shape = u.charts.shape!("income");
    expect(shape.title.subtitle).toMatch(/^log-odds of approve;/);
    const steps = (shape.data.values as { score: number }[]).map((v) => v.score);
    expect(steps[steps.length - 1]).toBeGreaterThan(steps[0]);
    expect(incomeViolations((r) => u.predictProba(r), u.classes as string[], data.slice(0, 60))).toBeGreaterThan(10);
  }, 240_000);

  for (const model of ["logistic", "ebm", "tree", "forest"] as const) {
    it(`${model}: flips to the model's own class order when the positive label sorts second`, async () => {
      const u = await distill({ ...base, labels: ["decline", "approve"], model, monotone: { income: "decreasing" } });
      expect(u.metadata.modelChoice.chosen).toBe(model);
      expect(u.metrics.monotone!.map((m) => m.violations)).toEqual([0]);
      expect(incomeViolations((r) => u.predictProba(r), u.classes as string[], data.slice(0, 60))).toBe(0);
      expect(Understudy.fromJSON(u.toJSON()).predictProba(data.slice(0, 20))).toEqual(u.predictProba(data.slice(0, 20)));
    }, 240_000);
  }

  it("regression: every family but k-NN honours it, and the chosen one holds on the test rows", async () => {
    const rows = data.map(({ label: _, ...r }) => ({ ...r, amount: r.income - (r.income > 40 && r.income < 60 ? 20 : 0) + 10 * r.debt }));
    const u = await distill({ data: rows, task: "Amount?", target: "amount", seed: 0, monotone: { income: "increasing" } });
    expect(u.metadata.modelChoice.candidates.map((c) => c.name)).toEqual(["linear", "tree", "ebm", "forest"]);
    expect(u.metadata.modelChoice.leftOut?.map((c) => c.name)).toEqual(["knn"]);
    expect(u.metrics.monotone!.map((m) => [m.column, m.violations])).toEqual([["income", 0]]);
  }, 240_000);

  it("rejects a categorical column and a bad direction with bad_option", async () => {
    await expect(distill({ ...base, model: "ebm", monotone: { region: "increasing" } })).rejects.toThrow(messages.distill.monotoneNotNumeric("region", ["income", "debt"]));
    // @ts-expect-error: a direction outside the two
    await expect(distill({ ...base, monotone: { income: "up" } })).rejects.toMatchObject({ code: "bad_option", message: messages.distill.badMonotone({ income: "up" }) });
  }, 240_000);
});
