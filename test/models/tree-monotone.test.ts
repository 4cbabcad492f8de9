// Monotone trees and forests: with a constraint, sweeping the feature never moves the
// prediction against it, on data where the unconstrained model does.
import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { Random } from "../../src/core/random.ts";
import { DecisionTreeClassifier, DecisionTreeRegressor, RandomForestClassifier, RandomForestRegressor } from "../../src/models/index.ts";

// y rises with x0 but dips in the middle; x1 is noise the trees may also split on.
function data(n: number, classify: boolean) {
  const rng = new Random(5);
  const X: number[][] = [];
  const y: (number | string)[] = [];
  for (let i = 0; i < n; i++) {
    const x0 = rng.next() * 10;
    const x1 = rng.next();
    const signal = x0 - (x0 > 4 && x0 < 6 ? 4 : 0) + 2 * x1 + rng.normal() * 0.5;
    X.push([x0, x1]);
    y.push(classify ? (signal > 5 ? "high" : "low") : signal);
  }
  return { X, y };
}

// Rows (of 40 probes) whose output falls somewhere as x0 sweeps 0…10 (dir +1) or rises (dir −1).
function violations(output: (X: number[][]) => number[], dir: number): number {
  let bad = 0;
  for (let r = 0; r < 40; r++) {
    const x1 = r / 40;
    const out = output(Array.from({ length: 101 }, (_, g) => [g / 10, x1]));
    if (out.some((v, g) => g > 0 && dir * (v - out[g - 1]) < -1e-12)) bad++;
  }
  return bad;
}

describe("monotone trees and forests", () => {
  const reg = data(600, false);
  const cls = data(600, true);
  const cases = [
    { name: "DecisionTreeRegressor", make: (o: object) => new DecisionTreeRegressor({ seed: 0, ...o }).fit(reg.X, reg.y as number[]), out: (m: any) => (X: number[][]) => m.predict(X) as number[] },
    { name: "RandomForestRegressor", make: (o: object) => new RandomForestRegressor({ nEstimators: 20, seed: 0, ...o }).fit(reg.X, reg.y as number[]), out: (m: any) => (X: number[][]) => m.predict(X) as number[] },
    // "increasing" is about P(classes[0]) = P("high"): high rises with x0.
    { name: "DecisionTreeClassifier", make: (o: object) => new DecisionTreeClassifier({ seed: 0, ...o }).fit(cls.X, cls.y as string[]), out: (m: any) => (X: number[][]) => (m.predictProba(X) as number[][]).map((p) => p[0]) },
    { name: "RandomForestClassifier", make: (o: object) => new RandomForestClassifier({ nEstimators: 20, seed: 0, ...o }).fit(cls.X, cls.y as string[]), out: (m: any) => (X: number[][]) => (m.predictProba(X) as number[][]).map((p) => p[0]) },
  ];
  for (const c of cases) {
    it(`${c.name}: the unconstrained model breaks the order, the constrained one never does`, () => {
      expect(violations(c.out(c.make({})), 1)).toBeGreaterThan(10);
      const constrained = c.make({ monotone: { x0: "increasing" } });
      expect(violations(c.out(constrained), 1)).toBe(0);
      // Decreasing on the same data: held too (the model flattens instead).
      expect(violations(c.out(c.make({ monotone: { 0: "decreasing" } })), -1)).toBe(0);
    });
  }

  it("a constrained tree still learns: it beats always predicting the mean", () => {
    const m = new DecisionTreeRegressor({ maxDepth: 6, monotone: { x0: "increasing" } }).fit(reg.X, reg.y as number[]);
    const p = m.predict(reg.X);
    const y = reg.y as number[];
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    const sse = (f: (i: number) => number) => y.reduce((a, v, i) => a + (v - f(i)) ** 2, 0);
    expect(sse((i) => p[i])).toBeLessThan(0.5 * sse(() => mean));
  });

  it("rejects an unknown feature and a multiclass task with bad_option", () => {
    expect(() => new DecisionTreeRegressor({ monotone: { nope: "increasing" } }).fit(reg.X, reg.y as number[]))
      .toThrow(messages.models.monotoneFeature("DecisionTreeRegressor", "nope", ["x0", "x1"]));
    const three = cls.y.map((v, i) => (i % 7 === 0 ? "mid" : v)) as string[];
    expect(() => new DecisionTreeClassifier({ monotone: { x0: "increasing" } }).fit(cls.X, three))
      .toThrow(messages.models.monotoneTwoClasses("DecisionTreeClassifier", 3));
  });
});
