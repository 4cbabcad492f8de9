// Sign-constrained logistic regression: "increasing" keeps P(classes[0]) from falling as the
// feature grows, on data where the unconstrained fit makes it fall.
import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { Random } from "../../src/core/random.ts";
import { LogisticRegression } from "../../src/models/index.ts";

// x1 is a near copy of x0 with the opposite true effect; given both, the fit pushes x1's
// coefficient toward "a" falling (classes[0] = "a") while x0 carries the rise.
function data() {
  const rng = new Random(2);
  const X: number[][] = [];
  const y: string[] = [];
  for (let i = 0; i < 800; i++) {
    const x0 = rng.normal();
    const x1 = x0 + 0.3 * rng.normal();
    const z = 3 * x0 - 1.5 * x1 + 0.3 * rng.normal();
    X.push([x0, x1]);
    y.push(z > 0 ? "a" : "b");
  }
  return { X, y };
}

describe("LogisticRegression({ monotone })", () => {
  const { X, y } = data();
  it("keeps the constrained coefficient on its side; the free fit breaks it", () => {
    const free = new LogisticRegression({ C: 10 }).fit(X, y);
    // Binary coefficients score classes[1] = "b": "a" falls with x1 when the coefficient is > 0.
    expect(free.coefficients[0][1]).toBeGreaterThan(0.5);
    const held = new LogisticRegression({ C: 10, monotone: { x1: "increasing" } }).fit(X, y);
    expect(held.coefficients[0][1]).toBeLessThanOrEqual(0);
    // At the bound, and the other coefficient still learns the signal.
    expect(held.coefficients[0][1]).toBeCloseTo(0, 6);
    expect(held.coefficients[0][0]).toBeLessThan(-1);
    // P("a") along a sweep of x1 never falls.
    const p = held.predictProba(Array.from({ length: 41 }, (_, g) => [0.2, -2 + g / 10])).map((r) => r[0]);
    expect(p.every((v, g) => g === 0 || v >= p[g - 1] - 1e-12)).toBe(true);
  });

  it("a constraint the data already obey changes nothing", () => {
    const free = new LogisticRegression({ C: 10 }).fit(X, y);
    const held = new LogisticRegression({ C: 10, monotone: { x0: "increasing" } }).fit(X, y);
    expect(held.coefficients[0][0]).toBeCloseTo(free.coefficients[0][0], 4);
  });

  it("rejects more than two classes", () => {
    const three = y.map((v, i) => (i % 5 === 0 ? "c" : v));
    expect(() => new LogisticRegression({ monotone: { x0: "increasing" } }).fit(X, three)).toThrow(messages.models.monotoneTwoClasses("LogisticRegression", 3));
  });
});
