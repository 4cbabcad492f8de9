import { describe, expect, it } from "vitest";
import { rowsOf } from "../../src/data/rows-of.ts";
import { toTable } from "../../src/data/to-table.ts";

describe("rowsOf", () => {
  it("returns new row objects; changing them leaves the table alone", () => {
    const t = toTable({ a: [1, 2], b: ["x", "y"] });
    const rows = rowsOf(t);
    expect(rows).toEqual([{ a: 1, b: "x" }, { a: 2, b: "y" }]);
    rows[0].a = 99;
    expect(t.get("a", 0)).toBe(1);
  });
});
