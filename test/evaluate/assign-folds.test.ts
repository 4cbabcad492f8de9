import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { assignFolds } from "../../src/evaluate/assign-folds.ts";

describe("assignFolds", () => {
  const y = [...Array(30).fill("a"), ...Array(10).fill("b")];
  it("stratifies: every fold holds 6 a and 2 b, every row once", () => {
    const folds = assignFolds(y, { folds: 5, seed: 3 });
    for (const f of folds) expect([f.filter((i) => y[i] === "a").length, f.filter((i) => y[i] === "b").length]).toEqual([6, 2]);
    expect(folds.flat().sort((a, b) => a - b)).toEqual(y.map((_, i) => i));
  });
  it("is seeded: same seed, same folds; another seed, other folds", () => {
    expect(assignFolds(y, { seed: 1 })).toEqual(assignFolds(y, { seed: 1 }));
    expect(assignFolds(y, { seed: 1 })).not.toEqual(assignFolds(y, { seed: 2 }));
  });
  it("keeps each group in one fold and still balances the labels", () => {
    // 20 groups of two rows; groups 0..14 are "a", 15..19 are "b".
    const groups = y.map((_, i) => Math.floor(i / 2));
    const folds = assignFolds(y, { folds: 5, seed: 0, groups });
    for (const f of folds) {
      for (const i of f) expect(f).toContain(i % 2 ? i - 1 : i + 1);
      expect(f.filter((i) => y[i] === "b").length).toBe(2);
    }
  });
  it("refuses more folds than groups, naming both", () => {
    expect(() => assignFolds(["a", "b", "a", "b"], { folds: 3, groups: [0, 0, 1, 1] })).toThrow(messages.evaluate.foldsAboveGroups(3, 2));
    expect(() => assignFolds(["a", "b"], { groups: [0] })).toThrow(messages.evaluate.groupsLength(2, 1));
  });
});
