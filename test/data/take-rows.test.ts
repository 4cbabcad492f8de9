import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { splitRows } from "../../src/data/split-rows.ts";
import { takeRows } from "../../src/data/take-rows.ts";
import { toTable } from "../../src/data/to-table.ts";

describe("takeRows", () => {
  const t = toTable({ a: [10, 20, 30, 40, 50], b: ["v", "w", "x", "y", "z"] });

  it("returns the given rows in the given order, every column kept", () => {
    expect(takeRows(t, [3, 0, 3]).objects()).toEqual([
      { a: 40, b: "y" },
      { a: 10, b: "v" },
      { a: 40, b: "y" },
    ]);
    expect(takeRows(t, []).numRows()).toBe(0);
  });

  it("turns a split into tables that together hold every row once", () => {
    const { train, validation, test } = splitRows(5, { seed: 4 });
    const parts = [train, validation, test].map((idx) => takeRows(t, idx).array("a") as number[]);
    expect(parts.flat().sort((x, y) => x - y)).toEqual([10, 20, 30, 40, 50]);
  });

  it("follows the table's current filter", () => {
    const filtered = t.filter((d: { a: number }) => d.a > 20);
    expect(takeRows(filtered, [0]).objects()).toEqual([{ a: 30, b: "x" }]);
  });

  it("rejects indices outside the table, naming the index and the range", () => {
    expect(() => takeRows(t, [0, 5])).toThrow(messages.data.rowIndexOutOfRange(5, 1, 5));
    expect(() => takeRows(t, [1.5])).toThrow(messages.data.rowIndexOutOfRange(1.5, 0, 5));
    expect(() => takeRows(t, [-1])).toThrow(expect.objectContaining({ code: "bad_input" }));
  });
});
