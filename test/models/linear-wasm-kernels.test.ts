// The WebAssembly kernels of the linear models (src/models/linear/wasm) checked against plain
// loops written out here, and the fits that use them against the same fits with the kernels
// turned off (the JavaScript loops): same coefficients to rounding, same labels, same
// iteration counts.
import { afterEach, describe, expect, it } from "vitest";
import { Random } from "../../src/core/random.ts";
import { Matrix } from "../../src/data/matrix.ts";
import { LinearRegression, type LinearRegressionOptions } from "../../src/models/linear-regression.ts";
import { LogisticRegression, type LogisticRegressionOptions } from "../../src/models/logistic-regression.ts";
import { setWasmKernels } from "../../src/models/linear/wasm/kernel-workspace.ts";
import { packRows } from "../../src/models/linear/wasm/packed-gram.ts";
import { packSparseRows } from "../../src/models/linear/wasm/packed-sparse-rows.ts";
import { affineScores } from "../../src/models/linear/wasm/affine-scores.ts";
import { linearScores } from "../../src/models/linear/linear-scores.ts";
import { logisticObjective } from "../../src/models/linear/logistic-objective.ts";

afterEach(() => void setWasmKernels(true));

/** n × p row-major values, some exactly zero, with per-column offsets (so centring matters). */
function randomData(rng: Random, n: number, p: number): Float64Array {
  return Float64Array.from({ length: n * p }, (_, k) => (rng.next() < 0.2 ? 0 : (1 + (k % p)) * rng.normal() + 3 * (k % p)));
}

/** Rows [x, extra] as the kernels see them. */
const row = (X: Float64Array, extra: Float64Array, p: number, i: number): number[] => [...X.subarray(i * p, (i + 1) * p), extra[i]];

const closeTo = (actual: ArrayLike<number>, expected: ArrayLike<number>, rel = 1e-12) => {
  expect(actual.length).toBe(expected.length);
  for (let k = 0; k < expected.length; k++) {
    expect(Math.abs(actual[k] - expected[k])).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected[k])));
  }
};

describe("packRows", () => {
  // p + 1 = 4, 6, 8, 21: a stride that is exactly a multiple of 4, and ones with padding; odd n.
  for (const [n, p] of [[37, 3], [64, 5], [129, 7], [203, 20]]) {
    it(`sums, counts, centres, Gram matrix, dots and projections on ${n} × ${p}`, () => {
      const rng = new Random(n);
      const X = randomData(rng, n, p);
      const extra = Float64Array.from({ length: n }, () => rng.normal());
      const w = Float64Array.from({ length: n }, (_, i) => (i % 5 === 2 ? 0 : 0.25 + rng.next()));
      const v = Float64Array.from({ length: p + 1 }, () => rng.normal());
      const packed = packRows(X, n, p, extra)!;
      expect(packed).toBeDefined();
      try {
        packed.weights.set(w);
        const rows = Array.from({ length: n }, (_, i) => row(X, extra, p, i));
        const sums = Array.from({ length: p + 1 }, (_, k) => rows.reduce((s, r, i) => s + w[i] * r[k], 0));
        closeTo(packed.columnSums(), sums);
        for (const ref of [rows[1], rows[0].map(() => 0)]) {
          const stats = packed.columnStats(Float64Array.from(ref));
          expect(Array.from(stats.sums)).toEqual(Array.from(packed.columnSums()));
          expect(Array.from(stats.nonZero)).toEqual(ref.map((_, k) => rows.filter((r) => r[k] !== 0).length));
          expect(Array.from(stats.differ)).toEqual(ref.map((rk, k) => rows.filter((r, i) => w[i] !== 0 && r[k] !== rk).length));
        }
        const c = sums.map((s) => s / 7);
        closeTo(packed.squaredDeviations(Float64Array.from(c)), c.map((ck, k) => rows.reduce((s, r, i) => s + w[i] * (r[k] - ck) ** 2, 0)));
        packed.shift(Float64Array.from(c));
        const centred = rows.map((r) => r.map((x, k) => x - c[k]));
        const gram = packed.gram();
        const expected: number[] = [];
        for (let j = 0; j <= p; j++) for (let k = 0; k <= p; k++) expected.push(centred.reduce((s, r, i) => s + w[i] * r[j] * r[k], 0));
        closeTo(gram, expected);
        const dots = centred.map((r) => r.reduce((s, x, k) => s + x * v[k], 0));
        closeTo(packed.dots(v), dots);
        closeTo(packed.project(v), Array.from({ length: p + 1 }, (_, k) => centred.reduce((s, r, i) => s + w[i] * dots[i] * r[k], 0)));
      } finally {
        packed.release();
      }
    });
  }

  it("hands out fresh memory while a packing is in use, and the same again after release", () => {
    const X = Float64Array.from({ length: 40 }, (_, k) => k);
    const a = packRows(X, 10, 4, new Float64Array(10).fill(1))!;
    const b = packRows(X, 10, 4, new Float64Array(10).fill(2))!;
    a.weights.fill(1);
    b.weights.fill(1);
    // Each sees its own extra column (its sum is Σ extra).
    expect(a.columnSums()[4]).toBe(10);
    expect(b.columnSums()[4]).toBe(20);
    a.release();
    b.release();
  });

  it("is off when the kernels are turned off", () => {
    setWasmKernels(false);
    expect(packRows(new Float64Array(4), 2, 2, new Float64Array(2))).toBeUndefined();
  });
});

