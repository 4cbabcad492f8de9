// scikit-learn's check_estimator, in spirit: one suite of behaviours every estimator in the
// registry must show. A new estimator gets all of these for free by joining the registry.
import { describe, expect, it } from "vitest";
import { Random } from "../../src/core/random.ts";
import { UnderstudyError } from "../../src/core/errors.ts";
import type { Estimator, Label } from "../../src/models/estimator.ts";
import { estimatorRegistry } from "../../src/models/registry.ts";
import { loadModel } from "../../src/models/load-model.ts";

/** Small options so forests stay quick; everything else at defaults. */
const testOptions: Record<string, Record<string, unknown>> = {
  RandomForestClassifier: { nEstimators: 10, seed: 3 },
  RandomForestRegressor: { nEstimators: 10, seed: 3 },
};

function classificationData(n = 150, seed = 1): { X: number[][]; y: string[] } {
  const rng = new Random(seed);
  const X: number[][] = [];
  const y: string[] = [];
  const centres = [[0, 0, 0, 0], [2.5, 2.5, 0, 1], [0, 2.5, 2.5, -1]];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    X.push(centres[c].map((m) => m + rng.normal()));
    y.push(["cat", "dog", "eel"][c]);
  }
  return { X, y };
}

function regressionData(n = 120, seed = 2): { X: number[][]; y: number[] } {
  const rng = new Random(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = [rng.normal(), rng.normal(), rng.normal()];
    X.push(row);
    y.push(3 * row[0] - 2 * row[1] + 0.5 + 0.1 * rng.normal());
  }
  return { X, y };
}

