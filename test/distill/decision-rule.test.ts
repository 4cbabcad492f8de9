import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { messages } from "../../src/core/messages/index.ts";
import { distill } from "../../src/distill.ts";
import { Understudy } from "../../src/understudy/understudy.ts";
import { runDuckDB, runSQLite, sqliteAvailable, type ColumnType } from "../export/sql-engines.ts";
import { creditRows } from "../understudy/credit-rows.ts";
import { penguins, PENGUIN_LABELS } from "./datasets.ts";

// The decision rule of a binary task, through the public API on seeded loan applicants:
// positive class, cutoff from costs or a target rate, out-of-fold calibration, class weights.
let previousLogger: ReturnType<typeof setLogger>;
beforeAll(() => { previousLogger = setLogger({ warn: () => {}, info: () => {} }); });
afterAll(() => { setLogger(previousLogger); });

const rows = creditRows(600, 3);
const inputs = rows.map(({ label: _, ...r }) => r);
const columns: Record<string, ColumnType> = { id: "string", income: "number", debt_ratio: "number", region: "string" };
const base = { data: rows, task: "Will this applicant repay?", labels: ["good", "bad"], target: "label", teacher: false as const, seed: 0 };
const share = (xs: unknown[], v: unknown) => xs.filter((x) => x === v).length / xs.length;

describe("distill({ positive })", () => {
  it("defaults to the first of labels as given, not the sorted classes", async () => {
    const u = await distill({ ...base, model: "logistic" });
    expect(u.metadata.positive).toBe("good");
    expect(u.classes).toEqual(["bad", "good"]);
    expect(u.metadata.cutoff).toBeUndefined();
    expect(u.metadata.calibrator).toBeUndefined();
  });

  it("refuses a positive class that is not a label", async () => {
    await expect(distill({ ...base, positive: "default" })).rejects.toThrow(messages.distill.badPositive("default", base.labels));
  });
});

describe("distill({ costs }) and ({ targetRate })", () => {
  it("a costly false negative lowers the cutoff; predict, SQL and the JSON round trip all apply it", async () => {
    const u = await distill({ ...base, model: "logistic", positive: "bad", costs: { falsePositive: 1, falseNegative: 5 } });
    const c = u.metadata.cutoff!;
    expect(c).toMatchObject({ positive: "bad", from: "costs", rows: "cv", costs: { falsePositive: 1, falseNegative: 5 } });
    expect(c.n).toBe(u.metadata.split.labelled.train + u.metadata.split.labelled.validation);
    // Missing a bad applicant costs 5×: "bad" is predicted from well under even odds, and it pays on the out-of-fold rows.
    expect(c.threshold).toBeLessThan(0.5);
    expect(c.expectedCost!).toBeLessThan(c.expectedCostAtHalf!);
    expect(c.text).toContain("false negative 5");
    const proba = u.predictProba(inputs);
    const k = u.classes!.indexOf("bad");
    const predicted = u.predict(inputs);
    expect(predicted).toEqual(proba.map((p) => (p[k] >= c.threshold ? "bad" : "good")));
    // The cutoff really moves decisions: more "bad" than the most probable class gives.
    expect(share(predicted, "bad")).toBeGreaterThan(share(proba.map((p) => (p[k] > p[1 - k] ? "bad" : "good")), "bad"));
    const restored = Understudy.fromJSON(JSON.parse(JSON.stringify(u.toJSON())));
    expect(restored.predict(inputs)).toEqual(predicted);
    const out = await runDuckDB("applicants", columns, inputs, u.toSQL({ dialect: "duckdb", table: "applicants" }));
    expect(out.map((r) => r.prediction)).toEqual(predicted);
    out.forEach((r, i) => expect(Math.abs((r.probability as number) - proba[i][predicted[i] === "bad" ? k : 1 - k])).toBeLessThan(1e-9));
    // The explanation gives the prediction predict gives, and says it is not the most probable class.
    const e = u.explain(inputs[0]);
    expect(e.prediction).toBe(predicted[0]);
    expect(e.calibrated).toBe(false);
    expect(e.note).toContain("at least");
  });

  it("targetRate sets the share predicted positive on the out-of-fold rows", async () => {
    const u = await distill({ ...base, model: "tree", targetRate: 0.1 });
    const c = u.metadata.cutoff!;
    expect(c).toMatchObject({ positive: "good", from: "targetRate", targetRate: 0.1 });
    expect(Math.abs(c.positiveRate - 0.1)).toBeLessThan(0.06);
    expect(c.expectedCost).toBeUndefined();
    // On all rows (mostly the same rows), the share predicted "good" stays near the target, far below the share of good applicants.
    expect(share(u.predict(inputs), "good")).toBeLessThan(0.25);
    expect(share(rows.map((r) => r.label), "good")).toBeGreaterThan(0.35);
  });

  it("refuses costs on a task of more than two classes, and costs with targetRate", async () => {
    const labels = ["a", "b", "c"];
    await expect(distill({ ...base, labels, costs: { falsePositive: 1, falseNegative: 2 } })).rejects.toThrow(messages.distill.cutoffNeedsBinary("costs", labels));
    await expect(distill({ ...base, costs: { falsePositive: 1, falseNegative: 2 }, targetRate: 0.2 })).rejects.toThrow(messages.distill.costsAndTargetRate());
    await expect(distill({ ...base, costs: { falsePositive: -1, falseNegative: 2 } })).rejects.toThrow(messages.distill.badCosts({ falsePositive: -1, falseNegative: 2 }));
  });
});

