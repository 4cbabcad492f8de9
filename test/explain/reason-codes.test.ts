import { describe, expect, it } from "vitest";
import { reasonCodes } from "../../src/explain/reason-codes.ts";
import { formatReasonCodes } from "../../src/explain/format-reason-codes.ts";
import { shapleyValues } from "../../src/explain/shapley-values.ts";
import { HandTreeModel, buildTree } from "./tree-fixtures.ts";
import { HandKnn, HandLogistic } from "./model-fixtures.ts";
import { FnModel } from "./fn-model.ts";
import { messages } from "../../src/core/messages/index.ts";

const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);

describe("shapleyValues (model-agnostic)", () => {
  it("gives each term of an additive model its own change from the baseline, exactly and sampled", () => {
    const f = (x: Float64Array) => 2 * x[0] + x[1] ** 2 - 3 * x[2];
    const model = new FnModel(f, ["a", "b", "c"]);
    const exact = shapleyValues(model, [1, 3, 2], { baseline: [0, 1, 0] });
    expect(exact.method).toBe("exact");
    expect(exact.values.map((v) => v[0])).toEqual([2, 8, -6].map((v) => expect.closeTo(v, 12)));
    const sampled = shapleyValues(model, [1, 3, 2], { baseline: [0, 1, 0], exactUpTo: 2, nPermutations: 5 });
    expect(sampled.method).toBe("sampled");
    expect(sampled.values.map((v) => v[0])).toEqual([2, 8, -6].map((v) => expect.closeTo(v, 12)));
  });
  it("splits a pure interaction evenly and always adds up", () => {
    const model = new FnModel((x) => x[0] * x[1], ["a", "b"]);
    const s = shapleyValues(model, [3, 4], { baseline: [0, 0] });
    expect(s.values[0][0]).toBeCloseTo(6, 12);
    expect(s.values[1][0]).toBeCloseTo(6, 12);
    const wide = new FnModel((x) => x[0] * x[1] + Math.sin(x[2]) * x[3] + x[4], ["a", "b", "c", "d", "e"]);
    const r = shapleyValues(wide, [1, 2, 3, 4, 5], { baseline: [0, 1, 0, 1, 0], exactUpTo: 3, nPermutations: 7, seed: 3 });
    expect(r.base[0] + sum(r.values.map((v) => v[0]))).toBeCloseTo(2 + Math.sin(3) * 4 + 5, 12);
  });
});

describe("reasonCodes", () => {
  const tree = buildTree({
    feature: 0,
    threshold: 6.5,
    left: { value: [0.9, 0.1], cover: 30 },
    right: { feature: 1, threshold: 0.5, left: { value: [0.5, 0.5], cover: 10 }, right: { value: [0.1, 0.9], cover: 20 } },
  });
  const treeModel = new HandTreeModel([tree], ["links", "caps", "length"], ["ham", "spam"]);

  it("uses TreeSHAP for trees and speaks in words", () => {
    const X = [[7, 1, 300], [2, 0, 10]];
    const why = reasonCodes(treeModel, X, 0, { top: 2 });
    expect(why.method).toBe("treeShap");
    expect(why.prediction).toBe("spam");
    expect(why.output).toBe("spam");
    expect(why.outputValue).toBeCloseTo(0.9, 12);
    expect(why.base + sum(why.all.map((c) => c.contribution))).toBeCloseTo(0.9, 12);
    expect(why.codes.map((c) => c.name)).toEqual(["links", "caps"]);
    expect(why.codes.every((c) => c.direction === "raises")).toBe(true);
    expect(formatReasonCodes(why, { amounts: false })).toEqual(["links = 7 raises the spam probability", "caps = 1 raises the spam probability"]);
    // An unused feature is never a reason.
    expect(why.all.find((c) => c.name === "length")!.contribution).toBe(0);
  });

  it("explains a chosen class, and a row given by value", () => {
    const why = reasonCodes(treeModel, [[7, 1, 300]], [7, 1, 300], { output: "ham" });
    expect(why.outputValue).toBeCloseTo(0.1, 12);
    expect(why.codes[0].direction).toBe("lowers");
    expect(formatReasonCodes(why)[0]).toMatch(/^links = 7 lowers the ham probability by 0\.\d+$/);
  });

  it("uses log-odds contributions from the column means for linear models", () => {
    const model = new HandLogistic([0.5, -2], 0, ["links", "caps"], ["ham", "spam"]);
    const X = [[0, 1], [4, 0], [2, 2]]; // means: links 2, caps 1
    const why = reasonCodes(model, X, 0);
    // logit(x0) = 0.5·0 − 2·1 = −2 → ham, explained on the ham log-odds (the negated logit):
    // links: −0.5·(0 − 2) = +1; caps: −(−2)·(1 − 1) = 0, so caps is no reason at all.
    expect(why.method).toBe("linear");
    expect(why.prediction).toBe("ham");
    expect(why.scale).toBe("log-odds");
    expect(why.codes).toHaveLength(1);
    expect(why.codes[0]).toMatchObject({ name: "links", contribution: 1, direction: "raises" });
    expect(why.outputValue).toBeCloseTo(2, 12); // log-odds of ham = −logit
    expect(formatReasonCodes(why)).toEqual(["links = 0 raises the ham log-odds by 1"]);
  });

  it("uses baseline Shapley values for other models (k-NN) and adds up", () => {
    const knn = new HandKnn([[0, 0], [1, 0], [5, 5], [6, 5], [5, 6]], ["a", "a", "b", "b", "b"], ["u", "v"], ["a", "b"], 3);
    const X = [[0, 0], [1, 0], [5, 5], [6, 5], [5, 6]];
    const why = reasonCodes(knn, X, [5.5, 5.5]);
    expect(why.method).toBe("shapley");
    expect(why.prediction).toBe("b");
    expect(why.base + sum(why.all.map((c) => c.contribution))).toBeCloseTo(knn.predictProba([[5.5, 5.5]])[0][1], 12);
  });

  it("rejects a row index outside X", () => {
    expect(() => reasonCodes(treeModel, [[1, 2, 3]], 4)).toThrow(messages.explain.rowNotInX("reasonCodes", 4, 1));
  });
});
