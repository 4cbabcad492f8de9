// scikit-learn's check_estimator, in spirit: one suite of behaviours every estimator in the
// registry must show. A new estimator gets all of these for free by joining the registry.
import { describe, expect, it } from "vitest";
import { Random } from "../../src/core/random.ts";
import { notFitted, UnderstudyError } from "../../src/core/errors.ts";
import type { ErrorCode } from "../../src/core/error-codes.ts";
import { messages } from "../../src/core/messages/index.ts";
import { Matrix } from "../../src/data/matrix.ts";
import type { Estimator, Label } from "../../src/models/estimator.ts";
import { estimatorRegistry } from "../../src/models/registry.ts";
import { loadModel } from "../../src/models/load-model.ts";

/** A value no option accepts (not a number, boolean, enum member, fraction or weight map). */
const BAD_VALUE = "§ not an option value §";

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

function expectUnderstudyError(fn: () => unknown, code: ErrorCode, message?: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected an UnderstudyError with code ${code}`).toBeInstanceOf(UnderstudyError);
  expect((thrown as UnderstudyError).code).toBe(code);
  expect((thrown as UnderstudyError).message.length).toBeGreaterThan(20);
  if (message !== undefined) expect((thrown as UnderstudyError).message).toBe(message);
}

/** Names of the getters an estimator's classes define: its fitted attributes (kind, capabilities and options are fields). */
function fittedAttributes(m: object): string[] {
  const names = new Set<string>();
  for (let proto = Object.getPrototypeOf(m); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(proto))) if (d.get) names.add(name);
  }
  return [...names].sort();
}

/** Changes everything reachable in `value` that can be changed: reverses arrays, zeroes typed arrays. Frozen parts stay as they are. */
function vandalize(value: unknown, seen = new Set<unknown>()): void {
  if (value === null || typeof value !== "object" || seen.has(value)) return;
  seen.add(value);
  const attempt = (f: () => void): void => {
    try {
      f();
    } catch {
      // A frozen array or object refuses the change, which is what a frozen hand-out is for.
    }
  };
  if (ArrayBuffer.isView(value)) {
    attempt(() => (value as Float64Array).fill(7));
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) vandalize(v, seen);
    attempt(() => value.reverse());
    attempt(() => value.push(value[0]));
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    vandalize(v, seen);
    if (typeof v === "number") attempt(() => ((value as Record<string, unknown>)[k] = v + 1));
  }
}

/** What a fitted model does, as one string: its JSON and its outputs on X. */
function behaviour(m: Estimator, X: number[][]): string {
  return JSON.stringify({ json: m.toJSON(), predict: m.predict(X), proba: m.predictProba?.(X) });
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
        expectUnderstudyError(() => make().fit(X, X.map(() => "cat")), "not_fittable", messages.models.singleClass(kind, "cat"));
      });
    }

    it("every fitted attribute, and predict, predictProba, kneighbors and toJSON, throw the not-fitted error before fit", () => {
      const m = make() as unknown as Record<string, unknown> & Estimator;
      const attributes = fittedAttributes(m);
      expect(attributes).toEqual(expect.arrayContaining(["featureNames", "nFeatures"]));
      if (isClassifier) expect(attributes).toContain("classes");
      const notFittedMessage = notFitted(kind).message;
      for (const name of attributes) expectUnderstudyError(() => m[name], "not_fitted", notFittedMessage);
      expectUnderstudyError(() => m.predict(X), "not_fitted", notFittedMessage);
      expectUnderstudyError(() => m.toJSON(), "not_fitted", notFittedMessage);
      if (m.predictProba) expectUnderstudyError(() => m.predictProba!(X), "not_fitted", notFittedMessage);
      if (typeof m.kneighbors === "function") expectUnderstudyError(() => (m.kneighbors as (x: number[][]) => unknown)(X), "not_fitted", notFittedMessage);
    });

    it("arrays it hands out are copies or frozen: changing them changes nothing", () => {
      const m = make().fit(X, y);
      const before = behaviour(m, X);
      for (const name of fittedAttributes(m)) vandalize((m as unknown as Record<string, unknown>)[name]);
      vandalize(m.toJSON());
      vandalize(m.options);
      expect(behaviour(m, X)).toBe(before);
    });

    it("declares its options once, in a table whose defaults the constructor fills in", () => {
      const table = entry.optionTable;
      const names = Object.keys(table);
      expect(names.length).toBeGreaterThan(0);
      const m = entry.create();
      expect(Object.keys(m.options)).toEqual(names);
      for (const name of names) {
        expect(m.options[name]).toEqual(table[name].default);
        expect(table[name].doc.length).toBeGreaterThan(10);
        expect(table[name].allowed.test(table[name].default)).toBe(true);
      }
      expect(Object.isFrozen(m.options)).toBe(true);
    });

    it("the constructor only stores options; fit rejects a bad value of every option, naming it and what it accepts", () => {
      for (const [name, spec] of Object.entries(entry.optionTable)) {
        const m = entry.create({ ...(testOptions[kind] ?? {}), [name]: BAD_VALUE });
        expect(m.options[name]).toBe(BAD_VALUE);
        expectUnderstudyError(() => m.fit(X, y), "bad_option", messages.models.badOption(kind, name, BAD_VALUE, spec.allowed.expected));
      }
    });

    it("fit rejects an unknown option name and names the nearest known one", () => {
      const names = Object.keys(entry.optionTable);
      for (const name of names) {
        const typo = `${name}x`;
        const m = entry.create({ [typo]: 1 });
        expectUnderstudyError(() => m.fit(X, y), "bad_option", messages.models.unknownOption(kind, typo, name, names));
      }
    });

    it("keeps its own copy of the options: changing the caller's object later changes nothing", () => {
      const given: Record<string, unknown> = { ...(testOptions[kind] ?? {}), nested: undefined };
      delete given.nested;
      const m = entry.create(given);
      const stored = JSON.stringify(m.options);
      for (const k of Object.keys(entry.optionTable)) given[k] = BAD_VALUE;
      expect(JSON.stringify(m.options)).toBe(stored);
      expect(() => m.fit(X, y)).not.toThrow();
    });

    it("fit does not modify a Matrix input or the sample weights", () => {
      const M = Matrix.from(X);
      const data = Array.from(M.data);
      const weights = X.map((_, i) => 1 + (i % 3));
      const m = make();
      try {
        m.fit(M, y, { sampleWeight: weights });
      } catch (e) {
        expect((e as UnderstudyError).code).toBe("bad_weight");
        m.fit(M, y);
      }
      expect(Array.from(M.data)).toEqual(data);
      expect(weights).toEqual(X.map((_, i) => 1 + (i % 3)));
    });

    it("sampleWeight is used, or rejected with a clear error, never silently ignored", () => {
      // Rows of the first class (or the first third, for regressors) weigh 6 times as much.
      const weights = y.map((v, i) => (isClassifier ? v === y[0] : i < y.length / 3) ? 6 : 1);
      let weighted: Estimator | undefined;
      try {
        weighted = make().fit(X, y, { sampleWeight: weights });
      } catch (e) {
        expectUnderstudyError(() => make().fit(X, y, { sampleWeight: weights }), "bad_weight", messages.models.weightsNotUsed(kind));
        expectUnderstudyError(() => make().fit(X, y, { sampleWeight: X.map(() => 1) }), "bad_weight", messages.models.weightsNotUsed(kind));
        return;
      }
      const plain = make().fit(X, y);
      expect(JSON.stringify(weighted.toJSON().state)).not.toBe(JSON.stringify(plain.toJSON().state));
      const ones = make().fit(X, y, { sampleWeight: X.map(() => 1) });
      expect(behaviour(ones, X)).toBe(behaviour(plain, X));
    });

    it("predict before fit throws a not-fitted error", () => {
      expectUnderstudyError(() => make().predict(X), "not_fitted", notFitted(kind).message);
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
