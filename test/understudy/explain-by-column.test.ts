import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { Featurizer } from "../../src/features/featurizer.ts";
import { principalReasons } from "../../src/explain/principal-reasons.ts";
import { reasonCodes } from "../../src/explain/reason-codes.ts";
import { explainRow } from "../../src/understudy/explain-row.ts";
import { HandLogistic } from "../explain/model-fixtures.ts";
import { buildTree, HandTreeModel } from "../explain/tree-fixtures.ts";

// Features, in the featurizer's order: income, "income is missing", region = north / south / west / (other).
const train = [
  { income: 2, region: "north" }, { income: 4, region: "south" }, { income: null, region: "north" },
  { income: 6, region: "west" }, { income: 8, region: "south" }, { income: 4, region: "north" },
];
const featurizer = new Featurizer({ features: ["income", "region"] }).fit(train);
const lineage = featurizer.lineage;
// A round reference row, so every contribution below is worked out by hand.
const baseline = { mean: [4, 0.25, 0.5, 0.25, 0.25, 0], median: [4, 0, 0, 0, 0, 0] };
const names = lineage.map((l) => l.name);
// log-odds of "declined" = −0.3 + 0.5·income + 1.2·missing − north + 2·south + 0.4·west
const logistic = new HandLogistic([0.5, 1.2, -1, 2, 0.4, 0], -0.3, names, ["approved", "declined"]);
const explain = (model: HandLogistic | HandTreeModel, row: Record<string, unknown>, toward?: string, top = 4) =>
  explainRow(model, featurizer.transform([row]), baseline, top, { lineage, row, ...(toward ? { toward } : {}) });

describe("reasons by column: logistic model", () => {
  it("rolls one-hot levels and the missing indicator into their column; sums like reasons.all", () => {
    // income missing (filled with the median 4), region south: x = [4, 1, 0, 1, 0, 0].
    // income: 0.5·(4 − 4) + 1.2·(1 − 0.25) = 0.9; region: −1·(0 − 0.5) + 2·(1 − 0.25) + 0.4·(0 − 0.25) = 1.9.
    const e = explain(logistic, { income: null, region: "south" });
    expect(e.prediction).toBe("declined");
    expect(e.byColumn.map((r) => [r.column, r.kind])).toEqual([["region", "column"], ["income", "column"]]);
    expect(e.byColumn[0].contribution).toBeCloseTo(1.9, 12);
    expect(e.byColumn[1].contribution).toBeCloseTo(0.9, 12);
    expect(e.byColumn.map((r) => r.text)).toEqual([
      "region = south raises the declined log-odds by 1.9",
      "income is missing, which raises the declined log-odds by 0.9",
    ]);
    const total = e.reasons.all.reduce((s, c) => s + c.contribution, 0);
    expect(e.byColumn.reduce((s, r) => s + r.contribution, 0)).toBeCloseTo(total, 12);
    expect(total).toBeCloseTo(4.9 - 2.1, 12); // logit 4.9, baseline logit 2.1
  });

  it("toward an outcome: only the factors that pushed toward it, largest first, at most top", () => {
    // income 8, west: x = [8, 0, 0, 0, 1, 0]. Toward declined: income 0.5·4 + 1.2·(−0.25) = 1.7;
    // region 0.5 − 0.5 + 0.3 = 0.3. Toward approved every sign flips: nothing helped approval.
    const row = { income: 8, region: "west" };
    const declined = explain(logistic, row, "declined");
    expect(declined.byColumn.map((r) => r.column)).toEqual(["income", "region"]);
    expect(declined.byColumn[0].contribution).toBeCloseTo(1.7, 12);
    expect(declined.byColumn[1].contribution).toBeCloseTo(0.3, 12);
    expect(declined.toward).toEqual({ outcome: "declined", baseline: "training average", base: expect.closeTo(2.1, 12), scale: "log-odds" });
    // The linear counterfactual lowers "region = south" below 0, which no input can do: not quoted as a change.
    expect(declined.byColumn.map((r) => r.text)).toEqual([
      "income = 8 raises the declined log-odds by 1.7 from the training average; income closer to the training average (4) would count less toward declined",
      "region = west raises the declined log-odds by 0.3 from the training average; a different value of region would have to count less toward declined",
    ]);
    expect(explain(logistic, row, "declined", 1).byColumn.map((r) => r.column)).toEqual(["income"]);
    expect(explain(logistic, row, "approved").byColumn).toEqual([]);
  });

  it("a helping factor is never listed against the applicant", () => {
    // income 2, north: x = [2, 0, 1, 0, 0, 0]. Toward declined: income −1 − 0.3 = −1.3 (helped);
    // region −0.5 − 0.5 − 0.1 = −1.1 (helped): logit −0.3 + 1 − 1 = −0.3, approved.
    const e = explain(logistic, { income: 2, region: "north" }, "declined");
    expect(e.prediction).toBe("approved");
    expect(e.byColumn).toEqual([]);
  });
});