/** Fits once with the WebAssembly kernels and once without. */
function bothPaths<T>(fit: () => T): [T, T] {
  const withKernels = fit();
  setWasmKernels(false);
  try {
    return [withKernels, fit()];
  } finally {
    setWasmKernels(true);
  }
}

describe("fits with and without the WebAssembly kernels", () => {
  const rng = new Random(7);
  const n = 600;
  const p = 6;
  const data = randomData(rng, n, p);
  const X = new Matrix(data, n, p);
  const truth = [1.5, -2, 0, 0.7, 3, -0.4];
  const score = (i: number) => truth.reduce((s, b, j) => s + b * (data[i * p + j] - 3 * j) / (1 + j), 0);
  const y = Array.from({ length: n }, (_, i) => score(i) + 0.3 * rng.normal());
  const labels = Array.from({ length: n }, (_, i) => (score(i) + 0.8 * rng.normal() > 0 ? "yes" : "no"));
  const classes3 = Array.from({ length: n }, (_, i) => ["a", "b", "c"][Math.min(2, Math.max(0, Math.round(score(i) / 2 + 1)))]);
  const sampleWeight = Float64Array.from({ length: n }, (_, i) => (i % 9 === 4 ? 0 : 0.5 + (i % 3)));

  const linearCases: LinearRegressionOptions[] = [{}, { penalty: "l2", alpha: 3 }, { penalty: "l1", alpha: 0.05 }, { fitIntercept: false }, { monotone: { 2: "increasing" } }];
  for (const options of linearCases) {
    it(`LinearRegression ${JSON.stringify(options)}, weighted`, () => {
      const [a, b] = bothPaths(() => new LinearRegression(options).fit(X, y, { sampleWeight }));
      closeTo(a.coefficients[0], b.coefficients[0], 1e-10);
      closeTo(a.intercepts, b.intercepts, 1e-10);
      closeTo(a.featureMeans, b.featureMeans, 1e-12);
      closeTo(a.featureScales, b.featureScales, 1e-12);
    });
  }

  const logisticCases: [LogisticRegressionOptions, string[]][] = [
    [{}, labels], [{ penalty: "none" }, labels], [{ fitIntercept: false, C: 0.1 }, labels],
    [{ penalty: "l1" }, labels], [{ monotone: { 0: "decreasing" } }, labels], [{}, classes3],
  ];
  for (const [options, target] of logisticCases) {
    it(`LogisticRegression ${JSON.stringify(options)} on ${new Set(target).size} classes, weighted`, () => {
      const [a, b] = bothPaths(() => new LogisticRegression(options).fit(X, target, { sampleWeight }));
      closeTo(a.coefficients.flat(), b.coefficients.flat(), 1e-8);
      closeTo(a.intercepts, b.intercepts, 1e-8);
      expect(a.nIter).toBe(b.nIter);
      expect(a.predict(X)).toEqual(b.predict(X));
    });
  }
});

