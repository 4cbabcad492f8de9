// LogisticRegression.predict decides two classes from the score's sign (no exp) where that is
// exact: its labels must be argmax of predictProba's rows (ties to the first class), also for
// scores within rounding of 0, where p₁ = 1/(1 + e⁻ᶻ) rounds to exactly ½.
import { describe, expect, it } from "vitest";
import { LogisticRegression } from "../../src/models/logistic-regression.ts";
import { setWasmKernels } from "../../src/models/linear/wasm/kernel-workspace.ts";
import { positiveRows } from "../../src/models/linear/wasm/positive-rows.ts";

/** A fitted model whose score is the single feature itself: coefficient 1, intercept 0. */
function identityScoreModel(): LogisticRegression {
  const json = new LogisticRegression().fit([[0], [1], [2], [3]], ["a", "a", "b", "b"]).toJSON();
  const state = json.state as { coefficients: number[][]; intercepts: number[] };
  state.coefficients = [[1]];
  state.intercepts = [0];
  return LogisticRegression.fromJSON(json);
}

const argmaxLabels = (m: LogisticRegression, X: number[][]) => m.predictProba(X).map((row) => (row[1] > row[0] ? "b" : "a"));

describe("LogisticRegression.predict on two classes", () => {
  const m = identityScoreModel();

  it("matches argmax of predictProba for scores within rounding of 0", () => {
    const zs = [0, -0, 1e-300, 1e-17, 5.5e-17, 1.1e-16, 1.11e-16, 1.12e-16, 2.2e-16, 2.3e-16, 1e-15, 1e-13, 1e-12, 1.0000001e-12, 1e-11];
    const X = [...zs, ...zs.map((z) => -z)].map((z) => [z]);
    const labels = m.predict(X);
    expect(labels).toEqual(argmaxLabels(m, X));
    // Where 1 + e⁻ᶻ still rounds to 2, p₁ is exactly ½: a tie, the first class.
    expect(m.predict([[1e-17]])).toEqual(["a"]);
    expect(m.predict([[1e-15]])).toEqual(["b"]);
  });

  it("gives the same labels in large batches (rows above 0 found by a kernel, the rest filled), kernels on and off", () => {
    // 1,500 rows (a batch the kernel takes): the scores within rounding of 0 and a spread, shuffled.
    const zs = [0, -0, 1e-300, 1e-17, 5.5e-17, 1.1e-16, 1.12e-16, 2.2e-16, 2.3e-16, 1e-15, 1e-13, 1e-12, 1.0000001e-12, 1e-11];
    const X = Array.from({ length: 1500 }, (_, i) => [i % 3 === 0 ? zs[i % zs.length] * (i % 2 ? -1 : 1) : Math.sin(i) * 5]);
    const expected = argmaxLabels(m, X);
    expect(m.predict(X)).toEqual(expected);
    const buffer = new Array<string>(1600).fill("z");
    m.predictInto(X, buffer);
    expect(buffer.slice(0, 1500)).toEqual(expected);
    expect(buffer.slice(1500)).toEqual(new Array(100).fill("z"));
    const before = setWasmKernels(false);
    try {
      expect(m.predict(X)).toEqual(expected);
    } finally {
      setWasmKernels(before);
    }
  });

  it("positiveRows lists the rows above 0 in order (not 0, −0, NaN or negatives)", () => {
    const scores = Float64Array.from({ length: 2000 }, (_, i) => [1, 0, -0, -1e-300, 5e-324, NaN, 3][i % 7]);
    const expected = Array.from(scores.keys()).filter((i) => scores[i] > 0);
    expect(Array.from(positiveRows(scores)!)).toEqual(expected);
    expect(Array.from(positiveRows(scores, 10)!)).toEqual(expected.filter((i) => i < 10));
  });

  it("matches argmax of predictProba for every score between −40 and 40 on a fine grid, and at the extremes", () => {
    const X = Array.from({ length: 8001 }, (_, i) => [(i - 4000) / 100]);
    X.push([1e308], [-1e308], [Number.MIN_VALUE], [-Number.MIN_VALUE]);
    expect(m.predict(X)).toEqual(argmaxLabels(m, X));
  });
});

describe("LogisticRegression.predict on three classes", () => {
  /** Scores [x, c·x − 5 + d, (1 + ε)·x]: classes 0 and 2 nearly tie wherever x is near 0 or ε is tiny. */
  function threeClassModel(coefficients: number[][], intercepts: number[]): LogisticRegression {
    const json = new LogisticRegression().fit([[0], [1], [2], [3], [4], [5]], ["a", "a", "b", "b", "c", "c"]).toJSON();
    const state = json.state as { coefficients: number[][]; intercepts: number[] };
    state.coefficients = coefficients;
    state.intercepts = intercepts;
    return LogisticRegression.fromJSON(json);
  }
  const argmax3 = (m: LogisticRegression, X: number[][]) =>
    m.predictProba(X).map((row) => ["a", "b", "c"][row.reduce((best, p, k) => (p > row[best] ? k : best), 0)]);

  it("matches argmax of predictProba for exact ties, near ties and clear winners", () => {
    const X = [0, 1e-300, 1e-17, 1e-16, 3e-16, 1e-15, 1e-13, 1e-12, 2e-12, 1e-9, 0.5, 1, 1e5, -1e-16, -1e-12, -3]
      .flatMap((x) => [[x], [-x]]);
    for (const eps of [0, 1e-17, 1e-16, 2.3e-16, 1e-15, 1e-13, 1e-12, 1e-6]) {
      for (const m of [
        threeClassModel([[1], [0], [1 + eps]], [0, -5, 0]),
        threeClassModel([[1], [1], [1]], [0, eps, -eps]),
        threeClassModel([[1], [-1], [0]], [0, 0, eps]),
      ]) {
        expect(m.predict(X), `eps ${eps}`).toEqual(argmax3(m, X));
      }
    }
  });
});
