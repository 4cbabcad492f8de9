import { describe, expect, it } from "vitest";
import { coefficientTable } from "../../src/explain/coefficient-table.ts";
import { linearContributions } from "../../src/explain/linear-contributions.ts";
import { neighborExplanation } from "../../src/explain/neighbor-explanation.ts";
import { HandKnn, HandLogistic } from "./model-fixtures.ts";
import { messages } from "../../src/core/messages/index.ts";

const model = new HandLogistic([0.5, -2, 0], 1, ["links", "caps", "len"], ["ham", "spam"], [4, 0.5, 100], [2, 0.25, 50]);

describe("coefficientTable", () => {
  it("reports raw and standardized coefficients and odds ratios", () => {
    const { intercepts, rows } = coefficientTable(model);
    expect(intercepts).toEqual([{ output: "spam", value: 1 }]);
    expect(rows[0]).toMatchObject({ output: "spam", name: "links", coefficient: 0.5, standardized: 1, scale: 2 });
    expect(rows[0].oddsRatio).toBeCloseTo(Math.exp(0.5), 15);
    expect(rows[0].oddsRatioPerSd).toBeCloseTo(Math.E, 15);
    expect(rows[1].standardized).toBe(-0.5);
    expect(rows[2].oddsRatio).toBe(1);
  });
  it("standardizes with X's standard deviation when the model has no scales", () => {
    const bare = new HandLogistic([3], 0, ["a"], [0, 1]);
    // population sd of [0, 2, 4, 6] = sqrt(5)
    expect(coefficientTable(bare, { X: [[0], [2], [4], [6]] }).rows[0].standardized).toBeCloseTo(3 * Math.sqrt(5), 12);
  });
});

describe("linearContributions", () => {
  it("sums to the logit, from zero or from the mean", () => {
    const x = [7, 1, 30];
    const [zero] = linearContributions(model, x);
    expect(zero.base).toBe(1);
    expect(zero.terms.map((t) => t.contribution)).toEqual([3.5, -2, 0]);
    expect(zero.score).toBeCloseTo(model.logit(x), 14);
    const [mean] = linearContributions(model, x, { baseline: "mean" });
    expect(mean.base).toBeCloseTo(1 + 2 - 1, 14);
    expect(mean.terms.map((t) => t.contribution)).toEqual([1.5, -1, 0]);
    expect(mean.base + mean.terms.reduce((a, t) => a + t.contribution, 0)).toBeCloseTo(model.logit(x), 14);
  });
});

describe("neighborExplanation", () => {
  it("lists the k nearest training rows with labels, distances and votes", () => {
    const knn = new HandKnn([[0, 0], [1, 0], [5, 5], [0, 2]], ["a", "a", "b", "b"], ["u", "v"], ["a", "b"], 3);
    const e = neighborExplanation(knn, [0, 0.5]);
    expect(e.neighbors.map((n) => [n.index, n.label])).toEqual([[0, "a"], [1, "a"], [3, "b"]]);
    expect(e.neighbors[0].distance).toBeCloseTo(0.5, 15);
    expect(e.neighbors[1].distance).toBeCloseTo(Math.sqrt(1.25), 15);
    expect(e.neighbors[2].row).toEqual([0, 2]);
    expect(e.votes).toEqual([{ label: "a", count: 2 }, { label: "b", count: 1 }]);
  });
  it("refuses models without neighbors", () => {
    expect(() => neighborExplanation(model, [1, 2, 3])).toThrow(messages.explain.needsNeighbors("neighborExplanation", model.kind));
  });
});
