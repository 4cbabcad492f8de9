import { describe, expect, it } from "vitest";
import { mergeGroups } from "../../src/data/merge-groups.ts";
import { rowGroups } from "../../src/data/row-groups.ts";

describe("rowGroups", () => {
  it("gives rows equal on every named column one group, numbered by first appearance", () => {
    const rows = [
      { a: 1, b: "x", c: "noise 1" },
      { a: 2, b: "x", c: "noise 2" },
      { a: "1", b: "x", c: "noise 3" }, // "1" is the cell value 1
      { a: 2, b: "y", c: "noise 4" },
      { a: 2, b: "x", c: "noise 5" },
    ];
    const g = rowGroups(rows, ["a", "b"]);
    expect(Array.from(g.groups)).toEqual([0, 1, 0, 2, 1]);
    expect(g).toMatchObject({ count: 3, repeats: 2 });
    // Every column read: the noise column makes every row distinct.
    expect(rowGroups(rows, ["a", "b", "c"]).repeats).toBe(0);
  });

  it("treats every missing cell as one value, and dates by their time", () => {
    const rows = [{ a: null, d: new Date("2024-01-01") }, { a: Number.NaN, d: new Date("2024-01-01T00:00:00Z") }, { a: "NA", d: new Date("2024-01-02") }, { a: "n/a!", d: new Date("2024-01-01") }];
    expect(Array.from(rowGroups(rows, ["a", "d"]).groups)).toEqual([0, 0, 1, 2]);
  });

  it("groups by one column's value (one customer, one group)", () => {
    const rows = ["c7", "c2", "c7", "c9", "c2"].map((customer, i) => ({ customer, amount: i }));
    expect(Array.from(rowGroups(rows, ["customer"]).groups)).toEqual([0, 1, 0, 2, 1]);
  });
});

describe("mergeGroups", () => {
  it("links rows that share a group in either grouping, transitively", () => {
    expect(Array.from(mergeGroups([0, 0, 1, 2], [0, 1, 1, 2]))).toEqual([0, 0, 0, 1]);
    expect(Array.from(mergeGroups([5, 6, 7, 8], [1, 2, 1, 3]))).toEqual([0, 1, 0, 2]);
    expect(Array.from(mergeGroups([0, 1, 2], [0, 1, 2]))).toEqual([0, 1, 2]);
  });
});
