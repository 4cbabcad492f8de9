import { afterEach, describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { Random } from "../../src/core/random.ts";
import { LogisticRegression } from "../../src/models/logistic-regression.ts";
import { expectUnderstudyError } from "./expect-understudy-error.ts";
import { messages } from "../../src/core/messages/index.ts";
import { notFitted } from "../../src/core/errors.ts";
import { sklearnFixture } from "./sklearn-fixture.ts";

// Made by test/fixtures/sklearn/linear/make-linear-fixtures.py (scikit-learn 1.2.1, solvers run to tol 1e-10..1e-12).
interface LogisticFixture {
  X: number[][];
  y: number[];
  sampleWeight: number[] | null;
  params: { penalty: "l2" | "l1" | null; C?: number; class_weight?: "balanced" };
  classes: number[];
  coef: number[][];
  intercept: number[];
  proba: number[][];
  pred: number[];
}
const fixtures = sklearnFixture<Record<string, LogisticFixture>>("linear/linear-fixtures.json");

function fitLike(f: LogisticFixture): LogisticRegression {
  return new LogisticRegression({
    penalty: f.params.penalty ?? "none",
    C: f.params.C ?? 1,
    classWeight: f.params.class_weight,
    tol: 1e-10,
    maxIter: 10_000,
  }).fit(f.X, f.y, { sampleWeight: f.sampleWeight ?? undefined });
}

function maxAbsDiff(a: number[][], b: number[][]): number {
  let m = 0;
  a.forEach((row, i) => row.forEach((v, j) => (m = Math.max(m, Math.abs(v - b[i][j])))));
  return m;
}

const centred = (b: number[]): number[] => b.map((v) => v - b.reduce((s, x) => s + x, 0) / b.length);

describe("LogisticRegression matches scikit-learn", () => {
  // name, relative tolerance on coefficients (vs the largest |coefficient|), tolerance on probabilities
  const cases: [string, number, number][] = [
    ["breastCancerL2", 1e-4, 1e-5], // raw, ill-conditioned features (areas ~1000 beside ratios ~0.01)
    ["irisL2", 1e-6, 1e-6],
    ["irisL2C01", 1e-6, 1e-6],
    ["noPenalty", 1e-6, 1e-6],
    ["balancedWeighted", 1e-5, 1e-6],
  ];
  for (const [name, coefTol, probaTol] of cases) {
    it(`${name}: coefficients, intercepts, probabilities and labels`, () => {
      const f = fixtures[name];
      const m = fitLike(f);
      const scale = Math.max(...f.coef.flat().map(Math.abs));
      expect(m.classes).toEqual(f.classes);
      expect(m.link).toBe(f.classes.length === 2 ? "logistic" : "softmax");
      expect(m.coefficients).toHaveLength(f.coef.length);
      expect(maxAbsDiff(m.coefficients, f.coef)).toBeLessThan(coefTol * scale);
      expect(maxAbsDiff([m.intercepts], [f.intercept])).toBeLessThan(coefTol * Math.max(1, scale) * 10);
      expect(maxAbsDiff(m.predictProba(f.X), f.proba)).toBeLessThan(probaTol);
      expect(m.predict(f.X)).toEqual(f.pred);
    });
  }

  it("l1 (binary): same coefficients and the same zero pattern as saga", () => {
    const f = fixtures.binaryL1;
    const m = fitLike(f);
    expect(maxAbsDiff(m.coefficients, f.coef)).toBeLessThan(1e-6);
    expect(m.coefficients[0].map((c) => c === 0)).toEqual(f.coef[0].map((c) => c === 0));
    expect(f.coef[0].filter((c) => c === 0).length).toBeGreaterThan(3); // the fixture is really sparse
    expect(maxAbsDiff(m.predictProba(f.X), f.proba)).toBeLessThan(1e-6);
  });

  it("l1 (multinomial): coefficients, zero pattern and probabilities; intercepts up to a shared constant", () => {
    const f = fixtures.irisL1;
    const m = fitLike(f);
    expect(maxAbsDiff(m.coefficients, f.coef)).toBeLessThan(1e-4);
    expect(m.coefficients.flat().map((c) => c === 0)).toEqual(f.coef.flat().map((c) => c === 0));
    // Softmax is unchanged by adding a constant to every intercept, so only differences are identified.
    expect(maxAbsDiff([centred(m.intercepts)], [centred(f.intercept)])).toBeLessThan(1e-4);
    expect(maxAbsDiff(m.predictProba(f.X), f.proba)).toBeLessThan(1e-5);
  });
});

describe("LogisticRegression behaviour", () => {
  afterEach(() => setLogger(undefined));

  it("recovers the hand-computed optimum: p(y=1 | x=1) = 3/4 gives w = ln 3, b = 0", () => {
    // At x = 1: three 1s and one 0; at x = -1: one 1 and three 0s. Unpenalized MLE fits the
    // frequencies exactly: σ(w + b) = 3/4 and σ(−w + b) = 1/4.
    const X = [[1], [1], [1], [1], [-1], [-1], [-1], [-1]];
    const y = [1, 1, 1, 0, 1, 0, 0, 0];
    const m = new LogisticRegression({ penalty: "none", tol: 1e-12 }).fit(X, y);
    expect(m.coefficients[0][0]).toBeCloseTo(Math.log(3), 8);
    expect(m.intercepts[0]).toBeCloseTo(0, 8);
    expect(m.predictProba([[1]])[0][1]).toBeCloseTo(0.75, 8);
  });

  it("a classWeight map acts like the same sample weights", () => {
    const rng = new Random(7);
    const X = Array.from({ length: 80 }, () => [rng.normal(), rng.normal() * 3]);
    const y = X.map(([a, b]) => (a + 0.3 * b + rng.normal() > 0.5 ? "yes" : "no"));
    const byClass = new LogisticRegression({ classWeight: { yes: 2.5 }, tol: 1e-10, maxIter: 1000 }).fit(X, y);
    const bySample = new LogisticRegression({ tol: 1e-10, maxIter: 1000 }).fit(X, y, { sampleWeight: y.map((v) => (v === "yes" ? 2.5 : 1)) });
    expect(maxAbsDiff(byClass.coefficients, bySample.coefficients)).toBeLessThan(1e-7);
    expect(Math.abs(byClass.intercepts[0] - bySample.intercepts[0])).toBeLessThan(1e-7);
  });

  it("a constant column gets coefficient 0 and does not change the others", () => {
    const f = fixtures.irisL2;
    const withConstant = f.X.map((r) => [...r, 7]);
    const a = new LogisticRegression({ tol: 1e-10, maxIter: 1000 }).fit(f.X, f.y);
    const b = new LogisticRegression({ tol: 1e-10, maxIter: 1000 }).fit(withConstant, f.y);
    for (const row of b.coefficients) expect(row[4]).toBe(0);
    expect(maxAbsDiff(b.coefficients.map((r) => r.slice(0, 4)), a.coefficients)).toBeLessThan(1e-7);
    expect(b.featureScales[4]).toBe(1);
    expect(b.featureMeans[4]).toBe(7);
  });

  it("reports the weighted feature means and standard deviations it standardized with", () => {
    const X = [[1, 10], [3, 10.5], [5, 12], [7, 9]];
    const m = new LogisticRegression().fit(X, ["a", "b", "a", "b"]);
    expect(Array.from(m.featureMeans)).toEqual([4, 10.375]);
    expect(m.featureScales[0]).toBeCloseTo(Math.sqrt(5), 12); // population sd of 1, 3, 5, 7
  });

  it("warns (and still fits) when maxIter runs out", () => {
    const warnings: string[] = [];
    setLogger({ warn: (message) => warnings.push(message) });
    const f = fixtures.breastCancerL2;
    const m = new LogisticRegression({ maxIter: 1 }).fit(f.X, f.y);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/did not converge/);
    expect(warnings[0]).toMatch(/raise maxIter/);
    expect(m.predict(f.X)).toHaveLength(f.X.length);
  });

  it("does not warn when it converges", () => {
    const warnings: string[] = [];
    setLogger({ warn: (message) => warnings.push(message) });
    new LogisticRegression().fit(fixtures.irisL2.X, fixtures.irisL2.y);
    expect(warnings).toEqual([]);
  });

  it("fitIntercept: false keeps the intercepts at zero", () => {
    const f = fixtures.noPenalty;
    const m = new LogisticRegression({ fitIntercept: false }).fit(f.X, f.y);
    expect(m.intercepts).toEqual([0]);
  });

  it("string, number and boolean labels come back as the same kind", () => {
    const X = [[0], [1], [2], [3], [4], [5]];
    expect(new LogisticRegression().fit(X, ["lo", "lo", "lo", "hi", "hi", "hi"]).predict([[0], [5]])).toEqual(["lo", "hi"]);
    expect(new LogisticRegression().fit(X, [3, 3, 3, 8, 8, 8]).predict([[0], [5]])).toEqual([3, 8]);
    expect(new LogisticRegression().fit(X, [false, false, false, true, true, true]).predict([[0], [5]])).toEqual([false, true]);
  });

  it("rejects a single class, NaN, and bad option values with clear errors", () => {
    const X = [[0], [1], [2]];
    const K = "LogisticRegression";
    const y = ["a", "b", "a"];
    expectUnderstudyError(() => new LogisticRegression().fit(X, ["a", "a", "a"]), "not_fittable", messages.models.singleClass(K, "a"));
    expectUnderstudyError(() => new LogisticRegression().fit([[0], [NaN], [2]], y), "missing_values", messages.models.missingValue(K, 1, 0, "x0", NaN));
    expectUnderstudyError(() => new LogisticRegression({ C: -1 }).fit(X, y), "bad_option", messages.models.badOption(K, "C", -1, "a finite number > 0"));
    expectUnderstudyError(
      () => new LogisticRegression({ penalty: "l3" as "l1" }).fit(X, y),
      "bad_option",
      messages.models.badOption(K, "penalty", "l3", 'one of "l2", "l1", "none"'),
    );
    expectUnderstudyError(() => new LogisticRegression({ maxIter: 0 }).fit(X, y), "bad_option", messages.models.badOption(K, "maxIter", 0, "an integer ≥ 1"));
    expectUnderstudyError(() => new LogisticRegression({ classWeight: { c: 2 } }).fit(X, y), "bad_option", messages.models.unknownClassWeightLabel(K, "c", ["a", "b"]));
    expectUnderstudyError(() => new LogisticRegression().predict(X), "not_fitted", notFitted(K).message);
  });

  it("reversing the classes or coefficients a caller got does not flip its predictions", () => {
    const X = [[0], [1], [2], [3], [4], [5]];
    const m = new LogisticRegression().fit(X, ["lo", "lo", "lo", "hi", "hi", "hi"]);
    m.classes.reverse();
    m.coefficients[0].reverse();
    m.coefficients[0][0] = -m.coefficients[0][0];
    m.intercepts[0] = 100;
    expect(m.classes).toEqual(["hi", "lo"]);
    expect(m.predict([[0], [5]])).toEqual(["lo", "hi"]);
  });

  it("toJSON/fromJSON restores identical coefficients and probabilities", () => {
    const f = fixtures.irisL2;
    const m = new LogisticRegression({ C: 0.3 }).fit(f.X, f.y);
    const restored = LogisticRegression.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(restored.coefficients).toEqual(m.coefficients);
    expect(restored.predictProba(f.X)).toEqual(m.predictProba(f.X));
    expect(restored.options).toEqual(m.options);
    expect(Array.from(restored.featureScales)).toEqual(Array.from(m.featureScales));
  });
});
