// The fast paths inside the linear solvers (blocked Gram matrix, sparse standardized rows,
// fused loss + gradient) checked against brute-force references written out in the test.
import { describe, expect, it } from "vitest";
import { Random } from "../../src/core/random.ts";
import { Matrix } from "../../src/data/matrix.ts";
import { LinearRegression } from "../../src/models/linear-regression.ts";
import { LogisticRegression } from "../../src/models/logistic-regression.ts";
import { logisticObjective } from "../../src/models/linear/logistic-objective.ts";
import { standardize } from "../../src/models/linear/standardize.ts";
import { weightedGram } from "../../src/models/linear/weighted-gram.ts";

/** n × p rows; each entry is zero with probability `zeros`, else a shifted, scaled normal. */
function randomRows(rng: Random, n: number, p: number, zeros: number): number[][] {
  return Array.from({ length: n }, () =>
    Array.from({ length: p }, (_, j) => (rng.next() < zeros ? 0 : (j + 1) * rng.normal() + 2 * j)),
  );
}

/** Weights with some zeros and a spread of positive values. */
function randomWeights(rng: Random, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => (i % 7 === 3 ? 0 : 0.5 + 2 * rng.next()));
}

const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

describe("weightedGram", () => {
  it("equals the triple loop Σ wᵢ·(xᵢⱼ − cⱼ)(xᵢₖ − cₖ), also when n is not a multiple of the block", () => {
    const rng = new Random(1);
    for (const n of [1, 7, 8, 13, 100]) {
      const p = 5;
      const rows = randomRows(rng, n, p, 0.2);
      const X = Matrix.fromRows(rows).data;
      const y = Float64Array.from({ length: n }, () => rng.normal() * 3 + 1);
      const w = randomWeights(rng, n);
      const centre = Float64Array.from({ length: p }, (_, j) => j - 1.5);
      const { G, q, yy } = weightedGram(X, n, p, centre, y, 0.25, w);
      const G2 = new Float64Array(p * p);
      const q2 = new Float64Array(p);
      let yy2 = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < p; j++) {
          for (let k = 0; k < p; k++) G2[j * p + k] += w[i] * (rows[i][j] - centre[j]) * (rows[i][k] - centre[k]);
          q2[j] += w[i] * (rows[i][j] - centre[j]) * (y[i] - 0.25);
        }
        yy2 += w[i] * (y[i] - 0.25) ** 2;
      }
      const scale = Math.max(1, ...G2.map(Math.abs));
      expect(maxAbs(G, G2)).toBeLessThan(1e-12 * scale);
      expect(maxAbs(q, q2)).toBeLessThan(1e-12 * scale);
      expect(Math.abs(yy - yy2)).toBeLessThan(1e-12 * Math.max(1, yy2));
    }
  });
});

describe("standardize", () => {
  for (const offset of [0, 100]) {
    it(`dense data (means ${offset ? "far from" : "near"} 0): stored × factor − shift = (x − weighted mean) / divisor(weighted sd)`, () => {
      const rng = new Random(2);
      const rows = randomRows(rng, 40, 3, 0).map((r) => r.map((v) => v + offset));
      const w = randomWeights(rng, 40);
      const X = Matrix.fromRows(rows);
      const s = standardize(X, w, { divisor: (sd) => 2 * sd });
      expect(s.rows).toBeUndefined();
      // Near 0, X's own array is used as is; far from 0, a centred copy.
      if (offset === 0) expect(s.Z).toBe(X.data);
      else expect(s.Z).not.toBe(X.data);
      const wSum = w.reduce((a, b) => a + b, 0);
      for (let j = 0; j < 3; j++) {
        const mean = rows.reduce((a, r, i) => a + w[i] * r[j], 0) / wSum;
        const sd = Math.sqrt(rows.reduce((a, r, i) => a + w[i] * (r[j] - mean) ** 2, 0) / wSum);
        expect(s.means[j]).toBeCloseTo(mean, 10);
        expect(s.scales[j]).toBeCloseTo(sd, 12);
        for (let i = 0; i < 40; i++) expect(s.Z![i * 3 + j] * s.factors[j] - s.shifts[j]).toBeCloseTo((rows[i][j] - mean) / (2 * sd), 12);
      }
    });
  }

  it("mostly-zero data comes back as sparse rows whose value − shift is the same standardized value", () => {
    const rng = new Random(3);
    const rows = randomRows(rng, 60, 6, 0.8);
    rows.forEach((r) => (r[5] = 4 + rng.normal())); // one dense column: stored centred, every row
    const w = randomWeights(rng, 60);
    const X = Matrix.fromRows(rows);
    const sparse = standardize(X, w);
    expect(sparse.rows).toBeDefined();
    expect(sparse.Z).toBeUndefined();
    const { rowStart, column, value } = sparse.rows!;
    const stored = rows.map(() => new Array<number>(6).fill(0));
    for (let i = 0; i < 60; i++) for (let e = rowStart[i]; e < rowStart[i + 1]; e++) stored[i][column[e]] = value[e];
    for (let i = 0; i < 60; i++) {
      for (let j = 0; j < 6; j++) {
        const expected = (rows[i][j] - sparse.means[j]) / sparse.scales[j];
        expect(stored[i][j] * sparse.factors[j] - sparse.shifts[j]).toBeCloseTo(expected, 12);
        if (j < 5 && rows[i][j] === 0) expect(stored[i][j]).toBe(0); // zeros are not stored
      }
    }
    expect(sparse.shifts[5]).toBe(0);
    expect(rowStart[60]).toBeLessThan(60 * 6 / 2);
  });

  it("a constant column gets scale 1 and its exact value as mean", () => {
    const s = standardize(Matrix.fromRows([[0.1, 1], [0.1, 2], [0.1, 4]]), new Float64Array([1, 1, 1]));
    expect(s.means[0]).toBe(0.1);
    expect(s.scales[0]).toBe(1);
    for (let i = 0; i < 3; i++) expect(s.Z![i * 2] * s.factors[0] - s.shifts[0]).toBe(0);
  });
});

