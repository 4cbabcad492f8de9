import { describe, expect, it } from "vitest";
import { groupFairness, sensitiveProxies } from "../../src/evaluate/index.ts";

// 100 test rows: sex f/m (49/49), age band young/old, one row without sex, one "x" row (1%: too small).
const sex: (string | null)[] = [], age: string[] = [], predictions: string[] = [], teacher: string[] = [], gold: (string | null)[] = [];
for (let i = 0; i < 100; i++) {
  sex.push(i === 0 ? null : i === 1 ? "x" : i % 2 ? "f" : "m");
  age.push(i < 50 ? "young" : "old");
  // m (even rows) approved when i % 5 < 3, f (odd rows) when i % 5 < 2: m has the higher rate.
  predictions.push(i === 1 ? "approved" : (i % 2 === 0 ? i % 5 < 3 : i % 5 < 2) ? "approved" : "declined");
  teacher.push(i % 10 === 9 ? (predictions[i] === "approved" ? "declined" : "approved") : predictions[i]);
  gold.push(i % 4 === 0 ? null : teacher[i]);
}
const count = (f: (i: number) => boolean) => Array.from({ length: 100 }, (_, i) => i).filter(f).length;

describe("groupFairness", () => {
  const f = groupFairness({
    attributes: [{ name: "sex", groups: sex }, { name: "age_band", groups: age }],
    predictions, teacherLabels: teacher, gold, positive: "approved", seed: 0,
  });

  it("reports every attribute, then their intersection, all on the test rows", () => {
    expect(f.byAttribute.map((a) => a.attribute)).toEqual(["sex", "age_band", "sex × age_band"]);
    expect(f).toMatchObject({ rows: "test", n: 100, positive: "approved", minGroupShare: 0.02, impactThreshold: 0.8 });
    expect(f.byAttribute[2].columns).toEqual(["sex", "age_band"]);
  });

  it("gives selection rates, impact ratios against the highest-rate group, agreement and accuracy; counts the row without sex", () => {
    const s = f.byAttribute[0];
    expect(s.missing).toBe(1);
    expect(s.n).toBe(99);
    const isF = (i: number) => sex[i] === "f", isM = (i: number) => sex[i] === "m";
    const rateF = count((i) => isF(i) && predictions[i] === "approved") / count(isF);
    const rateM = count((i) => isM(i) && predictions[i] === "approved") / count(isM);
    expect(rateM).toBeGreaterThan(rateF);
    // "x" (one row, rate 1) is under 2% of the rows: marked, and never the reference.
    expect(s.reference).toBe("m");
    const [gf, gm, gx] = s.groups;
    expect(gf).toMatchObject({ group: "f", n: 49, selectionRate: rateF, impactRatio: rateF / rateM, tooSmall: false });
    expect(gm).toMatchObject({ group: "m", n: 49, selectionRate: rateM, impactRatio: 1, tooSmall: false });
    expect(gx).toMatchObject({ group: "x", n: 1, selectionRate: 1, tooSmall: true });
    expect(s.lowestImpactRatio).toBe(rateF / rateM);
    expect(gf.agreement).toBe(count((i) => isF(i) && teacher[i] === predictions[i]) / 49);
    const fGold = Array.from({ length: 100 }, (_, i) => i).filter((i) => isF(i) && gold[i] !== null);
    expect(gf.goldRows).toBe(fGold.length);
    expect(gf.accuracy).toBe(fGold.filter((i) => gold[i] === predictions[i]).length / fGold.length);
  });

  it("brackets each impact ratio with a seeded 95% bootstrap interval", () => {
    const gf = f.byAttribute[0].groups[0];
    expect(gf.impactInterval.low).toBeLessThan(gf.impactRatio);
    expect(gf.impactInterval.high).toBeGreaterThan(gf.impactRatio);
    expect(gf.impactInterval.resamples).toBe(1000);
    const again = groupFairness({ attributes: [{ name: "sex", groups: sex }], predictions, positive: "approved", seed: 0 });
    expect(again.byAttribute[0].groups[0].impactInterval).toEqual(gf.impactInterval);
    expect(again.byAttribute[0].groups[0].agreement).toBeUndefined();
  });

  it("an intersection's groups join the values; a row missing any part is missing", () => {
    const x = f.byAttribute[2];
    expect(x.missing).toBe(1);
    expect(x.groups.map((g) => g.group)).toEqual(["f × old", "f × young", "m × old", "m × young", "x × young"]);
    expect(x.groups.reduce((s, g) => s + g.n, 0)).toBe(99);
  });
});

describe("sensitiveProxies", () => {
  it("flags a feature whose association with the attribute reaches 0.3, strongest first", () => {
    const groups = ["f", "f", "f", "m", "m", "m", null];
    const p = sensitiveProxies({
      attributes: [{ name: "sex", groups }],
      features: [
        { name: "income", kind: "numeric", values: [1, 2, 3, 7, 8, null, 100] },
        { name: "region", kind: "categorical", values: ["n", "s", "n", "n", "s", "n", "s"] },
        { name: "title", kind: "categorical", values: ["ms", "ms", "ms", "mr", "mr", null, "mr"] },
      ],
    });
    expect(p.threshold).toBe(0.3);
    expect(p.associations.map((a) => [a.feature, a.measure, a.n, a.proxy])).toEqual([
      ["title", "cramersV", 6, true],
      ["income", "correlationRatio", 5, true],
      ["region", "cramersV", 6, false],
    ]);
    // title: f → ms, m → mr or (missing): V = 1 (a 2 × 3 table, every row determined by sex).
    expect(p.associations[0].value).toBeCloseTo(1, 12);
    // income on rows with both: f 1, 2, 3 (mean 2), m 7, 8 (mean 7.5); mean 4.2; between 3·2.2² + 2·3.3² = 36.3; total 38.8.
    expect(p.associations[1].value).toBeCloseTo(Math.sqrt(36.3 / 38.8), 12);
    // region: f n, s, n; m n, s, n: the same mix in both groups, V = 0.
    expect(p.associations[2].value).toBeCloseTo(0, 12);
  });
});
