// The Explainable Boosting Machine: binning, exact additive explanations, monotone shapes,
// option and JSON errors. (Common estimator behaviour is in common-checks.test.ts.)
import { describe, expect, it } from "vitest";
import { UnderstudyError } from "../../src/core/errors.ts";
import { messages } from "../../src/core/messages/index.ts";
import { Random } from "../../src/core/random.ts";
import { ExplainableBoostingClassifier, ExplainableBoostingRegressor, isAdditiveModel, loadModel } from "../../src/models/index.ts";
import { binColumn, binCuts } from "../../src/models/ebm/bin-cuts.ts";
import { isotonic } from "../../src/models/ebm/isotonic.ts";

const fast = { outerBags: 2, maxRounds: 400 };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof UnderstudyError ? e.code : "not an UnderstudyError";
  }
  return undefined;
}

/** 600 rows: x0 drives the class up (with noise), x1 is a bump, x2·x3 an interaction, 5% of x1 missing. */
function data(n = 600, seed = 4): { X: number[][]; y: string[]; value: number[] } {
  const rng = new Random(seed);
  const X: number[][] = [];
  const y: string[] = [];
  const value: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = [rng.normal(), rng.normal(), rng.normal(), rng.normal()];
    const z = 1.5 * r[0] + Math.exp(-2 * r[1] * r[1]) + r[2] * r[3] + 0.3 * rng.normal();
    if (i % 20 === 0) r[1] = NaN;
    X.push(r);
    y.push(z > 0.5 ? "yes" : "no");
    value.push(z);
  }
  return { X, y, value };
}

describe("EBM binning", () => {
  it("cuts between distinct values when there are few, and puts NaN in bin 0", () => {
    const cuts = binCuts(Float64Array.from([3, 1, 2, 2, NaN]), 255);
    expect(Array.from(cuts)).toEqual([1.5, 2.5]);
    expect(Array.from(binColumn([NaN, 1, 1.5, 2, 2.5, 3, 99], cuts))).toEqual([0, 1, 1, 2, 2, 3, 3]);
  });

  it("cuts at quantiles when there are more distinct values than bins", () => {
    const values = Float64Array.from({ length: 100 }, (_, i) => i);
    // Upper edges at the 25th, 50th and 75th values: 24, 49, 74.
    expect(Array.from(binCuts(values, 4))).toEqual([24, 49, 74]);
  });

  it("isotonic regression pools adjacent violators with their weights", () => {
    expect(Array.from(isotonic(Float64Array.from([1, 3, 2, 4]), Float64Array.from([1, 1, 1, 1])))).toEqual([1, 2.5, 2.5, 4]);
    expect(Array.from(isotonic(Float64Array.from([5, 1]), Float64Array.from([3, 1])))).toEqual([4, 4]);
  });
});