describe("logisticObjective", () => {
  /** The objective written out directly: mean weighted log loss + ½·reg·Σ(W/scale)². */
  function referenceLoss(Z: number[][], codes: Int32Array, w: Float64Array, K: number, theta: Float64Array, scales: Float64Array, C: number): number {
    const p = Z[0].length;
    const wSum = w.reduce((a, b) => a + b, 0);
    let loss = 0;
    Z.forEach((z, i) => {
      const scores = Array.from({ length: K }, (_, k) => theta[K * p + k] + z.reduce((a, v, j) => a + theta[k * p + j] * v, 0));
      if (K === 1) loss += w[i] * (Math.log(1 + Math.exp(scores[0])) - codes[i] * scores[0]);
      else loss += w[i] * (Math.log(scores.reduce((a, s) => a + Math.exp(s), 0)) - scores[codes[i]]);
    });
    let penalty = 0;
    for (let k = 0; k < K; k++) for (let j = 0; j < p; j++) penalty += (theta[k * p + j] / scales[j]) ** 2;
    return loss / wSum + (0.5 * penalty) / (C * wSum);
  }

  for (const nClasses of [2, 3]) {
    it(`${nClasses} classes: dense, raw-with-shifts and sparse rows give the reference loss and its finite-difference gradient`, () => {
      const rng = new Random(10 + nClasses);
      const n = 50;
      const p = 4;
      const rows = randomRows(rng, n, p, 0.75);
      const w = randomWeights(rng, n);
      const codes = Int32Array.from({ length: n }, () => rng.int(nClasses));
      const sparse = standardize(Matrix.fromRows(rows), w);
      expect(sparse.rows).toBeDefined();
      const Zrows = rows.map((r) => r.map((v, j) => (v - sparse.means[j]) / sparse.scales[j]));
      const dense = { Z: Float64Array.from(Zrows.flat()) };
      const K = nClasses === 2 ? 1 : nClasses;
      const theta = Float64Array.from({ length: K * p + K }, () => rng.normal());
      const base = { n, p, codes, nClasses, weights: w, scales: sparse.scales, penalty: "l2" as const, C: 0.7, fitIntercept: true };
      const expected = referenceLoss(Zrows, codes, w, K, theta, sparse.scales, 0.7);
      const raw = { Z: Float64Array.from(rows.flat()), factors: sparse.scales.map((d) => 1 / d), shifts: sparse.means.map((m, j) => m / sparse.scales[j]) };
      for (const data of [dense, raw, { rows: sparse.rows, factors: sparse.factors, shifts: sparse.shifts }]) {
        const { objective, size } = logisticObjective({ ...base, ...data });
        const grad = new Float64Array(size);
        expect(objective(theta, grad)).toBeCloseTo(expected, 12);
        for (let q = 0; q < size; q++) {
          const h = 1e-6;
          const up = Float64Array.from(theta);
          const down = Float64Array.from(theta);
          up[q] += h;
          down[q] -= h;
          const numeric = (referenceLoss(Zrows, codes, w, K, up, sparse.scales, 0.7) - referenceLoss(Zrows, codes, w, K, down, sparse.scales, 0.7)) / (2 * h);
          expect(Math.abs(grad[q] - numeric)).toBeLessThan(1e-7);
        }
      }
    });
  }
});