function expectUnderstudyError(fn: () => unknown, code: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected an UnderstudyError with code ${code}`).toBeInstanceOf(UnderstudyError);
  expect((thrown as UnderstudyError).code).toBe(code);
  expect((thrown as UnderstudyError).message.length).toBeGreaterThan(20);
}

for (const [kind, entry] of Object.entries(estimatorRegistry)) {
  const isClassifier = entry.task === "classification";
  const make = (): Estimator => entry.create({ ...(testOptions[kind] ?? {}) });
  const data = isClassifier ? classificationData() : regressionData();
  const X = data.X;
  const y = data.y as Label[];

  describe(`common checks: ${kind}`, () => {
    it("declares its kind and task", () => {
      const m = make();
      expect(m.kind).toBe(kind);
      expect(m.capabilities.task).toBe(entry.task);
      expect(m.capabilities.probabilities).toBe(isClassifier);
    });

    it("fit returns this and does not modify its inputs or options", () => {
      const m = make();
      const optionsBefore = JSON.stringify(m.options);
      const XBefore = JSON.stringify(X);
      const yBefore = JSON.stringify(y);
      expect(m.fit(X, y)).toBe(m);
      expect(JSON.stringify(X)).toBe(XBefore);
      expect(JSON.stringify(y)).toBe(yBefore);
      expect(JSON.stringify(m.options)).toBe(optionsBefore);
    });

    it("a seeded fit is deterministic and a refit gives the same model", () => {
      const a = make().fit(X, y);
      const b = make().fit(X, y);
      expect(JSON.stringify(b.toJSON())).toBe(JSON.stringify(a.toJSON()));
      const before = JSON.stringify(a.toJSON());
      a.fit(X, y);
      expect(JSON.stringify(a.toJSON())).toBe(before);
    });

    it("a refit forgets the earlier fit", () => {
      const m = make().fit(X, y);
      if (isClassifier) {
        const two = X.filter((_, i) => y[i] !== "eel");
        const twoY = y.filter((v) => v !== "eel");
        m.fit(two.map((r) => r.slice(0, 2)), twoY);
        expect(m.classes).toEqual(["cat", "dog"]);
      } else {
        m.fit(X.map((r) => r.slice(0, 2)), y);
      }
      expect(m.nFeatures).toBe(2);
      expect(m.predict([[0, 0]])).toHaveLength(1);
    });

    it("a JSON round trip predicts identically", () => {
      const m = make().fit(X, y);
      const restored = loadModel(JSON.parse(JSON.stringify(m.toJSON())));
      expect(restored.kind).toBe(kind);
      expect(restored.predict(X)).toEqual(m.predict(X));
      if (isClassifier) expect(restored.predictProba!(X)).toEqual(m.predictProba!(X));
    });

    it("predictions are sensible on its own training data", () => {
      const m = make().fit(X, y);
      const predicted = m.predict(X);
      expect(predicted).toHaveLength(X.length);
      if (isClassifier) {
        const accuracy = predicted.filter((p, i) => p === y[i]).length / y.length;
        expect(accuracy).toBeGreaterThan(0.8);
      } else {
        for (const p of predicted) expect(Number.isFinite(p)).toBe(true);
        const mean = (y as number[]).reduce((s, v) => s + v, 0) / y.length;
        const ssTot = (y as number[]).reduce((s, v) => s + (v - mean) ** 2, 0);
        const ssRes = (predicted as number[]).reduce((s: number, p, i) => s + (p - (y[i] as number)) ** 2, 0);
        expect(1 - ssRes / ssTot).toBeGreaterThan(0.7);
      }
    });

    if (isClassifier) {
      it("probability rows sum to 1, columns follow classes, and predict is their argmax", () => {
        const m = make().fit(X, y);
        expect(m.classes).toEqual(["cat", "dog", "eel"]);
        const proba = m.predictProba!(X);
        const predicted = m.predict(X);
        proba.forEach((row, i) => {
          expect(row).toHaveLength(3);
          expect(row.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
          for (const p of row) expect(p).toBeGreaterThanOrEqual(0);
          const best = Math.max(...row);
          expect(row[m.classes!.indexOf(predicted[i])]).toBe(best);
        });
      });

      it("string, number and boolean labels all work", () => {
        const codes = y.map((v) => ["cat", "dog", "eel"].indexOf(v as string));
        const numeric = make().fit(X, codes.map((c) => c * 10));
        expect(numeric.classes).toEqual([0, 10, 20]);
        expect(new Set(numeric.predict(X))).toEqual(new Set([0, 10, 20]));
        const Xb = X.filter((_, i) => codes[i] < 2);
        const yb = codes.filter((c) => c < 2).map((c) => c === 1);
        const boolean = make().fit(Xb, yb);
        expect(boolean.classes).toEqual([false, true]);
        for (const p of boolean.predict(Xb)) expect(typeof p).toBe("boolean");
      });

      it("a single class gets a clear error", () => {
        expectUnderstudyError(() => make().fit(X, X.map(() => "cat")), "single_class");
      });
    }

    it("predict before fit throws a not-fitted error", () => {
      expectUnderstudyError(() => make().predict(X), "not_fitted");
    });

    it("empty input, length and width mismatches get clear errors", () => {
      expectUnderstudyError(() => make().fit([], []), "empty_input");
      expectUnderstudyError(() => make().fit(X, y.slice(1)), "length_mismatch");
      const m = make().fit(X, y);
      expectUnderstudyError(() => m.predict([X[0].slice(1)]), "width_mismatch");
    });

    it("missing values are handled or rejected clearly, never turned into NaN predictions", () => {
      const withNaN = X.map((r, i) => (i % 7 === 0 ? [NaN, ...r.slice(1)] : r));
      const m = make();
      if (m.capabilities.handlesMissing) {
        m.fit(withNaN, y);
        for (const p of m.predict(withNaN)) expect(p === p).toBe(true);
        if (isClassifier) for (const row of m.predictProba!(withNaN)) for (const p of row) expect(Number.isNaN(p)).toBe(false);
      } else {
        expectUnderstudyError(() => m.fit(withNaN, y), "missing_values");
        const fitted = make().fit(X, y);
        expectUnderstudyError(() => fitted.predict(withNaN), "missing_values");
      }
    });
  });
}
