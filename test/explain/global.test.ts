import { describe, expect, it } from "vitest";
import { permutationImportance } from "../../src/explain/permutation-importance.ts";
import { partialDependence } from "../../src/explain/partial-dependence.ts";
import { Random } from "../../src/core/random.ts";
import { FnModel } from "./fn-model.ts";
import { messages } from "../../src/core/messages/index.ts";

describe("permutationImportance", () => {
  const rng = new Random(1);
  const X = Array.from({ length: 200 }, () => [rng.next(), rng.next(), rng.next()]);
  const model = new FnModel((x) => (x[0] > 0.5 ? 0.9 : 0.1), ["used", "noise", "other"], ["no", "yes"]);
  const y = X.map((x) => (x[0] > 0.5 ? "yes" : "no"));

  it("gives exactly zero to features the model ignores and a clear drop to the one it uses", () => {
    const r = permutationImportance(model, X, y, { nRepeats: 4, seed: 0 });
    expect(r.baseline).toBe(1);
    expect(r.metric).toBe("accuracy");
    expect(r.features.map((f) => f.name)).toEqual(["used", "noise", "other"]);
    expect(r.features[1]).toMatchObject({ mean: 0, std: 0, drops: [0, 0, 0, 0] });
    expect(r.features[2].mean).toBe(0);
    // Shuffling a balanced threshold feature gets about half the rows wrong.
    expect(r.features[0].mean).toBeGreaterThan(0.3);
    expect(r.features[0].mean).toBeLessThan(0.7);
    expect(r.features[0].drops).toHaveLength(4);
    const m = r.features[0].drops.reduce((a, b) => a + b, 0) / 4;
    expect(r.features[0].mean).toBeCloseTo(m, 15);
    expect(r.features[0].std).toBeCloseTo(Math.sqrt(r.features[0].drops.reduce((a, b) => a + (b - m) ** 2, 0) / 4), 15);
  });

  it("is reproducible with a seed and leaves X untouched", () => {
    const copy = X.map((r) => [...r]);
    const a = permutationImportance(model, X, y, { nRepeats: 3, seed: 5 });
    const b = permutationImportance(model, X, y, { nRepeats: 3, seed: 5 });
    expect(a).toEqual(b);
    expect(X).toEqual(copy);
  });

  it("takes a custom metric and rejects bad options", () => {
    const r = permutationImportance(model, X, y, { nRepeats: 2, metric: (t, p) => t.filter((v, i) => v === p[i]).length });
    expect(r.baseline).toBe(200);
    expect(() => permutationImportance(model, X, y, { nRepeats: 0 })).toThrow(messages.explain.badRepeats("permutationImportance", 0));
    expect(() => permutationImportance(model, X, y.slice(1))).toThrow(messages.explain.labelCount("permutationImportance", 200, 199));
    expect(() => permutationImportance(model, X, y, { metric: "auc" as never })).toThrow(expect.objectContaining({ code: "bad_option" }));
  });
});

describe("partialDependence", () => {
  const model = new FnModel((x) => 2 * x[0] + x[0] * x[1], ["a", "b"]);
  const X = [[0, 1], [1, 3], [5, -1]];

  it("averages the model with the feature set to each grid value, with ICE curves", () => {
    const pd = partialDependence(model, X, "a", { kind: "both" });
    expect(pd.grid).toEqual([0, 1, 5]); // distinct values when there are few
    // PD(g) = 2g + g·mean(b) = 2g + g
    expect(pd.average.map((v) => v[0])).toEqual([0, 3, 15].map((v) => expect.closeTo(v, 12)));
    expect(pd.individual![1].map((v) => v[0])).toEqual([0, 5, 25]); // 2g + 3g
    expect(pd.outputs).toEqual(["prediction"]);
  });

  it("uses 5th–95th percentile points when the feature has many values", () => {
    const many = Array.from({ length: 100 }, (_, i) => [i, 0]);
    const pd = partialDependence(model, many, 0, { gridResolution: 10 });
    expect(pd.grid).toHaveLength(10);
    expect(pd.grid[0]).toBeCloseTo(4.95, 12); // numpy.percentile(range(100), 5)
    expect(pd.grid[9]).toBeCloseTo(94.05, 12);
    expect(pd.individual).toBeUndefined();
  });

  it("rejects an unknown feature", () => {
    expect(() => partialDependence(model, X, "zz")).toThrow(messages.explain.unknownFeature("partialDependence", "zz", model.featureNames));
  });
});