describe("fits on mostly-zero (sparse-path) data satisfy the optimality conditions", () => {
  /** Raw-scale gradient of C·Σwᵢ·loss + ½‖W‖² per class (intercepts last); zero at the optimum. */
  function rawGradient(m: LogisticRegression<number>, rows: number[][], y: number[], w: Float64Array, C: number): number[] {
    const proba = m.predictProba(rows);
    const K = m.coefficients.length;
    const p = rows[0].length;
    const g = new Array<number>(K * p + K).fill(0);
    rows.forEach((x, i) => {
      for (let k = 0; k < K; k++) {
        const cls = K === 1 ? 1 : k;
        const r = C * w[i] * (proba[i][cls] - (y[i] === m.classes[cls] ? 1 : 0));
        for (let j = 0; j < p; j++) g[k * p + j] += r * x[j];
        g[K * p + k] += r;
      }
    });
    for (let k = 0; k < K; k++) for (let j = 0; j < p; j++) g[k * p + j] += m.coefficients[k][j];
    return g;
  }

  for (const nClasses of [2, 4]) {
    it(`${nClasses} classes, with sample weights (some zero)`, () => {
      const rng = new Random(20 + nClasses);
      const n = 400;
      const rows = randomRows(rng, n, 8, 0.85);
      const y = rows.map((r) => {
        const score = r[0] - 0.5 * r[1] + 0.3 * r[2] + rng.normal();
        return nClasses === 2 ? (score > 0.5 ? 1 : 0) : Math.min(nClasses - 1, Math.max(0, Math.floor(score + 1.5)));
      });
      const w = randomWeights(rng, n);
      const m = new LogisticRegression<number>({ C: 2, tol: 1e-10, maxIter: 1000 }).fit(rows, y, { sampleWeight: w });
      const g = rawGradient(m, rows, y, w, 2);
      const wSum = w.reduce((a, b) => a + b, 0);
      // The solver's tolerance is on the mean loss over standardized features: allow for that scale.
      expect(Math.max(...g.map(Math.abs))).toBeLessThan(1e-6 * wSum);
    });
  }

  it("the same optimum as the dense path: shifting every feature by 1000 moves only the intercept", () => {
    // Mostly-zero rows take the sparse path; the shifted copy has no zeros, so it takes the dense
    // one. The penalty is on the coefficients only, so the exact optimum is shift-equivariant.
    const rng = new Random(30);
    const rows = randomRows(rng, 300, 5, 0.8);
    const y = rows.map((r) => (r[0] + r[3] + rng.normal() > 1 ? "a" : "b"));
    const shifted = rows.map((r) => r.map((v) => v + 1000));
    const a = new LogisticRegression({ tol: 1e-11, maxIter: 1000 }).fit(rows, y);
    const b = new LogisticRegression({ tol: 1e-11, maxIter: 1000 }).fit(shifted, y);
    expect(maxAbs(a.coefficients[0], b.coefficients[0])).toBeLessThan(1e-7);
    const moved = a.intercepts[0] - 1000 * a.coefficients[0].reduce((s, c) => s + c, 0);
    expect(Math.abs(b.intercepts[0] - moved)).toBeLessThan(1e-8 * Math.abs(moved));
  });
});

describe("LinearRegression with weights and n not a multiple of 8", () => {
  it("ridge solves (XcᵀWXc + alpha·I)w = XcᵀWyc, checked by the residual of the normal equations", () => {
    const rng = new Random(40);
    const n = 101;
    const rows = randomRows(rng, n, 6, 0.3);
    const y = rows.map((r) => r[0] - 2 * r[4] + rng.normal());
    const w = randomWeights(rng, n);
    const m = new LinearRegression({ penalty: "l2", alpha: 3 }).fit(rows, y, { sampleWeight: w });
    const coef = m.coefficients[0];
    const wSum = w.reduce((a, b) => a + b, 0);
    const mean = (f: (i: number) => number) => rows.reduce((a, _, i) => a + w[i] * f(i), 0) / wSum;
    const xm = Array.from({ length: 6 }, (_, j) => mean((i) => rows[i][j]));
    const ym = mean((i) => y[i]);
    for (let j = 0; j < 6; j++) {
      let lhs = 3 * coef[j];
      let rhs = 0;
      for (let i = 0; i < n; i++) {
        const fit = coef.reduce((a, c, k) => a + c * (rows[i][k] - xm[k]), 0);
        lhs += w[i] * (rows[i][j] - xm[j]) * fit;
        rhs += w[i] * (rows[i][j] - xm[j]) * (y[i] - ym);
      }
      expect(Math.abs(lhs - rhs)).toBeLessThan(1e-9 * Math.max(1, Math.abs(rhs)));
    }
    expect(m.intercepts[0]).toBeCloseTo(ym - coef.reduce((a, c, k) => a + c * xm[k], 0), 10);
  });
});
