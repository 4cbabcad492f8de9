import { describe, expect, it } from "vitest";
import { Random } from "../../src/core/random.ts";
import { agreementDifference } from "../../src/evaluate/paired-difference.ts";

describe("agreementDifference", () => {
  it("gives 0 and the interval [0, 0] for identical predictions, whatever their agreement", () => {
    const reference = ["a", "b", "a", "a", "b", "b"];
    const same = ["a", "a", "a", "b", "b", "a"];
    const d = agreementDifference(same, same, reference, { against: "teacher", seed: 3 });
    expect(d).toMatchObject({ against: "teacher", rows: "test", n: 6, chosen: 0.5, runnerUp: 0.5, difference: 0, interval: [0, 0], level: 0.95, resamples: 1000 });
  });

  it("gives each model's share of agreeing rows and their difference (worked by hand)", () => {
    // Chosen right on rows 0–3 (4 of 5); runner-up right on rows 0 and 4 (2 of 5).
    const reference = [1, 1, 0, 0, 1];
    const d = agreementDifference([1, 1, 0, 0, 0], [1, 0, 1, 1, 1], reference, { against: "gold", seed: 0 });
    expect(d.chosen).toBeCloseTo(0.8, 15);
    expect(d.runnerUp).toBeCloseTo(0.4, 15);
    expect(d.difference).toBeCloseTo(0.4, 15);
    // Per-row gains are in {−1, 0, +1}: a resampled mean lies in [−1, 1] and the interval holds the estimate here.
    expect(d.interval[0]).toBeGreaterThanOrEqual(-1);
    expect(d.interval[1]).toBeLessThanOrEqual(1);
    expect(d.interval[0]).toBeLessThan(d.difference);
    expect(d.interval[1]).toBeGreaterThan(d.difference);
  });

  it("matches a brute-force paired bootstrap with the same seed: one draw of rows per resample scores both models", () => {
    const n = 40;
    const reference = Array.from({ length: n }, (_, i) => (i * 7) % 3 === 0);
    const chosen = reference.map((y, i) => (i % 5 === 0 ? !y : y));
    const runnerUp = reference.map((y, i) => (i % 4 === 0 ? !y : y));
    const d = agreementDifference(chosen, runnerUp, reference, { against: "teacher", seed: 11 });

    const rng = new Random(11);
    const diffs: number[] = [];
    for (let r = 0; r < 1000; r++) {
      const draw = Array.from({ length: n }, () => rng.int(n));
      const right = (p: boolean[]) => draw.filter((i) => p[i] === reference[i]).length / n;
      diffs.push(right(chosen) - right(runnerUp));
    }
    diffs.sort((a, b) => a - b);
    const quantile = (q: number) => {
      const h = (diffs.length - 1) * q, lo = Math.floor(h);
      return diffs[lo] + (h - lo) * (diffs[lo + 1] - diffs[lo]);
    };
    expect(d.difference).toBeCloseTo(32 / 40 - 30 / 40, 15); // 8 chosen misses (i % 5 = 0), 10 runner-up misses (i % 4 = 0)
    expect(d.interval[0]).toBeCloseTo(quantile(0.025), 12);
    expect(d.interval[1]).toBeCloseTo(quantile(0.975), 12);
  });

  it("is reproducible: the same seed gives the same interval", () => {
    const reference = ["x", "y", "x", "y", "x", "x", "y"];
    const a = ["x", "y", "y", "y", "x", "x", "x"];
    const b = ["x", "x", "x", "y", "y", "x", "y"];
    expect(agreementDifference(a, b, reference, { against: "teacher", seed: 5 })).toEqual(agreementDifference(a, b, reference, { against: "teacher", seed: 5 }));
  });
});
