import { afterEach, describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { Random } from "../../src/core/random.ts";
import { Matrix } from "../../src/data/matrix.ts";
import { LinearRegression } from "../../src/models/linear-regression.ts";
import { minNormLeastSquares } from "../../src/models/linear/min-norm-least-squares.ts";
import { expectUnderstudyError } from "./expect-understudy-error.ts";
import { messages } from "../../src/core/messages/index.ts";
import { notFitted } from "../../src/core/errors.ts";
import { sklearnFixture } from "./sklearn-fixture.ts";

// Made by test/fixtures/sklearn/linear/make-linear-fixtures.py (scikit-learn 1.2.1:
// LinearRegression, Ridge(solver="cholesky"), Lasso(tol=1e-12)).
interface LinearFixture {
  X: number[][];
  y: number[];
  sampleWeight: number[] | null;
  params: { alpha?: number };
  coef: number[];
  intercept: number;
  pred: number[];
}
const fixtures = sklearnFixture<Record<string, LinearFixture>>("linear/linear-fixtures.json");

describe("LinearRegression matches scikit-learn", () => {
  const cases: [string, "none" | "l2" | "l1"][] = [
    ["diabetesOLS", "none"],
    ["diabetesRidge", "l2"],
    ["diabetesLasso", "l1"],
    ["weightedOLS", "none"],
    ["weightedRidge", "l2"],
    ["weightedLasso", "l1"],
  ];
  for (const [name, penalty] of cases) {
    it(`${name}: coefficients, intercept, predictions and zero pattern`, () => {
      const f = fixtures[name];
      const m = new LinearRegression({ penalty, alpha: f.params.alpha ?? 1, tol: 1e-12, maxIter: 100_000 }).fit(f.X, f.y, {
        sampleWeight: f.sampleWeight ?? undefined,
      });
      const scale = Math.max(...f.coef.map(Math.abs));
      m.coefficients[0].forEach((c, j) => expect(Math.abs(c - f.coef[j])).toBeLessThan(1e-8 * scale));
      expect(Math.abs(m.intercepts[0] - f.intercept)).toBeLessThan(1e-8 * Math.max(1, Math.abs(f.intercept)));
      m.predict(f.X).forEach((p, i) => expect(Math.abs(p - f.pred[i])).toBeLessThan(1e-7 * Math.max(1, Math.abs(f.pred[i]))));
      expect(m.coefficients[0].map((c) => c === 0)).toEqual(f.coef.map((c) => c === 0));
    });
  }

  it("the lasso fixtures really are sparse (so the zero-pattern check means something)", () => {
    expect(fixtures.diabetesLasso.coef.filter((c) => c === 0).length).toBeGreaterThan(0);
    expect(fixtures.weightedLasso.coef.filter((c) => c === 0).length).toBeGreaterThan(0);
  });
});

describe("LinearRegression behaviour", () => {
  afterEach(() => setLogger(undefined));

  it("recovers exact coefficients from perfectly linear data", () => {
    const rng = new Random(3);
    const X = Array.from({ length: 30 }, () => [rng.normal() * 100, rng.normal(), rng.next() - 0.5]);
    const y = X.map(([a, b, c]) => 2 * a - 3 * b + 0.25 * c + 5);
    const m = new LinearRegression().fit(X, y);
    const expected = [2, -3, 0.25];
    m.coefficients[0].forEach((c, j) => expect(c).toBeCloseTo(expected[j], 10));
    expect(m.intercepts[0]).toBeCloseTo(5, 10);
    expect(m.link).toBe("identity");
  });

  it("nearly collinear columns (the QR path) still recover exact coefficients", () => {
    const rng = new Random(8);
    const X = Array.from({ length: 50 }, () => {
      const a = rng.normal();
      return [a, a + 1e-6 * rng.normal(), rng.normal()];
    });
    const y = X.map(([a, b, c]) => a + 2 * b - c + 3);
    const m = new LinearRegression().fit(X, y);
    [1, 2, -1].forEach((w, j) => expect(m.coefficients[0][j]).toBeCloseTo(w, 5));
    expect(m.intercepts[0]).toBeCloseTo(3, 8);
  });

  it("the QR solver alone reproduces scikit-learn's OLS on centred data", () => {
    const f = fixtures.diabetesOLS;
    const n = f.X.length;
    const p = f.X[0].length;
    const means = Array.from({ length: p }, (_, j) => f.X.reduce((s, r) => s + r[j], 0) / n);
    const ym = f.y.reduce((s, v) => s + v, 0) / n;
    const A = Float64Array.from(f.X.flatMap((r) => r.map((v, j) => v - means[j])));
    const { w, rank } = minNormLeastSquares(A, n, p, Float64Array.from(f.y, (v) => v - ym));
    expect(rank).toBe(p);
    const scale = Math.max(...f.coef.map(Math.abs));
    w.forEach((c, j) => expect(Math.abs(c - f.coef[j])).toBeLessThan(1e-9 * scale));
  });

  it("duplicated columns share the weight equally (minimum-norm solution)", () => {
    // y = 4x; with columns [x, x] every split a + b = 4 fits exactly, the minimum norm one is 2, 2.
    const X = [[1, 1], [2, 2], [3, 3], [5, 5]];
    const y = [4, 8, 12, 20];
    const m = new LinearRegression().fit(X, y);
    expect(m.coefficients[0][0]).toBeCloseTo(2, 10);
    expect(m.coefficients[0][1]).toBeCloseTo(2, 10);
    expect(m.intercepts[0]).toBeCloseTo(0, 10);
  });

  it("more columns than rows: an exact fit with the smallest coefficients", () => {
    // One centred row pair: x = [1, 2] vs [-1, -2], y = ±5: min-norm w solves 1a + 2b = 5 → w = [1, 2].
    const m = new LinearRegression().fit([[1, 2], [-1, -2]], [5, -5]);
    expect(m.coefficients[0][0]).toBeCloseTo(1, 10);
    expect(m.coefficients[0][1]).toBeCloseTo(2, 10);
  });

  it("fitIntercept: false fits through the origin", () => {
    // Σxy / Σx² = (1·3 + 2·5 + 3·7) / 14 = 34 / 14.
    const m = new LinearRegression({ fitIntercept: false }).fit([[1], [2], [3]], [3, 5, 7]);
    expect(m.coefficients[0][0]).toBeCloseTo(34 / 14, 12);
    expect(m.intercepts[0]).toBe(0);
  });

  it("ridge matches the closed form on one feature: w = Σxcyc / (Σxc² + alpha)", () => {
    const x = [1, 2, 4, 7];
    const y = [2, 3, 9, 11];
    const xm = 3.5;
    const ym = 6.25;
    const sxy = x.reduce((s, v, i) => s + (v - xm) * (y[i] - ym), 0);
    const sxx = x.reduce((s, v) => s + (v - xm) ** 2, 0);
    const m = new LinearRegression({ penalty: "l2", alpha: 2 }).fit(x.map((v) => [v]), y);
    expect(m.coefficients[0][0]).toBeCloseTo(sxy / (sxx + 2), 12);
    expect(m.intercepts[0]).toBeCloseTo(ym - (sxy / (sxx + 2)) * xm, 12);
  });

  it("lasso: alpha above max|Xᵀ(y − ȳ)|/n zeroes every coefficient; the intercept is the mean", () => {
    const f = fixtures.diabetesOLS;
    const n = f.y.length;
    const ym = f.y.reduce((s, v) => s + v, 0) / n;
    let maxCorr = 0;
    for (let j = 0; j < f.X[0].length; j++) {
      const xm = f.X.reduce((s, r) => s + r[j], 0) / n;
      maxCorr = Math.max(maxCorr, Math.abs(f.X.reduce((s, r, i) => s + (r[j] - xm) * (f.y[i] - ym), 0)) / n);
    }
    const m = new LinearRegression({ penalty: "l1", alpha: maxCorr * 1.001 }).fit(f.X, f.y);
    expect(m.coefficients[0].every((c) => c === 0)).toBe(true);
    expect(m.intercepts[0]).toBeCloseTo(ym, 10);
    const justBelow = new LinearRegression({ penalty: "l1", alpha: maxCorr * 0.99 }).fit(f.X, f.y);
    expect(justBelow.coefficients[0].filter((c) => c !== 0)).toHaveLength(1);
  });

  it("integer sample weights equal repeating rows", () => {
    const rng = new Random(11);
    const X = Array.from({ length: 25 }, () => [rng.normal(), rng.normal(), rng.normal()]);
    const y = X.map(([a, b, c]) => a - 2 * b + c + rng.normal());
    const w = X.map((_, i) => (i % 3) + 1);
    const repeatedX = X.flatMap((r, i) => Array.from({ length: w[i] }, () => r));
    const repeatedY = y.flatMap((v, i) => Array.from({ length: w[i] }, () => v));
    // Ridge penalizes the summed loss and lasso the weighted mean; both are unchanged by
    // turning a weight of m into m copies of the row.
    for (const penalty of ["none", "l2", "l1"] as const) {
      const a = new LinearRegression({ penalty, alpha: 0.1, tol: 1e-12, maxIter: 100_000 }).fit(X, y, { sampleWeight: w });
      const b = new LinearRegression({ penalty, alpha: 0.1, tol: 1e-12, maxIter: 100_000 }).fit(repeatedX, repeatedY);
      a.coefficients[0].forEach((c, j) => expect(c).toBeCloseTo(b.coefficients[0][j], 10));
      expect(a.intercepts[0]).toBeCloseTo(b.intercepts[0], 10);
    }
  });

  it("warns when the lasso runs out of sweeps", () => {
    const warnings: string[] = [];
    setLogger({ warn: (message) => warnings.push(message) });
    const f = fixtures.diabetesLasso;
    new LinearRegression({ penalty: "l1", alpha: 0.1, maxIter: 1 }).fit(f.X, f.y);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/did not converge.*raise maxIter/);
  });

  it("rejects NaN, non-numeric targets and bad options with clear errors", () => {
    const K = "LinearRegression";
    expectUnderstudyError(() => new LinearRegression().fit([[1], [NaN]], [1, 2]), "missing_values", messages.models.missingValue(K, 1, 0, "x0", NaN));
    expectUnderstudyError(() => new LinearRegression().fit([[1], [2]], [1, NaN]), "bad_target", messages.models.badRegressionTarget(K, 1, NaN));
    expectUnderstudyError(() => new LinearRegression({ alpha: -1 }).fit([[1], [2]], [1, 2]), "bad_option", messages.models.badOption(K, "alpha", -1, "a finite number ≥ 0"));
    expectUnderstudyError(
      () => new LinearRegression({ penalty: "l3" as "l1" }).fit([[1], [2]], [1, 2]),
      "bad_option",
      messages.models.badOption(K, "penalty", "l3", 'one of "none", "l2", "l1"'),
    );
    expectUnderstudyError(() => new LinearRegression().predict([[1]]), "not_fitted", notFitted(K).message);
    const m = new LinearRegression().fit([[1], [2]], [1, 2]);
    expectUnderstudyError(() => m.predict([[Infinity]]), "missing_values", messages.models.missingValue(K, 0, 0, "x0", Infinity));
  });

  it("toJSON/fromJSON predicts identically, and a Matrix input is not modified", () => {
    const f = fixtures.weightedRidge;
    const X = Matrix.fromRows(f.X);
    const before = Float64Array.from(X.data);
    const m = new LinearRegression({ penalty: "l2", alpha: 3 }).fit(X, f.y);
    expect(Array.from(X.data)).toEqual(Array.from(before));
    const restored = LinearRegression.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(restored.predict(f.X)).toEqual(m.predict(f.X));
  });
});
