// Sign-constrained linear regression: a constrained coefficient stays on its side of 0, and
// when the constraint binds the fit is least squares on the other features alone.
import { describe, expect, it } from "vitest";
import { Random } from "../../src/core/random.ts";
import { LinearRegression } from "../../src/models/index.ts";

function data() {
  const rng = new Random(4);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 500; i++) {
    const x0 = rng.normal();
    const x1 = x0 + 0.5 * rng.normal();
    X.push([x0, x1]);
    y.push(3 * x0 - 1.5 * x1 + 0.2 * rng.normal());
  }
  return { X, y };
}

describe("LinearRegression({ monotone })", () => {
  const { X, y } = data();
  it("binds: x1's coefficient is 0 and x0's is the one-feature least-squares slope", () => {
    expect(new LinearRegression().fit(X, y).coefficients[0][1]).toBeLessThan(-1);
    const m = new LinearRegression({ monotone: { x1: "increasing" }, tol: 1e-10, maxIter: 10000 }).fit(X, y);
    const n = y.length;
    const mx = X.reduce((a, r) => a + r[0], 0) / n;
    const my = y.reduce((a, v) => a + v, 0) / n;
    const slope = X.reduce((a, r, i) => a + (r[0] - mx) * (y[i] - my), 0) / X.reduce((a, r) => a + (r[0] - mx) ** 2, 0);
    expect(m.coefficients[0][1]).toBe(0);
    expect(m.coefficients[0][0]).toBeCloseTo(slope, 6);
    expect(m.intercepts[0]).toBeCloseTo(my - slope * mx, 6);
  });

  it("does not bind: the same coefficients as without it (ridge too)", () => {
    for (const o of [{}, { penalty: "l2" as const, alpha: 5 }]) {
      const free = new LinearRegression(o).fit(X, y).coefficients[0];
      const held = new LinearRegression({ ...o, monotone: { x0: "increasing", x1: "decreasing" }, tol: 1e-12, maxIter: 100000 }).fit(X, y).coefficients[0];
      expect(held[0]).toBeCloseTo(free[0], 6);
      expect(held[1]).toBeCloseTo(free[1], 6);
    }
  });
});