describe("ExplainableBoostingClassifier", () => {
  const { X, y } = data();
  const m = new ExplainableBoostingClassifier({ ...fast, interactions: 2 }).fit(X, y, { featureNames: ["a", "b", "c", "d"] });

  it("declares additive terms: a main term per feature, then pairs, with cuts and scores", () => {
    expect(isAdditiveModel(m)).toBe(true);
    const terms = m.terms();
    expect(terms.slice(0, 4).map((t) => t.names)).toEqual([["a"], ["b"], ["c"], ["d"]]);
    expect(terms.length).toBe(6);
    // c·d is the only real interaction; FAST ranks it first.
    expect(terms[4].names).toEqual(["c", "d"]);
    for (const t of terms) {
      expect(t.scores.length).toBe(t.bins.reduce((a, b) => a * b, 1));
      t.cuts.forEach((c, f) => expect(t.bins[f]).toBe(c.length + 2));
    }
    // x0 raises the log-odds of "yes": the top bin of a scores above the bottom bin.
    const a = terms[0];
    expect(a.scores[a.bins[0] - 1][0]).toBeGreaterThan(a.scores[1][0] + 2);
  });

  it("explains exactly: intercept + Σ term contributions is the log-odds of classes[1]", () => {
    const { intercept, contributions } = m.explainTerms(X);
    const proba = m.predictProba(X);
    contributions.forEach((row, i) => {
      let score = intercept[0];
      for (const c of row) score += c[0];
      expect(score).toBeCloseTo(Math.log(proba[i][1] / proba[i][0]), 9);
    });
  });

  it("learns the task, missing values included", () => {
    const accuracy = m.predict(X).filter((p, i) => p === y[i]).length / y.length;
    expect(accuracy).toBeGreaterThan(0.85);
    expect(m.predictProba([[0, NaN, 0, 0]])[0].every((p) => p > 0 && p < 1)).toBe(true);
  });

  it("hands out copies: changing terms() or intercept changes no prediction", () => {
    const before = m.predictProba(X.slice(0, 5));
    m.terms()[0].scores[1][0] = 1e9;
    m.intercept[0] = 1e9;
    expect(m.predictProba(X.slice(0, 5))).toEqual(before);
  });

  it("makes a constrained shape monotone: P(first class) never falls as the feature grows", () => {
    // "increasing" on a, whose real effect pushes toward "yes" (the second class): the projection flattens it.
    const mono = new ExplainableBoostingClassifier({ ...fast, interactions: 3, monotone: { a: "increasing", 1: "decreasing" } })
      .fit(X, y, { featureNames: ["a", "b", "c", "d"] });
    for (const t of mono.terms().filter((t) => t.features.length === 2)) expect(t.features).not.toContain(0);
    for (const t of mono.terms().filter((t) => t.features.length === 2)) expect(t.features).not.toContain(1);
    const grid = (j: number) => {
      const values = X.map((r) => r[j]).filter((v) => v === v);
      const lo = Math.min(...values);
      const hi = Math.max(...values);
      return Array.from({ length: 60 }, (_, s) => lo - 0.1 + ((hi - lo + 0.2) * s) / 59);
    };
    for (const [j, sign] of [[0, 1], [1, -1]]) {
      for (const row of X.slice(0, 100)) {
        const p = mono.predictProba(grid(j).map((v) => row.map((x, f) => (f === j ? v : x)))).map((q) => q[0]);
        for (let s = 1; s < p.length; s++) expect(sign * (p[s] - p[s - 1])).toBeGreaterThanOrEqual(-1e-12);
      }
    }
  });

  it("rejects bad options and unknown monotone features with bad_option", () => {
    expect(codeOf(() => new ExplainableBoostingClassifier({ maxBins: 300 }).fit(X, y))).toBe("bad_option");
    expect(codeOf(() => new ExplainableBoostingClassifier({ learningRate: 0 }).fit(X, y))).toBe("bad_option");
    const names = ["a", "b", "c", "d"];
    expect(() => new ExplainableBoostingClassifier({ monotone: { income: "increasing" } }).fit(X, y, { featureNames: names }))
      .toThrow(messages.models.monotoneFeature("ExplainableBoostingClassifier", "income", names));
  });

  it("reads no fitted attribute before fit", () => {
    const fresh = new ExplainableBoostingClassifier();
    expect(codeOf(() => fresh.terms())).toBe("not_fitted");
    expect(codeOf(() => fresh.intercept)).toBe("not_fitted");
    expect(codeOf(() => fresh.classes)).toBe("not_fitted");
  });

  it("loadModel checks the saved state and rejects a damaged one", () => {
    const json = JSON.parse(JSON.stringify(m.toJSON()));
    expect(loadModel(json).predictProba!(X)).toEqual(m.predictProba(X));
    json.state.terms[0].scores.pop();
    expect(codeOf(() => loadModel(json))).toBe("bad_model_json");
    const badCuts = JSON.parse(JSON.stringify(m.toJSON()));
    badCuts.state.terms[1].cuts[0].reverse();
    expect(codeOf(() => loadModel(badCuts))).toBe("bad_model_json");
  });

  it("multiclass: one score per class; contributions sum to each class's score", () => {
    const three = y.map((v, i) => (X[i][2] > 0.8 ? "many" : v));
    const mc = new ExplainableBoostingClassifier({ ...fast, interactions: 1 }).fit(X, three);
    expect(mc.link).toBe("softmax");
    const { intercept, contributions } = mc.explainTerms(X.slice(0, 20));
    const proba = mc.predictProba(X.slice(0, 20));
    contributions.forEach((row, i) => {
      const s = intercept.map((b, k) => row.reduce((acc, c) => acc + c[k], b));
      // softmax: log p_k − log p_0 = s_k − s_0.
      for (let k = 1; k < 3; k++) expect(Math.log(proba[i][k] / proba[i][0])).toBeCloseTo(s[k] - s[0], 9);
    });
  });
});

describe("ExplainableBoostingRegressor", () => {
  const { X, value } = data(500, 9);

  it("predicts exactly intercept + Σ contributions, and fits the additive signal", () => {
    const m = new ExplainableBoostingRegressor({ ...fast, interactions: 1 }).fit(X, value);
    const predicted = m.predict(X);
    const { intercept, contributions } = m.explainTerms(X);
    contributions.forEach((row, i) => expect(row.reduce((s, c) => s + c[0], intercept[0])).toBe(predicted[i]));
    const mean = value.reduce((a, b) => a + b, 0) / value.length;
    const ssTot = value.reduce((s, v) => s + (v - mean) ** 2, 0);
    const ssRes = value.reduce((s, v, i) => s + (v - predicted[i]) ** 2, 0);
    expect(1 - ssRes / ssTot).toBeGreaterThan(0.85);
  });

  it("honours a decreasing constraint over the feature's observed range", () => {
    const m = new ExplainableBoostingRegressor({ ...fast, monotone: { 0: "decreasing" } }).fit(X, value);
    const values = X.map((r) => r[0]);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    for (const row of X.slice(0, 100)) {
      const sweep = Array.from({ length: 50 }, (_, s) => row.map((x, f) => (f === 0 ? lo + ((hi - lo) * s) / 49 : x)));
      const p = m.predict(sweep);
      for (let s = 1; s < p.length; s++) expect(p[s]).toBeLessThanOrEqual(p[s - 1] + 1e-12);
    }
  });

  it("is deterministic for a seed and differs for another seed", () => {
    const a = new ExplainableBoostingRegressor({ ...fast, interactions: 1, seed: 1 }).fit(X, value).toJSON();
    const b = new ExplainableBoostingRegressor({ ...fast, interactions: 1, seed: 1 }).fit(X, value).toJSON();
    const c = new ExplainableBoostingRegressor({ ...fast, interactions: 1, seed: 2 }).fit(X, value).toJSON();
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
  });
});
