import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { distill, Understudy } from "../../src/index.ts";
import { setLogger } from "../../src/core/logger.ts";
import { messages } from "../../src/core/messages/index.ts";
import { Matrix, type MatrixLike } from "../../src/data/matrix.ts";
import { buildScorecard } from "../../src/understudy/scorecard.ts";
import { creditRows } from "./credit-rows.ts";

let u: Understudy;
let tree: Understudy;
let previous: ReturnType<typeof setLogger>;
const rows = creditRows(600, 1);
beforeAll(async () => {
  previous = setLogger({ warn: () => {}, info: () => {} });
  const common = { data: rows, task: "Will this applicant repay?", labels: ["good", "bad"], target: "label", seed: 0 };
  u = await distill({ ...common, model: "logistic" });
  tree = await distill({ ...common, model: "tree" });
}, 120_000);
afterAll(() => { setLogger(previous); });

describe("u.scorecard on a logistic model", () => {
  it("factor, offset and score(row) as the usual scaling gives them", () => {
    const card = u.scorecard({ pdo: 20, points: 600, odds: 50 });
    const factor = 20 / Math.log(2);
    expect(card.factor).toBeCloseTo(28.853900817779268, 12);
    expect(card.offset).toBeCloseTo(600 - factor * Math.log(50), 12);
    expect(card.positive).toBe("good");
    const good = u.classes!.indexOf("good");
    for (const row of rows.slice(0, 20)) {
      const p = u.predictProba([row])[0][good];
      expect(card.score(row)).toBeCloseTo(card.offset + factor * Math.log(p / (1 - p)), 9);
    }
    // Odds of 50:1 score 600, and doubling the odds adds 20 points.
    expect(card.offset + factor * Math.log(50)).toBeCloseTo(600, 9);
    expect(card.offset + factor * Math.log(100)).toBeCloseTo(620, 9);
  });

  it("a points table: whole points per decile and level, close to score(row)", () => {
    const card = u.scorecard();
    expect(new Set(card.table.map((r) => r.column))).toEqual(new Set(["income", "debt_ratio", "region"]));
    expect(card.table.every((r) => Number.isInteger(r.points))).toBe(true);
    expect(card.table.filter((r) => r.column === "income").length).toBeLessThanOrEqual(11); // ≤ 10 deciles + missing
    const region = card.table.filter((r) => r.column === "region").map((r) => r.condition);
    expect(region.slice(3)).toEqual(["region is another value", "region is missing"]); // levels first, most frequent first
    expect(region.slice(0, 3).sort()).toEqual(["region = north", "region = south", "region = west"]);
    // Two levels differ by factor × (difference of their coefficients) on the good log-odds, up to rounding.
    const model = u.model as unknown as { coefficients: number[][]; classes: string[] };
    const names = u.model.featureNames;
    const sign = model.classes[1] === "good" ? 1 : -1;
    const w = (name: string) => sign * model.coefficients[0][names.indexOf(name)];
    const pts = (condition: string) => card.table.find((r) => r.condition === condition)!.points;
    expect(Math.abs(pts("region = north") - pts("region = south") - card.factor * (w("region = north") - w("region = south")))).toBeLessThanOrEqual(1);
    // Total points vs score: only the binning of numeric columns and rounding separate them.
    const diffs = rows.slice(0, 200).map((r) => Math.abs(card.tablePoints(r) - card.score(r)));
    expect(Math.max(...diffs)).toBeLessThan(40);
    expect(card.format().split("\n")[0]).toBe(`Scorecard for good: 600 points at odds 50:1, 20 points to double the odds (factor 28.8539, offset ${Number(card.offset.toPrecision(6))})`);
    expect(card.format()).toContain("region = south");
  });

  it("the bundle records the table's largest difference from score(row) over the test rows", () => {
    const check = u.metadata.reference!.scorecardCheck!;
    expect(check.rows).toBe("test");
    expect(check.n).toBe(u.metadata.split.rows.test);
    expect(check.maxDifference).toBeGreaterThanOrEqual(0);
    expect(check.maxDifference).toBeLessThan(40);
    const again = Understudy.fromJSON(JSON.parse(JSON.stringify(u.toJSON())));
    expect(again.scorecard().table).toEqual(u.scorecard().table);
  });

  it("the report states that difference", async () => {
    const md = await u.report({ format: "md" });
    const check = u.metadata.reference!.scorecardCheck!;
    expect(md).toContain(`over ${check.n} held-out test rows, a row's total from the points table differs from its exact score`);
    expect(await tree.report({ format: "md" })).not.toContain("Scorecard (u.scorecard()");
  }, 60_000);

  it("other model types and bad options: one clear error", () => {
    expect(() => tree.scorecard()).toThrow(expect.objectContaining({ code: "unsupported_model", message: messages.understudy.scorecardModel(tree.model.kind) }));
    expect(() => u.scorecard({ pdo: 0 })).toThrow(expect.objectContaining({ code: "bad_option", message: messages.understudy.scorecardOption("pdo", 0, true) }));
    expect(tree.metadata.reference!.scorecardCheck).toBeUndefined();
  });
});

