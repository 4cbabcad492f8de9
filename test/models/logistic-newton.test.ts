import { describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { Random } from "../../src/core/random.ts";
import { Matrix } from "../../src/data/matrix.ts";
import { minimizeLbfgs } from "../../src/models/linear/lbfgs.ts";
import { minimizeLogisticNewton } from "../../src/models/linear/logistic-newton.ts";
import { logisticObjective, type LogisticProblem } from "../../src/models/linear/logistic-objective.ts";
import { standardize } from "../../src/models/linear/standardize.ts";
import { LogisticRegression } from "../../src/models/logistic-regression.ts";

/** Rows with correlated, shifted columns (so the standardization moves them) and noisy labels. */
function problemOf(n: number, p: number, nClasses: number, seed: number, options: Partial<LogisticProblem> = {}): LogisticProblem {
  const rng = new Random(seed);
  const data = new Float64Array(n * p);
  const codes = new Int32Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const base = rng.next() * 2 - 1;
    for (let j = 0; j < p; j++) data[i * p + j] = 10 * j + (j + 1) * (0.6 * base + 0.4 * (rng.next() * 2 - 1));
    const score = base + 0.8 * (rng.next() - 0.5);
    codes[i] = Math.min(nClasses - 1, Math.floor(((score + 1.4) / 2.8) * nClasses));
    weights[i] = i % 7 === 0 ? 0 : 0.5 + rng.next();
  }
  const X = new Matrix(data, n, p);
  const st = standardize(X, weights, { center: true });
  return {
    Z: st.Z, factors: st.factors, shifts: st.shifts, n, p, codes, nClasses, weights,
    scales: st.divisors, penalty: "l2", C: 0.5, fitIntercept: true, ...options,
  };
}

/** Both solvers on one problem, run far past the fit's default tolerance. */
function bothOptima(problem: LogisticProblem): { newton: Float64Array; lbfgs: Float64Array; newtonIter: number } {
  const { objective, size } = logisticObjective(problem);
  const newton = minimizeLogisticNewton(problem, objective, size, { maxIter: 100, tol: 1e-11 });
  const lbfgs = minimizeLbfgs(objective, new Float64Array(size), { maxIter: 20_000, tol: 1e-11 });
  expect(newton.converged).toBe(true);
  return { newton: newton.x, lbfgs: lbfgs.x, newtonIter: newton.iterations };
}

/** Largest coefficient difference, relative to the largest coefficient (at least 1). */
function relativeDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  let top = 1;
  for (let i = 0; i < a.length; i++) {
    m = Math.max(m, Math.abs(a[i] - b[i]));
    top = Math.max(top, Math.abs(b[i]));
  }
  return m / top;
}

describe("Newton's method for small logistic problems", () => {
  const cases: [string, Partial<LogisticProblem>, number][] = [
    ["binary, l2", {}, 2],
    ["binary, no penalty", { penalty: "none" }, 2],
    ["binary, no intercept", { fitIntercept: false }, 2],
    ["3 classes, l2", {}, 3],
    ["4 classes, no penalty", { penalty: "none" }, 4],
    ["3 classes, no intercept", { fitIntercept: false }, 3],
  ];
  for (const [name, options, nClasses] of cases) {
    it(`reaches L-BFGS's optimum (${name}) in a handful of iterations`, () => {
      const { newton, lbfgs, newtonIter } = bothOptima(problemOf(400, 5, nClasses, 7, options));
      expect(relativeDiff(newton, lbfgs)).toBeLessThan(1e-6);
      expect(newtonIter).toBeLessThanOrEqual(12);
      if (options.fitIntercept === false) {
        const K = nClasses === 2 ? 1 : nClasses;
        expect(Array.from(newton.subarray(K * 5))).toEqual(new Array(K).fill(0));
      }
    });
  }

  it("LogisticRegression takes it for few columns, and still warns when maxIter runs out", () => {
    const problem = problemOf(300, 4, 3, 3);
    const X = Array.from({ length: 300 }, (_, i) => Array.from(problem.Z!.subarray(i * 4, i * 4 + 4)));
    const y = Array.from(problem.codes);
    expect(new LogisticRegression().fit(X, y).nIter).toBeLessThanOrEqual(12);
    const warnings: string[] = [];
    const previous = setLogger({ warn: (message) => warnings.push(message) });
    try {
      expect(new LogisticRegression({ maxIter: 1 }).fit(X, y).nIter).toBe(1);
    } finally {
      setLogger(previous);
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/did not converge/);
  });
});
