import { describe, expect, it } from "vitest";
import { plattScaling } from "../../src/evaluate/platt-scaling.ts";
import { applyProbabilityCalibration, fitProbabilityCalibration } from "../../src/evaluate/probability-calibrator.ts";

// Over-confident scores: the positive class is right 70% of the time at p = 0.9 and 30% at p = 0.1.
const proba = Array.from({ length: 100 }, (_, i) => (i < 50 ? [0.1, 0.9] : [0.9, 0.1]));
const y = proba.map((_, i) => (i < 50 ? (i % 10 < 7 ? "yes" : "no") : (i % 10 < 3 ? "yes" : "no")));

describe("probability calibration (Platt, out of fold)", () => {
  it("two classes: only the positive column is mapped, the other is its complement, and it equals plattScaling", () => {
    const c = fitProbabilityCalibration(proba, ["no", "yes"], y, "yes");
    expect(c.perClass.map((e) => e.label)).toEqual(["yes"]);
    const direct = plattScaling(proba.map((p) => p[1]), y.map((l) => l === "yes"));
    const out = applyProbabilityCalibration(c, proba);
    out.forEach((row, i) => {
      expect(row[1]).toBeCloseTo(direct.transform([proba[i][1]])[0], 12);
      expect(row[0]).toBeCloseTo(1 - row[1], 12);
    });
    // The over-confident 0.9 comes down towards the observed 70% (Platt's smoothed targets keep it a little off).
    expect(Math.abs(out[0][1] - 0.7)).toBeLessThan(0.02);
    expect(Math.abs(out[99][1] - 0.3)).toBeLessThan(0.02);
  });

  it("more classes: one map per class, rows normalized to 1, the order of each class's scores kept", () => {
    const three = [[0.8, 0.1, 0.1], [0.2, 0.6, 0.2], [0.1, 0.2, 0.7], [0.5, 0.3, 0.2], [0.3, 0.3, 0.4], [0.6, 0.2, 0.2]];
    const labels = ["a", "b", "c", "b", "c", "a"];
    const c = fitProbabilityCalibration(three, ["a", "b", "c"], labels, "a");
    expect(c.perClass.map((e) => e.label)).toEqual(["a", "b", "c"]);
    const out = applyProbabilityCalibration(c, three);
    for (const row of out) expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    const before = three.map((r) => r[0]);
    const after = applyProbabilityCalibration(c, three.map((r) => [r[0], 0.5, 0.5])).map((r) => r[0]);
    expect(after.map((_, i) => i).sort((i, j) => after[i] - after[j])).toEqual(before.map((_, i) => i).sort((i, j) => before[i] - before[j]));
  });
});
