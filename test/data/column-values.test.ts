import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { columnValues } from "../../src/data/column-values.ts";
import { toTable } from "../../src/data/to-table.ts";

describe("columnValues", () => {
  it("returns a new plain array that follows the table's filter", () => {
    const source = [1, 2, 3, 4];
    const t = toTable({ a: source, b: ["w", "x", "y", "z"] });
    const values = columnValues(t, "b");
    expect(values).toEqual(["w", "x", "y", "z"]);
    values[0] = "changed";
    expect(t.get("b", 0)).toBe("w");
    expect(columnValues(t.filter((d: { a: number }) => d.a > 2), "a")).toEqual([3, 4]);
  });

  it("names the missing column and the available ones", () => {
    expect(() => columnValues(toTable({ a: [1], b: [2] }), "c")).toThrow(messages.data.noSuchColumn("c", ["a", "b"]));
    expect(() => columnValues(toTable({ a: [1] }), "c")).toThrow(expect.objectContaining({ code: "unknown_column" }));
  });
});
