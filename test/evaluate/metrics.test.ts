import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { classificationMetrics } from "../../src/evaluate/classification-metrics.ts";
import { regressionMetrics } from "../../src/evaluate/regression-metrics.ts";
import { confusionMatrix } from "../../src/evaluate/confusion-matrix.ts";
import { fidelity } from "../../src/evaluate/fidelity.ts";
import { confidentDisagreements } from "../../src/evaluate/confident-disagreements.ts";

// scikit-learn 1.2 reference values, made by test/fixtures/explain-evaluate-sklearn.py
const sk = JSON.parse(readFileSync(new URL("../fixtures/explain-evaluate-sklearn.json", import.meta.url), "utf8"));

describe("classificationMetrics", () => {
  it("matches scikit-learn on a three-class example", () => {
    const c = sk.classification;
    const m = classificationMetrics(c.yTrue, c.yPred);
    expect(m.n).toBe(60);
    expect(m.accuracy).toBeCloseTo(c.accuracy, 14);
    expect(m.confusion).toEqual({ labels: c.labels, matrix: c.confusion });
    m.perClass.forEach((p, k) => {
      expect(p.label).toBe(c.labels[k]);
      expect(p.precision).toBeCloseTo(c.precision[k], 14);
      expect(p.recall).toBeCloseTo(c.recall[k], 14);
      expect(p.f1).toBeCloseTo(c.f1[k], 14);
      expect(p.support).toBe(c.support[k]);
    });
    expect(m.macroF1).toBeCloseTo(c.macroF1, 14);
    expect(m.weightedF1).toBeCloseTo(c.weightedF1, 14);
    expect(m.kappa).toBeCloseTo(c.cohenKappa, 14);
  });

  it("scores a class never predicted with zero precision (zero_division=0)", () => {
    const m = classificationMetrics(["a", "b", "b"], ["a", "a", "a"]);
    expect(m.perClass[1]).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 2 });
    expect(m.perClass[0].precision).toBeCloseTo(1 / 3, 15);
  });

  it("rejects mismatched or empty inputs", () => {
    expect(() => classificationMetrics(["a"], ["a", "b"])).toThrow(messages.evaluate.pairsLength("classificationMetrics", 1, 2));
    expect(() => classificationMetrics([], [])).toThrow(messages.evaluate.noRows("classificationMetrics"));
    expect(() => classificationMetrics([], [])).toThrow(expect.objectContaining({ code: "empty_input" }));
  });
});

describe("regressionMetrics", () => {
  it("matches scikit-learn's r2, MAE and RMSE", () => {
    const r = sk.regression;
    const m = regressionMetrics(r.yTrue, r.yPred);
    expect(m.r2).toBeCloseTo(r.r2, 12);
    expect(m.mae).toBeCloseTo(r.mae, 12);
    expect(m.rmse).toBeCloseTo(r.rmse, 12);
  });
  it("follows scikit-learn for a constant target and rejects NaN", () => {
    expect(regressionMetrics([2, 2], [2, 2]).r2).toBe(1);
    expect(regressionMetrics([2, 2], [2, 3]).r2).toBe(0);
    expect(() => regressionMetrics([1, NaN], [1, 2])).toThrow(messages.evaluate.valueNotFinite(1, NaN, 2));
  });
});

describe("confusionMatrix", () => {
  it("counts reference × predicted pairs over the given labels", () => {
    expect(confusionMatrix(["a", "b", "b", "c"], ["a", "a", "b", "b"], ["a", "b"])).toEqual({ labels: ["a", "b"], matrix: [[1, 0], [1, 1]] });
  });
});

describe("fidelity", () => {
  it("reports agreement overall and per teacher class, with the student-vs-teacher confusion", () => {
    const teacher = ["spam", "spam", "ham", "ham", "ham"];
    const student = ["spam", "ham", "ham", "ham", "spam"];
    const f = fidelity(student, teacher);
    expect(f.agreement).toBeCloseTo(3 / 5, 15);
    expect(f.perClass).toEqual([
      { label: "ham", n: 3, agreement: 2 / 3 },
      { label: "spam", n: 2, agreement: 1 / 2 },
    ]);
    expect(f.confusion.matrix).toEqual([[2, 1], [1, 1]]);
    expect(fidelity(student, teacher, { classes: ["spam", "ham", "other"] }).perClass[2]).toEqual({ label: "other", n: 0, agreement: 0 });
  });
});

describe("confidentDisagreements", () => {
  it("lists rows where the student confidently contradicts the teacher, most confident first", () => {
    const rows = confidentDisagreements({
      probabilities: [[0.9, 0.1], [0.3, 0.7], [0.05, 0.95], [0.85, 0.15], [0.2, 0.8]],
      classes: ["ham", "spam"],
      teacherLabels: ["spam", "ham", "ham", "ham", "ham"],
      ids: ["m1", "m2", "m3", "m4", "m5"],
      minConfidence: 0.8,
    });
    expect(rows).toEqual([
      { row: 2, id: "m3", teacher: "ham", student: "spam", confidence: 0.95, teacherLabelProbability: 0.05 },
      { row: 0, id: "m1", teacher: "spam", student: "ham", confidence: 0.9, teacherLabelProbability: 0.1 },
      { row: 4, id: "m5", teacher: "ham", student: "spam", confidence: 0.8, teacherLabelProbability: 0.2 },
    ]);
  });
});