describe("reasons by column: a tree", () => {
  // Root: south? (feature 3). Not south: income ≤ 5 → P(declined) 0.2 (cover 2), else 0.6 (cover 2). South: 0.9 (cover 2).
  const tree = new HandTreeModel([buildTree({
    feature: 3, threshold: 0.5,
    left: { feature: 0, threshold: 5, left: { value: [0.8, 0.2], cover: 2 }, right: { value: [0.4, 0.6], cover: 2 } },
    right: { value: [0.1, 0.9], cover: 2 },
  })], names, ["approved", "declined"]);
  // Row income 8, west. TreeSHAP for declined, by hand: v(∅) = 3.4/6, v(south known) = 0.4,
  // v(income known) = (4·0.6 + 2·0.9)/6 = 0.7, v(both) = 0.6.
  // φ_region = ½(0.4 − 3.4/6) + ½(0.6 − 0.7) = −2/15; φ_income = ½(0.7 − 3.4/6) + ½(0.6 − 0.4) = 1/6.
  const row = { income: 8, region: "west" };

  it("rolls TreeSHAP values up by column", () => {
    const e = explain(tree, row);
    expect(e.byColumn.map((r) => r.column)).toEqual(["income", "region"]);
    expect(e.byColumn[0].contribution).toBeCloseTo(1 / 6, 12);
    expect(e.byColumn[1].contribution).toBeCloseTo(-2 / 15, 12);
    expect(e.byColumn[1].text).toBe("region = west lowers the declined probability by 0.133");
    expect(e.reasons.base).toBeCloseTo(3.4 / 6, 12);
  });

  it("toward declined: income only, with the counterfactual's change", () => {
    const e = explain(tree, row, "declined");
    expect(e.byColumn.map((r) => r.column)).toEqual(["income"]);
    // The only approved leaf is income ≤ 5 (not south): the nearest row there has income 5.
    expect(e.byColumn[0].text).toBe("income = 8 raises the declined probability by 0.167 from the training average; the decision would change if income were at most 5");
  });

  it("toward approved: not being south helped; it is the one reason for approval", () => {
    const e = explain(tree, row, "approved");
    expect(e.byColumn.map((r) => [r.column, r.contribution])).toEqual([["region", expect.closeTo(2 / 15, 12)]]);
    expect(e.byColumn[0].text).toBe("region = west raises the approved probability by 0.133 from the training average; a different value of region would have to count less toward approved");
  });
});

describe("principal reasons in words", () => {
  it("names the counterfactual's change in the input's terms", () => {
    const x = featurizer.transform([{ income: 8, region: "south" }]);
    const reasons = reasonCodes(logistic, x, 0, { output: "declined", baseline: baseline.mean });
    const cf = { found: true, target: "approved", original: "declined", x: [], distance: 1, method: "linear" as const,
      changes: [{ feature: 3, name: "region = south", from: 1, to: 0 }, { feature: 0, name: "income", from: 8, to: 3 }] };
    const texts = principalReasons(reasons, { lineage, counterfactual: cf, row: { income: 8, region: "south" } }).map((r) => r.text);
    // region: 0.5 + 1.5 − 0.1 = 1.9; income: 2 − 0.3 = 1.7.
    expect(texts).toEqual([
      "region = south raises the declined log-odds by 1.9 from the training average; the decision would change if region were other than south",
      "income = 8 raises the declined log-odds by 1.7 from the training average; the decision would change if income were at most 3",
    ]);
  });
});

describe("toward: bad outcomes", () => {
  it("a class the model does not have, and a regressor", () => {
    expect(() => explain(logistic, { income: 1, region: "north" }, "maybe")).toThrow(expect.objectContaining({ code: "bad_labels", message: messages.explain.unknownClass("explain", "maybe", ["approved", "declined"]) }));
    const regressor = new HandTreeModel([buildTree({ value: [1], cover: 1 })], names);
    expect(() => explain(regressor, { income: 1, region: "north" }, "declined")).toThrow(expect.objectContaining({ code: "bad_option", message: messages.understudy.towardNeedsClassifier("declined") }));
  });
});
