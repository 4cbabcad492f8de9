import { describe, expect, it } from "vitest";
import { counterfactual } from "../../src/explain/counterfactual.ts";
import type { Label } from "../../src/models/estimator.ts";
import type { FittedModel } from "../../src/explain/model-access.ts";
import { HandTreeModel, buildTree } from "./tree-fixtures.ts";
import { HandKnn, HandLogistic } from "./model-fixtures.ts";
import { messages } from "../../src/core/messages/index.ts";

// The cheapest flipping point on a grid over two features (brute force reference).
function gridOptimum(model: FittedModel, x: number[], scale: number[], target: Label, lo = -5, hi = 5, step = 0.01): { cost: number; z: number[] } {
  let best = { cost: Infinity, z: x };
  const n = Math.round((hi - lo) / step);
  const rows: number[][] = [];
  for (let a = 0; a <= n; a++) for (let b = 0; b <= n; b++) rows.push([lo + a * step, lo + b * step]);
  const pred = model.predict(rows);
  rows.forEach((z, i) => {
    if (pred[i] !== target) return;
    const cost = Math.abs(z[0] - x[0]) / scale[0] + Math.abs(z[1] - x[1]) / scale[1];
    if (cost < best.cost) best = { cost, z };
  });
  return best;
}

describe("counterfactual: linear (closed form)", () => {
  const model = new HandLogistic([1, -2], -3, ["links", "caps"], ["ham", "spam"], [0, 0], [1, 2]);

  it("moves the feature with the best |w|·scale and matches a brute-force grid", () => {
    const x = [0.3, 0.2];
    const cf = counterfactual(model, x);
    expect(cf).toMatchObject({ found: true, original: "ham", target: "spam", method: "linear" });
    // |w|·scale: links 1, caps 4 → move caps down until the logit crosses 0: caps = (0.3 − 3)/2
    expect(cf.changes).toEqual([{ feature: 1, name: "caps", from: 0.2, to: expect.closeTo(-1.35, 6) }]);
    expect(model.predict([cf.x])[0]).toBe("spam");
    const grid = gridOptimum(model, x, [1, 2], "spam");
    expect(cf.distance).toBeLessThanOrEqual(grid.cost + 1e-9);
    expect(cf.distance).toBeGreaterThan(grid.cost - 0.01);
  });

  it("respects immutable features and ranges, and matches the grid under them", () => {
    const x = [0.3, 0.2];
    const cf = counterfactual(model, x, { ranges: { caps: [-0.5, 5] } });
    // logit(x) = −3.1; caps can fall only to −0.5 (+1.4), links supplies the other 1.7
    expect(cf.x[1]).toBe(-0.5);
    expect(cf.x[0]).toBeCloseTo(2, 6);
    const restricted = new HandLogistic([1, -2], -3, ["links", "caps"], ["ham", "spam"], [0, 0], [1, 2]);
    let best = Infinity;
    for (let a = -500; a <= 500; a++) {
      for (let b = -50; b <= 500; b++) {
        const z = [a / 100, b / 100];
        if (restricted.logit(z) > 0) best = Math.min(best, Math.abs(z[0] - 0.3) + Math.abs(z[1] - 0.2) / 2);
      }
    }
    expect(cf.distance).toBeLessThanOrEqual(best + 1e-9);
    expect(cf.distance).toBeGreaterThan(best - 0.01);
    const fixed = counterfactual(model, x, { immutable: ["caps"] });
    expect(fixed.changes.map((c) => c.name)).toEqual(["links"]);
    expect(fixed.x[0]).toBeCloseTo(3.4, 6); // 0.3 + 3.1
    expect(counterfactual(model, x, { immutable: ["caps"], ranges: { links: [0, 1] } }).found).toBe(false);
  });
});