describe("calibration", () => {
  it("is measured out of fold on every run, on the labelled train + validation rows", async () => {
    const u = await distill({ ...base, model: "forest" });
    const cv = u.metrics.calibrationCV!;
    expect(cv).toMatchObject({ rows: "cv", against: "teacher", probabilities: "uncalibrated" });
    expect(cv.n).toBe(u.metadata.split.labelled.train + u.metadata.split.labelled.validation);
    expect(cv.brier).toBeGreaterThan(0);
    expect(u.metrics.calibration).toMatchObject({ rows: "test", probabilities: "uncalibrated" });
  });

  it("calibrate: true applies the out-of-fold Platt map to predictProba, predict and SQL; explanations say they explain the uncalibrated score", async () => {
    const raw = await distill({ ...base, model: "tree" });
    const u = await distill({ ...base, model: "tree", calibrate: true });
    const cal = u.metadata.calibrator!;
    expect(cal).toMatchObject({ method: "platt", rows: "cv", classes: ["bad", "good"] });
    expect(cal.perClass).toHaveLength(1);
    expect(cal.perClass[0].label).toBe("good");
    // The same tree (same data and seed); its probabilities pass through 1 / (1 + exp(a·p + b)).
    const p = raw.predictProba(inputs);
    const q = u.predictProba(inputs);
    const { a, b } = cal.perClass[0];
    q.forEach((row, i) => {
      expect(row[1]).toBeCloseTo(1 / (1 + Math.exp(a * p[i][1] + b)), 12);
      expect(row[0] + row[1]).toBeCloseTo(1, 12);
    });
    expect(u.predict(inputs)).toEqual(q.map((r) => (r[0] >= r[1] ? "bad" : "good")));
    expect(u.metrics.calibration).toMatchObject({ rows: "test", probabilities: "calibrated" });
    const e = u.explain(inputs[1]);
    expect(e.calibrated).toBe(false);
    expect(e.note).toContain("uncalibrated");
    expect(e.probabilities).toEqual(p[1]);
    // JSON round trip: exact.
    const restored = Understudy.fromJSON(JSON.parse(JSON.stringify(u.toJSON())));
    expect(restored.predictProba(inputs)).toEqual(q);
    const out = await runDuckDB("applicants", columns, inputs, u.toSQL({ dialect: "duckdb", table: "applicants" }));
    const predicted = u.predict(inputs);
    expect(out.map((r) => r.prediction)).toEqual(predicted);
    out.forEach((r, i) => expect(Math.abs((r.probability as number) - Math.max(...q[i]))).toBeLessThan(1e-9));
    if (sqliteAvailable()) {
      const lite = runSQLite("applicants", columns, inputs, u.toSQL({ dialect: "sqlite", table: "applicants" }));
      expect(lite.map((r) => r.prediction)).toEqual(predicted);
    }
  });

  it("three classes: one map per class, rows sum to 1, and DuckDB's SQL decides as predict", async () => {
    const data = penguins();
    const u = await distill({ data, task: "Which species?", labels: PENGUIN_LABELS, target: "Species", teacher: false, model: "logistic", calibrate: true });
    expect(u.metadata.calibrator!.perClass.map((e) => e.label)).toEqual(u.classes);
    const q = u.predictProba(data);
    for (const row of q) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const pcols: Record<string, ColumnType> = { Island: "string", "Beak Length (mm)": "number", "Beak Depth (mm)": "number", "Flipper Length (mm)": "number", "Body Mass (g)": "number", Sex: "string" };
    const out = await runDuckDB("penguins", pcols, data, u.toSQL({ dialect: "duckdb", table: "penguins" }));
    expect(out.map((r) => r.prediction)).toEqual(u.predict(data));
    out.forEach((r, i) => expect(Math.abs((r.probability as number) - Math.max(...q[i]))).toBeLessThan(1e-9));
  });

  it("a hand-edited calibrator fails on load", async () => {
    const u = await distill({ ...base, model: "logistic", calibrate: true });
    const json = JSON.parse(JSON.stringify(u.toJSON()));
    json.metadata.calibrator.perClass = [];
    expect(() => Understudy.fromJSON(json)).toThrow();
  });
});

describe("distill({ classWeight: \"balanced\" })", () => {
  // One applicant in six is "bad": weighted classes trade some accuracy for catching them.
  const skewed = rows.filter((r, i) => r.label === "good" || i % 3 === 0);
  it("weights every fit of the families that can, leaves k-NN out with the reason, and catches more of the rare class", async () => {
    const u = await distill({ ...base, data: skewed, model: "auto", classWeight: "balanced" });
    for (const c of u.metadata.modelChoice.candidates) expect(c.settings.classWeight).toBe("balanced");
    expect(u.metadata.modelChoice.candidates.map((c) => c.name)).not.toContain("knn");
    // The EBM and k-NN take no class weights: both are left out, with the reason.
    expect(u.metadata.modelChoice.leftOut?.map((c) => [c.name, c.reason])).toEqual([
      ["ebm", 'cannot weight classes (classWeight: "balanced")'],
      ["knn", 'cannot weight classes (classWeight: "balanced")'],
    ]);
    expect(u.metadata.modelChoice.candidates.find((c) => c.chosen)!.options.classWeight).toBe("balanced");
    // The same family with and without weights (seeded, same rows): the rare class is found more often.
    const bad = skewed.filter((r) => r.label === "bad").map(({ label: _, ...r }) => r);
    for (const model of ["logistic", "tree"] as const) {
      const plain = await distill({ ...base, data: skewed, model });
      const weighted = await distill({ ...base, data: skewed, model, classWeight: "balanced" });
      expect(share(weighted.predict(bad), "bad")).toBeGreaterThan(share(plain.predict(bad), "bad") + 0.1);
    }
  });

  it("refuses k-NN with class weights", async () => {
    await expect(distill({ ...base, model: "knn", classWeight: "balanced" })).rejects.toThrow(messages.distill.classWeightKnn());
  });
});
