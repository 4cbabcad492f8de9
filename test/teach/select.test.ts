import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { Random } from "../../src/core/random.ts";
import { Matrix } from "../../src/data/matrix.ts";
import { activeLearning } from "../../src/teach/select.ts";

// 600 points in the unit square; the teacher says "a" left of x = 0.62, "b" right of it.
const rng = new Random(3);
const points = Array.from({ length: 600 }, () => [rng.next(), rng.next()]);
const X = Matrix.fromRows(points, ["x", "y"]);
const teacherLabel = (i: number): string => (points[i][0] < 0.62 ? "a" : "b");

describe("activeLearning", () => {
  it("spends exactly the budget, never asks for a row twice, and is reproducible", async () => {
    const asked: number[][] = [];
    const run = () => activeLearning({ X, budget: 60, initial: 10, batchSize: 10, seed: 1, label: async (ix) => { asked.push(ix); return ix.map(teacherLabel); } });
    const a = await run();
    const b = await run();
    expect(a.indices).toHaveLength(60);
    expect(new Set(a.indices).size).toBe(60);
    expect(a.rounds).toBe(6);
    expect(b.indices).toEqual(a.indices);
    expect(asked[0]).toHaveLength(10);
  });

  it("asks about rows near the decision boundary, unlike random sampling", async () => {
    const meanDistance = (ix: number[]) => ix.reduce((s, i) => s + Math.abs(points[i][0] - 0.62), 0) / ix.length;
    const active = await activeLearning({ X, budget: 80, initial: 20, batchSize: 10, seed: 2, label: async (ix) => ix.map(teacherLabel) });
    const random = await activeLearning({ X, budget: 80, initial: 20, batchSize: 10, seed: 2, strategy: "random", label: async (ix) => ix.map(teacherLabel) });
    expect(active.indices.slice(0, 20)).toEqual(random.indices.slice(0, 20)); // same seeded start
    // Uniform x gives a mean distance of about 0.27 to the boundary; uncertain rows sit much closer.
    expect(meanDistance(random.indices.slice(20))).toBeGreaterThan(0.15);
    expect(meanDistance(active.indices.slice(20))).toBeLessThan(0.1);
    const agreement = (m: typeof active.model) => m!.predict(X).filter((p, i) => p === teacherLabel(i)).length / 600;
    expect(agreement(active.model)).toBeGreaterThanOrEqual(agreement(random.model));
  });

  it("spends budget on rows the teacher could not label without training on them", async () => {
    const r = await activeLearning({ X, budget: 30, initial: 10, batchSize: 10, seed: 0, label: async (ix) => ix.map((i) => (i % 3 === 0 ? null : teacherLabel(i))) });
    expect(r.indices).toHaveLength(30);
    expect(r.labels.filter((l) => l === null).length).toBeGreaterThan(0);
    expect(r.model?.classes).toEqual(["a", "b"]);
    await expect(activeLearning({ X, budget: 0, label: async () => [] })).rejects.toThrow(messages.teach.activeLearningBudget(0));
    await expect(activeLearning({ X, budget: 5, label: async () => [] })).rejects.toThrow(messages.teach.activeLearningLabelCount(0, 5));
  });
});