describe("counterfactual: single tree (exact)", () => {
  // a <= 0 → (b <= 1 → no, else yes), else (b <= -2 → yes, else no)
  const tree = buildTree({
    feature: 0,
    threshold: 0,
    left: { feature: 1, threshold: 1, left: { value: [1, 0], cover: 5 }, right: { value: [0, 1], cover: 5 } },
    right: { feature: 1, threshold: -2, left: { value: [0, 1], cover: 5 }, right: { value: [1, 0], cover: 5 } },
  });
  const model = new HandTreeModel([tree], ["a", "b"], ["no", "yes"]);

  it("finds the nearest leaf box of the other class, as a brute-force grid does", () => {
    for (const [x, scale] of [
      [[0.4, 0.5], [1, 1]],
      [[0.4, 0.5], [0.1, 1]],
      [[-3, -1], [1, 0.2]],
      [[2, 3], [1, 1]],
    ] as [number[], number[]][]) {
      const cf = counterfactual(model, x, { scale });
      const original = model.predict([x])[0];
      const target = original === "yes" ? "no" : "yes";
      expect(cf.method).toBe("tree");
      expect(model.predict([cf.x])[0]).toBe(target);
      const grid = gridOptimum(model, x, scale, target, -5, 5, 0.05);
      expect(cf.distance).toBeLessThanOrEqual(grid.cost + 1e-5);
      expect(cf.distance).toBeGreaterThan(grid.cost - 0.1 / Math.min(...scale));
    }
  });

  it("leaves a missing value alone when the target leaf's route accepts missing", () => {
    // a missing → left; b = 0.5 → "no"; crossing b > 1 (cost 0.5) beats filling a in (cost 1).
    const cf = counterfactual(model, [NaN, 0.5]);
    expect(cf.changes).toEqual([{ feature: 1, name: "b", from: 0.5, to: expect.closeTo(1, 5) }]);
    expect(cf.x[1]).toBeGreaterThan(1);
    expect(Number.isNaN(cf.x[0])).toBe(true);
    expect(model.predict([cf.x])[0]).toBe("yes");
  });

  it("keeps immutable features and reports no counterfactual when none exists", () => {
    const cf = counterfactual(model, [0.4, 0.5], { immutable: ["a"] });
    expect(cf.changes.map((c) => c.name)).toEqual(["b"]);
    expect(cf.x[1]).toBe(-2);
    const none = counterfactual(model, [0.4, 0.5], { immutable: ["a"], ranges: { b: [-1, 5] } });
    expect(none).toMatchObject({ found: false, distance: Infinity, changes: [] });
  });
});

describe("counterfactual: bounded search (forests, k-NN)", () => {
  it("flips a forest's decision and is not beaten by a brute-force grid by more than its step", () => {
    const t1 = buildTree({ feature: 0, threshold: 1, left: { value: [1, 0], cover: 5 }, right: { value: [0, 1], cover: 5 } });
    const t2 = buildTree({ feature: 1, threshold: 2, left: { value: [1, 0], cover: 5 }, right: { value: [0, 1], cover: 5 } });
    const t3 = buildTree({ feature: 0, threshold: 3, left: { value: [1, 0], cover: 5 }, right: { value: [0, 1], cover: 5 } });
    const forest = new HandTreeModel([t1, t2, t3], ["a", "b"], ["no", "yes"]);
    const x = [0, 0];
    const cf = counterfactual(forest, x);
    expect(cf.method).toBe("search");
    expect(forest.predict([cf.x])[0]).toBe("yes");
    const grid = gridOptimum(forest, x, [1, 1], "yes", -5, 5, 0.05);
    // Needs two of three trees: a > 1 and b > 2 (cost 3) or a > 3 (cost 3).
    expect(grid.cost).toBeCloseTo(3.05, 6);
    expect(cf.distance).toBeLessThanOrEqual(grid.cost);
    expect(cf.distance).toBeCloseTo(3, 4);
  });

  it("flips a k-NN decision while respecting immutable features", () => {
    const knn = new HandKnn([[0, 0], [1, 0], [0, 1], [5, 0], [6, 0], [5, 1]], ["a", "a", "a", "b", "b", "b"], ["u", "v"], ["a", "b"], 3);
    const cf = counterfactual(knn, [0.5, 0.5], { immutable: ["v"] });
    expect(cf.found).toBe(true);
    expect(knn.predict([cf.x])[0]).toBe("b");
    expect(cf.x[1]).toBe(0.5);
    expect(cf.changes.map((c) => c.name)).toEqual(["u"]);
  });

  it("rejects regressors and unknown features", () => {
    const reg = new HandTreeModel([buildTree({ value: [1], cover: 1 })], ["a"]);
    expect(() => counterfactual(reg, [1])).toThrow(messages.explain.needsClassifier("counterfactual"));
    const knn = new HandKnn([[0], [1]], ["a", "b"], ["u"], ["a", "b"], 1);
    expect(() => counterfactual(knn, [0], { immutable: ["zz"] })).toThrow(messages.explain.unknownFeature("counterfactual", "zz", ["u"]));
  });
});
