import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { chooseCutoff } from "../../src/evaluate/choose-cutoff.ts";

// Six out-of-fold rows, worked out by hand. Cutoffs tried: 0, 0.5, 1 and the midpoints
// 0.15, 0.3, 0.45, 0.6, 0.8 of the distinct probabilities 0.1, 0.2, 0.4, 0.5, 0.7, 0.9.
const p = [0.1, 0.2, 0.4, 0.5, 0.7, 0.9];
const y = [false, true, false, true, true, false];

describe("chooseCutoff", () => {
  it("minimizes the expected cost: false negatives at 5 move the cutoff down to catch every positive", () => {
    // cutoff 0.15: positives {0.2 … 0.9} → 2 false positives (0.4, 0.9), 0 false negatives: cost 2/6.
    // 0: 3 FP: 3/6. 0.3: 2 FP + 1 FN (0.2) × 5: 7/6. 0.5: {0.5, 0.7, 0.9} → 1 FP + 1 FN × 5: 6/6.
    const c = chooseCutoff(p, y, { costs: { falsePositive: 1, falseNegative: 5 } });
    expect(c.threshold).toBeCloseTo(0.15, 12);
    expect(c.expectedCost).toBeCloseTo(2 / 6, 12);
    expect(c.expectedCostAtHalf).toBeCloseTo(6 / 6, 12);
    expect(c.positiveRate).toBeCloseTo(5 / 6, 12);
    expect(c.n).toBe(6);
  });

  it("with expensive false positives, predicts positive only where it is nearly sure", () => {
    // FP 5, FN 1: cutoff 1 → 3 FN: 3/6; 0.8 → 1 FP + 3 FN... 8/6; 0.6 → 1 FP (0.9) + 2 FN: 7/6. Best: none positive.
    const c = chooseCutoff(p, y, { costs: { falsePositive: 5, falseNegative: 1 } });
    expect(c.threshold).toBe(1);
    expect(c.expectedCost).toBeCloseTo(3 / 6, 12);
    expect(c.positiveRate).toBe(0);
  });

  it("equal costs keep 0.5 when 0.5 is among the cheapest cutoffs (ties go to the cutoff nearest 0.5)", () => {
    // Costs 1/1: 0.45 → positives {0.5, 0.7, 0.9}: 1 FP, 1 FN = 2/6; 0.5: the same rows, 2/6; 0.3: 2 FP = 2/6.
    const c = chooseCutoff(p, y, { costs: { falsePositive: 1, falseNegative: 1 } });
    expect(c.threshold).toBe(0.5);
    expect(c.expectedCost).toBeCloseTo(2 / 6, 12);
  });

  it("targetRate: the cutoff whose share of positive predictions is nearest the target", () => {
    // 1/3 of six rows: cutoff 0.6 (0.7, 0.9) exactly; 0.8 gives 1/6.
    expect(chooseCutoff(p, y, { targetRate: 1 / 3 }).threshold).toBe(0.6);
    // Half: 0.45 and 0.5 both predict {0.5, 0.7, 0.9}; the tie goes to 0.5.
    const half = chooseCutoff(p, y, { targetRate: 0.5 });
    expect(half.threshold).toBe(0.5);
    expect(half.positiveRate).toBe(0.5);
    expect(half.expectedCost).toBeUndefined();
  });

  it("refuses probabilities outside [0, 1] and lengths that differ", () => {
    expect(() => chooseCutoff([0.2, 1.5], [true, false], { targetRate: 0.5 })).toThrow(messages.evaluate.scoreNotFinite("chooseCutoff", 1, 1.5));
    expect(() => chooseCutoff([0.2], [true, false], { targetRate: 0.5 })).toThrow(messages.evaluate.scoresLength("chooseCutoff", 1, 2));
  });
});