describe("u.explain(row).byColumn through the public API", () => {
  it("sums like reasons.all; toward bad lists only what pushed toward bad", () => {
    for (const row of rows.slice(0, 10)) {
      const e = u.explain(row);
      const total = e.reasons.all.reduce((s, c) => s + c.contribution, 0);
      expect(e.byColumn.reduce((s, r) => s + r.contribution, 0)).toBeCloseTo(total, 9);
      expect(e.byColumn.every((r) => ["income", "debt_ratio", "region"].includes(r.column))).toBe(true);
      const adverse = u.explain(row, { top: 2, toward: "bad" });
      expect(adverse.byColumn.length).toBeLessThanOrEqual(2);
      expect(adverse.byColumn.every((r) => r.contribution > 0 && r.text.includes("raises the bad log-odds"))).toBe(true);
      expect(adverse.toward).toMatchObject({ outcome: "bad", baseline: "training average" });
    }
  });
});

describe("an additive model through capabilities.additive", () => {
  it("lists a main term's bins and a pairwise term's cells", () => {
    // score = −1 + g(income) + h(income, region = north): g = 0.02·income, h = 0.5 when north and income > 60.
    const names = u.model.featureNames;
    const income = names.indexOf("income");
    const north = names.indexOf("region = north");
    const additive = {
      kind: "HandAdditive", classes: ["bad", "good"], featureNames: names, nFeatures: names.length, options: {},
      capabilities: { task: "classification", probabilities: true, trees: false, coefficients: false, neighbors: false, handlesMissing: true, additive: true },
      intercept: [-1], link: "logistic",
      terms: () => [{ features: [income] }, { features: [income, north] }],
      explainTerms: (X: Matrix) => ({ intercept: [-1], contributions: [[[0.02 * X.get(0, income)], [X.get(0, north) === 1 && X.get(0, income) > 60 ? 0.5 : 0]]] }),
      predictProba: (X: MatrixLike) => {
        const M = Matrix.from(X);
        return Array.from({ length: M.nRows }, (_, i) => {
          const z = -1 + 0.02 * M.get(i, income) + (M.get(i, north) === 1 && M.get(i, income) > 60 ? 0.5 : 0);
          const p = 1 / (1 + Math.exp(-z));
          return [1 - p, p];
        });
      },
      predict: () => [], fit() { return this; }, toJSON: () => ({}),
    };
    const card = buildScorecard({ featurizer: u.featurizer, model: additive as never, reference: u.metadata.reference!, labels: ["good", "bad"] });
    const incomeRows = card.table.filter((r) => r.column === "income");
    const pairRows = card.table.filter((r) => r.column === "income × region");
    expect(incomeRows.length).toBeGreaterThan(2);
    // The pair's cells: every income bin with every region line (3 levels, another value, missing).
    expect(pairRows.length).toBe(incomeRows.length * 5);
    const share = (card.offset + card.factor * -1) / 2;
    // A high income bin with north gets 0.5 · factor more than with south.
    const top = incomeRows[incomeRows.length - 2].condition; // the last decile (the last line is "missing")
    const cell = (region: string) => pairRows.find((r) => r.condition === `${top} and region = ${region}`)!.points;
    expect(cell("north") - cell("south")).toBe(Math.round(share + 0.5 * card.factor) - Math.round(share));
    const applicant = { income: 90, region: "north", debt_ratio: 0.2 };
    const z = -1 + 0.02 * 90 + 0.5;
    expect(card.score(applicant)).toBeCloseTo(card.offset + card.factor * z, 9);
    expect(Math.abs(card.tablePoints(applicant) - card.score(applicant))).toBeLessThan(0.02 * 10 * card.factor + 2);
  });
});
