import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { averagePrecision, binaryValidation, correlationRatio, cramersV, ksStatistic, rocAuc } from "../../src/evaluate/index.ts";

// Values computed by scikit-learn 1.2 / scipy (fixtures/ranking-sklearn.py, run with /usr/bin/python3).
const ref = JSON.parse(readFileSync(new URL("./fixtures/ranking-sklearn.json", import.meta.url), "utf8")) as {
  scores: number[]; labels: number[]; auc: number; ks: number; ap: number;
  sex: string[]; band: string[]; cramersV: number; income: number[]; eta: number;
};
const positives = ref.labels.map((y) => y === 1);

describe("AUC, KS and PR-AUC against scikit-learn", () => {
  it("match roc_auc_score, ks_2samp and average_precision_score on 40 rows with many ties", () => {
    expect(rocAuc(ref.scores, positives)).toBeCloseTo(ref.auc, 12);
    expect(ksStatistic(ref.scores, positives)).toBeCloseTo(ref.ks, 12);
    expect(averagePrecision(ref.scores, positives)).toBeCloseTo(ref.ap, 12);
  });

  it("give the textbook values on four rows", () => {
    expect(rocAuc([0.9, 0.4, 0.6, 0.2], [true, false, true, false])).toBe(1);
    expect(rocAuc([0.5, 0.5], [true, false])).toBe(0.5); // a tie counts half
    expect(ksStatistic([0.9, 0.8, 0.3, 0.1], [true, false, true, false])).toBe(0.5);
    expect(averagePrecision([0.9, 0.8, 0.3, 0.1], [true, false, true, false])).toBeCloseTo((1 + 2 / 3) / 2, 12);
    expect(rocAuc([0.1, 0.2], [true, true])).toBeNaN();
  });

  it("refuse scores that are not finite and ragged input, naming the row", () => {
    expect(() => rocAuc([0.1, NaN], [true, false])).toThrow(messages.evaluate.scoreNotFinite("rocAuc", 1, NaN));
    expect(() => ksStatistic([0.1], [true, false])).toThrow(messages.evaluate.scoresLength("ksStatistic", 1, 2));
  });
});

describe("association of a feature with a sensitive attribute", () => {
  it("Cramér's V matches scipy's association(method='cramer'); the correlation ratio matches numpy", () => {
    expect(cramersV(ref.sex, ref.band)).toBeCloseTo(ref.cramersV, 12);
    expect(correlationRatio(ref.sex, ref.income)).toBeCloseTo(ref.eta, 12);
  });

  it("is 1 for a column that determines the other, 0 for a constant or for equal group means", () => {
    expect(cramersV(["a", "a", "b", "b"], ["x", "x", "y", "y"])).toBeCloseTo(1, 12);
    expect(cramersV(["a", "a", "a"], ["x", "y", "x"])).toBe(0);
    expect(correlationRatio(["f", "f", "m", "m"], [1, 1, 5, 5])).toBe(1);
    expect(correlationRatio(["f", "f", "m", "m"], [1, 5, 1, 5])).toBe(0);
  });
});

describe("binaryValidation", () => {
  const predicted = ref.scores.map((s) => (s >= 0.5 ? "yes" : "no"));
  const reference = ref.labels.map((y) => (y === 1 ? "yes" : "no"));
  const v = binaryValidation({ scores: ref.scores, reference, predicted, positive: "yes", against: "gold", seed: 3 });

  it("names its rows and gives AUC, Gini = 2·AUC − 1, KS, PR-AUC and agreement", () => {
    expect(v).toMatchObject({ rows: "test", n: 40, against: "gold", positive: "yes", prevalence: 27 / 40 });
    expect(v.auc).toBeCloseTo(ref.auc, 12);
    expect(v.gini).toBeCloseTo(2 * ref.auc - 1, 12);
    expect(v.ks).toBeCloseTo(ref.ks, 12);
    expect(v.prAuc).toBeCloseTo(ref.ap, 12);
    expect(v.agreement).toBe(predicted.filter((p, i) => p === reference[i]).length / 40);
  });

  it("brackets each figure with a seeded 95% interval from 1,000 resamples", () => {
    for (const k of ["auc", "gini", "ks", "prAuc", "agreement"] as const) {
      const ci = v.intervals[k];
      expect(ci.level).toBe(0.95);
      expect(ci.resamples).toBe(1000);
      expect(ci.low).toBeLessThan(v[k]);
      expect(ci.high).toBeGreaterThan(v[k]);
    }
    // 40 rows: the AUC's interval is wide, its width near 4 standard errors (Hanley–McNeil ≈ 0.075 here).
    expect(v.intervals.auc.high - v.intervals.auc.low).toBeGreaterThan(0.15);
    expect(v.intervals.auc.high - v.intervals.auc.low).toBeLessThan(0.45);
    const again = binaryValidation({ scores: ref.scores, reference, predicted, positive: "yes", against: "gold", seed: 3 });
    expect(again.intervals).toEqual(v.intervals);
    const other = binaryValidation({ scores: ref.scores, reference, predicted, positive: "yes", against: "gold", seed: 4 });
    expect(other.intervals.auc).not.toEqual(v.intervals.auc);
  });

  it("bands the rows by decile of the score: 4 rows each, predicted against observed", () => {
    const bands = v.calibrationByDecile;
    expect(bands.map((b) => b.n)).toEqual(Array(10).fill(4));
    const sorted = ref.scores.map((s, i) => [s, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const top = sorted.slice(36).map(([, i]) => i);
    expect(bands[9]).toEqual({
      band: 10, n: 4, scoreFrom: 0.9, scoreTo: 0.9, meanPredicted: 0.9,
      observedRate: top.filter((i) => positives[i]).length / 4,
    });
    expect(bands.reduce((s, b) => s + b.observedRate * b.n, 0)).toBeCloseTo(27, 12);
  });
});