describe("affineScores", () => {
  it("gives the JavaScript loop's scores bit for bit, for any row count, width and number of outputs", () => {
    const rng = new Random(11);
    for (const n of [1, 7, 8, 9, 15, 517]) {
      for (const p of [1, 3, 20]) {
        for (const K of [1, 3]) {
          const X = randomData(rng, n, p);
          const W = Float64Array.from({ length: K * p }, () => rng.normal() * 10);
          const b = Float64Array.from({ length: K }, () => rng.normal());
          const fromKernel = new Float64Array(n * K);
          expect(affineScores(X, n, p, W, b, K, fromKernel)).toBe(true);
          // The plain loop the kernel must match: intercept first, then j = 0, 1, …
          const expected = new Float64Array(n * K);
          for (let i = 0; i < n; i++) {
            for (let k = 0; k < K; k++) {
              let t = b[k];
              for (let j = 0; j < p; j++) t += W[k * p + j] * X[i * p + j];
              expected[i * K + k] = t;
            }
          }
          expect(Array.from(fromKernel), `${n} × ${p}, K ${K}`).toEqual(Array.from(expected));
        }
      }
    }
  });

  it("declines when the kernels are off, so linearScores runs its loop", () => {
    setWasmKernels(false);
    const out = new Float64Array(2);
    expect(affineScores(new Float64Array([1, 2]), 2, 1, new Float64Array([3]), new Float64Array([1]), 1, out)).toBeUndefined();
    expect(linearScores(new Float64Array([1, 2]), 2, 1, new Float64Array([3]), new Float64Array([1]), 1, out)).toBe(true);
    expect(Array.from(out)).toEqual([4, 7]);
  });

  it("reports a score that is not finite, in any row and output, kernel or loop alike", () => {
    const rng = new Random(12);
    for (const [n, p] of [[300, 20], [9, 3]]) {
      for (const K of [1, 3]) {
        for (const bad of [NaN, Infinity, -Infinity]) {
          for (const at of [0, n * p - 1, Math.floor((n * p) / 2) + 1]) {
            const X = randomData(rng, n, p);
            const W = Float64Array.from({ length: K * p }, () => rng.normal());
            const b = Float64Array.from({ length: K }, () => rng.normal());
            const out = new Float64Array(n * K);
            expect(linearScores(X, n, p, W, b, K, out), "clean").toBe(true);
            X[at] = bad;
            expect(linearScores(X, n, p, W, b, K, out), `${bad} at ${at}`).toBe(false);
          }
        }
      }
    }
  });
});

describe("logisticObjective on packed rows", () => {
  const rng = new Random(5);
  const n = 203;
  const p = 5;
  const Z = randomData(rng, n, p);
  const weights = Float64Array.from({ length: n }, (_, i) => (i % 6 === 1 ? 0 : 0.5 + rng.next()));
  const base = (K: number) => ({
    Z, n, p, weights, nClasses: K, codes: Int32Array.from({ length: n }, () => Math.floor(rng.next() * K)),
    scales: new Float64Array(p).fill(1), penalty: "l2" as const, C: 1, fitIntercept: true,
  });
  const evaluate = (problem: Parameters<typeof logisticObjective>[0], theta: Float64Array) => {
    const { objective, size } = logisticObjective(problem);
    const grad = new Float64Array(size);
    return { value: objective(theta, grad), grad };
  };

  it("softmax: the same loss and gradient bit for bit as the JavaScript loop", () => {
    const problem = base(3);
    const theta = Float64Array.from({ length: 3 * (p + 1) }, () => 0.3 * rng.normal());
    const packed = packRows(Z, n, p, new Float64Array(n).fill(1))!;
    try {
      const fast = evaluate({ ...problem, packed }, theta);
      const plain = evaluate(problem, theta);
      expect(fast.value).toBe(plain.value);
      expect(Array.from(fast.grad)).toEqual(Array.from(plain.grad));
    } finally {
      packed.release();
    }
  });

  it("binary: the same loss and gradient to rounding", () => {
    const problem = base(2);
    const theta = Float64Array.from({ length: p + 1 }, () => 0.3 * rng.normal());
    const packed = packRows(Z, n, p, new Float64Array(n).fill(1))!;
    try {
      const fast = evaluate({ ...problem, packed }, theta);
      const plain = evaluate(problem, theta);
      closeTo([fast.value], [plain.value]);
      closeTo(fast.grad, plain.grad);
    } finally {
      packed.release();
    }
  });
});

