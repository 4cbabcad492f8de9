import { describe, expect, it } from "vitest";
import { latencySummary } from "../../src/bench/latency-summary.ts";

// Expected values are numpy.percentile's default (linear) interpolation, worked by hand:
// p-th percentile at rank h = (n - 1) p, between sorted[floor h] and sorted[ceil h].
describe("latencySummary", () => {
  it("interpolates percentiles linearly between ranks", () => {
    const four = latencySummary([4, 1, 3, 2]);
    expect(four).toMatchObject({ p50Ms: 2.5, meanMs: 2.5, samples: 4 });
    expect(four.p95Ms).toBeCloseTo(3.85, 12); // h = 2.85 → 3 + 0.85 × 1
    const s = latencySummary([10, 0, 5]); // h95 = 1.9 → 5 + 0.9 × 5
    expect(s.p50Ms).toBe(5);
    expect(s.p95Ms).toBeCloseTo(9.5, 12);
  });

  it("gives the value itself for one sample and NaN for none", () => {
    expect(latencySummary([7])).toEqual({ p50Ms: 7, p95Ms: 7, meanMs: 7, samples: 1 });
    const none = latencySummary([]);
    expect(none.p50Ms).toBeNaN();
    expect(none.samples).toBe(0);
  });
});
