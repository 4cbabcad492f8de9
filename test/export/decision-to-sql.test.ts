import { describe, expect, it } from "vitest";
import { fitProbabilityCalibration } from "../../src/evaluate/probability-calibrator.ts";
import { toSQL } from "../../src/export/to-sql.ts";
import { LogisticRegression } from "../../src/models/logistic-regression.ts";
import { decidedLabels, decidedProba } from "../../src/understudy/decision-rule.ts";
import { runDuckDB } from "./sql-engines.ts";

// A logistic regression on one feature, exported with a cutoff and a calibration: DuckDB's
// prediction and probability follow the same rule as the in-process decision.
const x = Array.from({ length: 40 }, (_, i) => i / 4);
const y = x.map((v, i) => (v + (i % 3) > 6 ? "yes" : "no"));
const model = new LogisticRegression({ C: 1 }).fit(x.map((v) => [v]), y, { featureNames: ["x"] });
const rows = x.map((v) => ({ x: v }));
const proba = model.predictProba(x.map((v) => [v]));

describe("toSQL({ decision })", () => {
  it("a cutoff: prediction is the positive class when its probability is ≥ the threshold", async () => {
    const rule = { cutoff: { positive: "yes", threshold: 0.2 } };
    const sql = toSQL({ model, dialect: "duckdb", table: "t", decision: rule });
    expect(sql).toContain('"prediction" ("yes" when its probability is >= 0.2, else the other class)');
    const out = await runDuckDB("t", { x: "number" }, rows, sql);
    const expected = decidedLabels(rule, proba, model.classes);
    expect(out.map((r) => r.prediction)).toEqual(expected);
    // The threshold moved decisions: some rows are "yes" below even odds.
    expect(expected.filter((l, i) => l === "yes" && proba[i][1] < 0.5).length).toBeGreaterThan(0);
    out.forEach((r, i) => expect(r.probability).toBeCloseTo(proba[i][expected[i] === "yes" ? 1 : 0], 12));
  });

  it("a calibration then a cutoff: the calibrated probability is compared with the threshold", async () => {
    const calibration = fitProbabilityCalibration(proba, model.classes, y, "yes");
    const rule = { calibrator: calibration, cutoff: { positive: "yes", threshold: 0.4 } };
    const out = await runDuckDB("t", { x: "number" }, rows, toSQL({ model, dialect: "duckdb", table: "t", decision: { calibration, cutoff: rule.cutoff } }));
    const q = decidedProba(rule, proba);
    expect(out.map((r) => r.prediction)).toEqual(decidedLabels(rule, q, model.classes));
    out.forEach((r, i) => expect(r.probability).toBeCloseTo(r.prediction === "yes" ? q[i][1] : q[i][0], 12));
  });
});
