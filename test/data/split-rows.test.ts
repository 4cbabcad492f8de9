import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { splitRows, type RowSplit } from "../../src/data/split-rows.ts";

function sizes(s: RowSplit) {
  return [s.train.length, s.validation.length, s.test.length];
}

function expectPartition(s: RowSplit, n: number) {
  const all = [...s.train, ...s.validation, ...s.test].sort((a, b) => a - b);
  expect(all).toEqual(Array.from({ length: n }, (_, i) => i)); // disjoint and complete
  for (const part of [s.train, s.validation, s.test]) {
    expect(Array.from(part)).toEqual(Array.from(part).sort((a, b) => a - b));
  }
}

describe("splitRows", () => {
  it("defaults to 60/20/20 and covers every row exactly once", () => {
    const s = splitRows(10);
    expect(sizes(s)).toEqual([6, 2, 2]);
    expectPartition(s, 10);
    expectPartition(splitRows(1001, { seed: 3 }), 1001);
  });

  it("rounds sizes by largest remainder, ties to train then validation", () => {
    expect(sizes(splitRows(7))).toEqual([4, 2, 1]); // 4.2, 1.4, 1.4
    expect(sizes(splitRows(11))).toEqual([7, 2, 2]); // 6.6, 2.2, 2.2
    expect(sizes(splitRows(9, { fractions: { train: 0.5, validation: 0.25, test: 0.25 } }))).toEqual([5, 2, 2]);
    expect(sizes(splitRows(5, { fractions: { train: 0.8, validation: 0, test: 0.2 } }))).toEqual([4, 0, 1]);
  });

  it("is deterministic for a seed and differs between seeds", () => {
    const a = splitRows(200, { seed: 42 });
    expect(splitRows(200, { seed: 42 })).toEqual(a);
    expect(Array.from(splitRows(200, { seed: 43 }).train)).not.toEqual(Array.from(a.train));
    const labels = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? "a" : "b"));
    expect(splitRows(labels, { seed: 5 })).toEqual(splitRows(labels, { seed: 5 }));
  });

  it("spreads each label over the parts in proportion, within one row", () => {
    const labels = [...Array(100).fill("A"), ...Array(50).fill("B"), ...Array(10).fill("C")];
    for (const seed of [0, 1, 2]) {
      const s = splitRows(labels, { seed });
      expect(sizes(s)).toEqual([96, 32, 32]);
      expectPartition(s, 160);
      const count = (part: Int32Array, label: string) => Array.from(part).filter((i) => labels[i] === label).length;
      for (const [label, total] of [["A", 100], ["B", 50], ["C", 10]] as const) {
        expect(Math.abs(count(s.train, label) - 0.6 * total)).toBeLessThanOrEqual(1);
        expect(Math.abs(count(s.validation, label) - 0.2 * total)).toBeLessThanOrEqual(1);
        expect(Math.abs(count(s.test, label) - 0.2 * total)).toBeLessThanOrEqual(1);
      }
    }
  });

  it("puts a label's only row, and one of two rows, in train", () => {
    const labels = [...Array(40).fill("common"), "rare", "pair", "pair", null];
    for (let seed = 0; seed < 20; seed++) {
      const train = new Set(splitRows(labels, { seed }).train);
      expect(train.has(40)).toBe(true);
      expect(train.has(41) || train.has(42)).toBe(true);
      expect(train.has(43)).toBe(true); // missing labels are a group of their own
    }
  });

  it("shuffles without labels: a split is not the first rows in order", () => {
    expect(Array.from(splitRows(50, { seed: 0 }).train)).not.toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it("can ignore labels with stratify: false", () => {
    const labels = Array.from({ length: 30 }, (_, i) => i % 2);
    expect(splitRows(labels, { seed: 9, stratify: false })).toEqual(splitRows(30, { seed: 9 }));
  });

  it("rejects fractions that do not sum to 1, negative ones, and empty parts", () => {
    expect(() => splitRows(10, { fractions: { train: 0.5, validation: 0.2, test: 0.2 } })).toThrow(messages.data.fractionsSum(0.9));
    const negative = { train: 1.2, validation: -0.2, test: 0 };
    expect(() => splitRows(10, { fractions: negative })).toThrow(messages.data.negativeFractions(negative));
    expect(() => splitRows(10, { fractions: negative })).toThrow(expect.objectContaining({ code: "bad_option" }));
    expect(() => splitRows(3)).toThrow(messages.data.emptySplitPart("test", 3, 0.2));
    expect(() => splitRows(3)).toThrow(expect.objectContaining({ code: "empty_input" }));
    expect(() => splitRows(4, { fractions: { train: 0, validation: 0.5, test: 0.5 } })).toThrow(messages.data.emptyTrainPart());
    expect(() => splitRows(0)).toThrow(messages.data.splitRowsInput(0));
    expect(() => splitRows(2.5)).toThrow(messages.data.splitRowsInput(2.5));
    expect(() => splitRows(10, { stratify: true })).toThrow(messages.data.stratifyNeedsLabels());
  });

  it("keeps every group in one part, with sizes close to the fractions", () => {
    // 100 groups of 1 to 5 rows (a customer's orders, or copies of one row).
    const groups = Array.from({ length: 100 }, (_, g) => Array(1 + (g % 5)).fill(g)).flat();
    const n = groups.length; // 300
    for (const seed of [0, 1, 2]) {
      const s = splitRows(n, { seed, groups });
      expectPartition(s, n);
      const partOf = new Map<number, string>();
      for (const part of ["train", "validation", "test"] as const) {
        for (const i of s[part]) {
          expect(partOf.get(groups[i]) ?? part).toBe(part);
          partOf.set(groups[i], part);
        }
      }
      // A group moves the cut by at most half its size (≤ 2.5 rows) at each of the two cuts.
      expect(Math.abs(s.train.length - 180)).toBeLessThanOrEqual(3);
      expect(Math.abs(s.test.length - 60)).toBeLessThanOrEqual(3);
    }
  });

  it("with one row per group, is the plain split row for row; stratifies by each group's label", () => {
    const labels = Array.from({ length: 50 }, (_, i) => (i % 5 === 0 ? "rare" : "common"));
    expect(splitRows(50, { seed: 4, groups: Array.from({ length: 50 }, (_, i) => 1000 - i) })).toEqual(splitRows(50, { seed: 4 }));
    expect(splitRows(labels, { seed: 4, groups: Array.from({ length: 50 }, (_, i) => i) })).toEqual(splitRows(labels, { seed: 4 }));
    // 20 pairs of copies, 4 of them "rare": the rare pairs spread 60/20/20, within one pair per part.
    const pairs = Array.from({ length: 40 }, (_, i) => Math.floor(i / 2));
    const pairLabels = pairs.map((g) => (g % 5 === 0 ? "rare" : "common"));
    const s = splitRows(pairLabels, { seed: 1, groups: pairs });
    const rarePairs = (part: Int32Array) => Array.from(part).filter((i) => pairLabels[i] === "rare").length / 2;
    expect(Math.abs(rarePairs(s.train) - 0.6 * 4)).toBeLessThanOrEqual(1);
    expect(Math.abs(rarePairs(s.validation) - 0.2 * 4)).toBeLessThanOrEqual(1);
    expect(Math.abs(rarePairs(s.test) - 0.2 * 4)).toBeLessThanOrEqual(1);
  });

  it("splits out of time: the earliest rows train, the latest test, one time never on two sides", () => {
    const times = [50, 10, 40, 20, 30, 30, 60, 0, 70, 80];
    const s = splitRows(10, { order: times, seed: 3 });
    expect(Array.from(s.train).map((i) => times[i]).sort((a, b) => a - b)).toEqual([0, 10, 20, 30, 30, 40]);
    expect(Array.from(s.validation).map((i) => times[i])).toEqual([50, 60]);
    expect(Array.from(s.test).map((i) => times[i])).toEqual([70, 80]);
    expect(splitRows(10, { order: times, seed: 99 })).toEqual(s); // no randomness
  });

  it("rejects groups of the wrong length, order with groups, a row without a time, and too few groups", () => {
    expect(() => splitRows(4, { groups: [0, 1, 2] })).toThrow(messages.data.splitGroupsLength(3, 4));
    expect(() => splitRows(5, { order: [1, 2, 3, 4, 5], groups: [0, 1, 2, 3, 4] })).toThrow(messages.data.splitOrderWithGroups());
    expect(() => splitRows(5, { order: [1, NaN, 3, 4, 5] })).toThrow(messages.data.splitOrderValue(1, NaN));
    expect(() => splitRows(10, { groups: Array(10).fill(7) })).toThrow(messages.data.emptyGroupedPart("validation", 1));
    expect(() => splitRows(10, { order: [...Array(9).fill(1), 2] })).toThrow(expect.objectContaining({ code: "empty_input" }));
  });
});
