// Linear and logistic models find NaN and ±∞ in X from what they compute anyway (the fit's
// column sums, the predict's scores) instead of scanning X first: every bad value must still
// be rejected with the message naming it, wherever it sits (a zero-weight row, a column whose
// coefficient is 0, a batch small or large), with the WebAssembly kernels on and off; and
// finite values whose sums overflow must still go through, as before.
import { afterEach, describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { Random } from "../../src/core/random.ts";
import { Matrix } from "../../src/data/matrix.ts";
import { LinearRegression } from "../../src/models/linear-regression.ts";
import { LogisticRegression } from "../../src/models/logistic-regression.ts";
import { setWasmKernels } from "../../src/models/linear/wasm/kernel-workspace.ts";
import { expectUnderstudyError } from "./expect-understudy-error.ts";

afterEach(() => void setWasmKernels(true));

/** n × p uniform values in [-1, 1), with `bad` at (row, col); labels from the first column's sign. */
function data(n: number, p: number, row: number, col: number, bad: number, seed = 1): { X: Matrix; y: number[]; classes3: string[] } {
  const rng = new Random(seed);
  const values = Float64Array.from({ length: n * p }, () => 2 * rng.next() - 1);
  const y = Array.from({ length: n }, (_, i) => (values[i * p] > 0 ? 1 : 0));
  const classes3 = Array.from({ length: n }, (_, i) => ["a", "b", "c"][Math.floor((values[i * p] + 1) * 1.5) % 3]);
  values[row * p + col] = bad;
  return { X: new Matrix(values, n, p), y, classes3 };
}

const BAD = [NaN, Infinity, -Infinity];
const SHAPES: [string, number, number][] = [["small", 6, 3], ["large (kernel batches)", 400, 12]];

describe.each([true, false])("NaN and ±∞ are rejected (WebAssembly kernels %s)", (wasm) => {
  it.each(SHAPES)("in fit, even in a zero-weight row: %s", (_, n, p) => {
    setWasmKernels(wasm);
    for (const bad of BAD) {
      const row = n - 2;
      const col = p - 1;
      const { X, y, classes3 } = data(n, p, row, col, bad);
      const sampleWeight = Array.from({ length: n }, (_, i) => (i === row ? 0 : 1));
      const message = (kind: string) => messages.models.missingValue(kind, row, col, `x${col}`, bad);
      for (const penalty of ["none", "l2", "l1"] as const) {
        expectUnderstudyError(() => new LinearRegression({ penalty }).fit(X, y, { sampleWeight }), "missing_values", message("LinearRegression"));
        expectUnderstudyError(() => new LogisticRegression({ penalty }).fit(X, y, { sampleWeight }), "missing_values", message("LogisticRegression"));
        expectUnderstudyError(() => new LogisticRegression({ penalty }).fit(X, classes3, { sampleWeight }), "missing_values", message("LogisticRegression"));
      }
      expectUnderstudyError(() => new LogisticRegression({ fitIntercept: false }).fit(X, y), "missing_values", message("LogisticRegression"));
      expectUnderstudyError(() => new LinearRegression({ fitIntercept: false }).fit(X, y), "missing_values", message("LinearRegression"));
    }
  });

  it.each(SHAPES)("in predict, even in a column whose coefficient is 0: %s", (_, n, p) => {
    setWasmKernels(wasm);
    const clean = data(n, p, 0, 0, 0.5);
    const linear = new LinearRegression().fit(clean.X, clean.y);
    const binary = new LogisticRegression().fit(clean.X, clean.y);
    const softmax = new LogisticRegression().fit(clean.X, clean.classes3);
    // The same models with the last column's coefficients set to exactly 0 (∞·0 is NaN, not 0).
    const zeroLast = <M extends { toJSON(): ReturnType<LinearRegression["toJSON"]> }>(m: M) => {
      const json = m.toJSON();
      const st = json.state as { coefficients: number[][] };
      for (const r of st.coefficients) r[p - 1] = 0;
      return json;
    };
    const models = [linear, binary, softmax, LinearRegression.fromJSON(zeroLast(linear)), LogisticRegression.fromJSON(zeroLast(binary)), LogisticRegression.fromJSON(zeroLast(softmax))];
    for (const bad of BAD) {
      for (const col of [0, p - 1]) {
        const { X } = data(n, p, n - 1, col, bad, 2);
        for (const m of models) {
          const message = messages.models.missingValue(m.kind, n - 1, col, `x${col}`, bad);
          expectUnderstudyError(() => m.predict(X), "missing_values", message);
          if (m instanceof LogisticRegression) {
            expectUnderstudyError(() => m.predictProba(X), "missing_values", message);
            expectUnderstudyError(() => m.predictProbaInto(X, new Float64Array(n * m.classes.length)), "missing_values", message);
            expectUnderstudyError(() => m.predictInto(X, new Array(n)), "missing_values", message);
          } else expectUnderstudyError(() => m.predictInto(X, new Float64Array(n)), "missing_values", message);
        }
      }
    }
  });
});

describe("finite values whose sums overflow are not mistaken for missing ones", () => {
  it("predict: a score of ±∞ from finite inputs is returned, as before", () => {
    const m = new LinearRegression().fit([[0], [1], [2]], [0, 2, 4]);
    expect(m.predict([[1e308], [-1e308], [1]])).toEqual([Infinity, -Infinity, 2]);
    const c = new LogisticRegression().fit([[-2], [-1], [1], [2]], ["no", "no", "yes", "yes"]);
    expect(c.predict([[1e308], [-1e308]])).toEqual(["yes", "no"]);
    expect(c.predictProba([[1e308]])).toEqual([[0, 1]]);
  });

  it("fit: column sums that overflow lead to the full check, which finds nothing", () => {
    // Σ x overflows to ∞ although every value is finite: the fit runs as it always did.
    const X = [[1e308], [1.7e308], [1.2e308], [1.5e308]];
    expect(() => new LinearRegression().fit(X, [1, 2, 3, 4])).not.toThrow();
    expect(() => new LogisticRegression().fit(X, [0, 1, 0, 1])).not.toThrow();
  });
});
