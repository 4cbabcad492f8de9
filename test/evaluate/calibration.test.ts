import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { calibration } from "../../src/evaluate/calibration.ts";
import { plattScaling } from "../../src/evaluate/platt-scaling.ts";
import { isotonicCalibration } from "../../src/evaluate/isotonic-calibration.ts";

const sk = JSON.parse(readFileSync(new URL("../fixtures/explain-evaluate-sklearn.json", import.meta.url), "utf8"));

describe("calibration", () => {
  it("matches scikit-learn's Brier score and log loss for a binary classifier", () => {
    const { yTrue, prob, brier, logLoss } = sk.binaryProba;
    const c = calibration(prob.map((p: number) => [1 - p, p]), [0, 1], yTrue);
    expect(c.brierBinary).toBeCloseTo(brier, 14);
    expect(c.brier).toBeCloseTo(2 * brier, 14); // both classes' squared errors
    expect(c.logLoss).toBeCloseTo(logLoss, 12);
  });

  it("computes ECE over equal-width bins of the top-class probability (by hand)", () => {
    // confidences 0.95 (right), 0.85 (wrong), 0.6 (right), 0.6 (right) with 5 bins:
    // bin [0.8, 1]: conf 0.9, acc 0.5 → gap 0.4 × 2/4; bin [0.6, 0.8): conf 0.6, acc 1 → gap 0.4 × 2/4
    const c = calibration([[0.95, 0.05], [0.15, 0.85], [0.6, 0.4], [0.4, 0.6]], ["a", "b"], ["a", "a", "a", "b"], { bins: 5 });
    expect(c.ece).toBeCloseTo(0.4, 14);
    expect(c.mce).toBeCloseTo(0.4, 14);
    expect(c.bins.map((b) => b.count)).toEqual([0, 0, 0, 2, 2]);
    expect(c.bins[4]).toMatchObject({ lower: 0.8, upper: 1, accuracy: 0.5 });
    expect(c.bins[4].confidence).toBeCloseTo(0.9, 14);
    expect(Number.isNaN(c.bins[0].confidence)).toBe(true);
  });

  it("rejects unknown labels and mismatched lengths", () => {
    expect(() => calibration([[0.5, 0.5]], ["a", "b"], ["c"])).toThrow(messages.evaluate.unknownClass("calibration", "c", 0, ["a", "b"]));
    expect(() => calibration([[0.5, 0.5]], ["a", "b"], ["a", "b"])).toThrow(messages.evaluate.probabilityRows("calibration", 1, 2));
  });
});

describe("plattScaling", () => {
  it("finds scikit-learn's sigmoid parameters", () => {
    const { yTrue, prob } = sk.binaryProba;
    const platt = plattScaling(prob, yTrue);
    expect(platt.params.a as number).toBeCloseTo(sk.platt.a, 4);
    expect(platt.params.b as number).toBeCloseTo(sk.platt.b, 4);
    const p = platt.transform([0.2, 0.8]);
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(sk.platt.a * 0.2 + sk.platt.b)), 5);
    expect(p[1]).toBeGreaterThan(p[0]);
  });
  it("rejects non-binary labels", () => {
    expect(() => plattScaling([0.1, 0.2], [0, 2])).toThrow(messages.evaluate.notBinaryLabel("plattScaling", 1, 2));
  });
});

describe("isotonicCalibration", () => {
  it("matches scikit-learn's IsotonicRegression on a grid, clipping outside the data", () => {
    const { yTrue, prob } = sk.binaryProba;
    const iso = isotonicCalibration(prob, yTrue.map((v: number) => v === 1));
    iso.transform(sk.isotonic.grid).forEach((v, i) => expect(v).toBeCloseTo(sk.isotonic.fitted[i], 12));
  });
  it("pools adjacent violators by hand", () => {
    // targets 1, 0 at scores 1, 2 violate order → both become 0.5; then 1 at 3
    const iso = isotonicCalibration([1, 2, 3], [1, 0, 1]);
    expect(iso.params).toEqual({ x: [1, 2, 3], y: [0.5, 0.5, 1] });
    expect(iso.transform([2.5])).toEqual([0.75]);
  });
});