describe("logisticObjective on sparse rows in WebAssembly memory", () => {
  const rng = new Random(9);
  const n = 157;
  const p = 40;
  // About one entry in eight stored, some rows empty, some weights 0, columns uncentred (shifts).
  const rowStart = new Int32Array(n + 1);
  const column: number[] = [];
  const value: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      if (i % 11 !== 3 && rng.next() < 0.125) {
        column.push(j);
        value.push(rng.normal() * (1 + j / 10));
      }
    }
    rowStart[i + 1] = column.length;
  }
  const rows = { rowStart, column: Int32Array.from(column), value: Float64Array.from(value) };
  const weights = Float64Array.from({ length: n }, (_, i) => (i % 7 === 2 ? 0 : 0.5 + rng.next()));
  const codes = Int32Array.from({ length: n }, () => (rng.next() < 0.4 ? 1 : 0));
  const shifts = Float64Array.from({ length: p }, () => 0.1 * rng.normal());
  const problem = {
    rows, n, p, weights, nClasses: 2, codes, shifts, factors: new Float64Array(p).fill(1),
    scales: Float64Array.from({ length: p }, (_, j) => 1 + j / 20), penalty: "l2" as const, C: 1, fitIntercept: true,
  };

  it("binary: the same loss and gradient bit for bit as the JavaScript loop, at several points", () => {
    const sparse = packSparseRows(rows, n, p)!;
    expect(sparse).toBeDefined();
    try {
      const fast = logisticObjective({ ...problem, sparse });
      const plain = logisticObjective(problem);
      for (const scale of [0, 0.3, 3, 40]) {
        const theta = Float64Array.from({ length: p + 1 }, () => scale * rng.normal());
        const gFast = new Float64Array(p + 1);
        const gPlain = new Float64Array(p + 1);
        expect(fast.objective(theta, gFast)).toBe(plain.objective(theta, gPlain));
        expect(Array.from(gFast)).toEqual(Array.from(gPlain));
      }
    } finally {
      sparse.release();
    }
  });

  it("is off when the kernels are turned off", () => {
    setWasmKernels(false);
    expect(packSparseRows(rows, n, p)).toBeUndefined();
  });

  it("a fit on mostly-zero columns: the same model as with the kernels off", () => {
    const m = 500;
    const q = 60;
    const data = new Float64Array(m * q);
    for (let k = 0; k < data.length; k++) if (rng.next() < 0.1) data[k] = rng.next();
    const labels = Array.from({ length: m }, (_, i) => (data[i * q] + data[i * q + 1] - data[i * q + 2] + 0.3 * rng.normal() > 0.05 ? "spam" : "ham"));
    const sampleWeight = Float64Array.from({ length: m }, (_, i) => (i % 13 === 5 ? 0 : 1 + (i % 2)));
    const [a, b] = bothPaths(() => new LogisticRegression().fit(new Matrix(data, m, q), labels, { sampleWeight }));
    closeTo(a.coefficients.flat(), b.coefficients.flat(), 1e-10);
    closeTo(a.intercepts, b.intercepts, 1e-10);
    expect(a.nIter).toBe(b.nIter);
    expect(a.predict(new Matrix(data, m, q))).toEqual(b.predict(new Matrix(data, m, q)));
  });
});
