import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { inferSchema, type Schema } from "../../src/data/infer-schema.ts";

const fixture = (name: string) => new URL(`../fixtures/data/${name}`, import.meta.url).pathname;

// Eight hand-made rows; the expected role of each column is stated next to it.
const ROWS = [
  { id: 101, sku: "A-17", age: "41", member: "yes", color: "red", size: 1.5, comment: "Arrived late and the box was badly damaged", flag: "x", empty: null },
  { id: 102, sku: "B-02", age: "NA", member: "no", color: "blue", size: 2.25, comment: "Great product, would happily buy it again", flag: "x", empty: "" },
  { id: 103, sku: "C-33", age: "29", member: "Yes", color: "red", size: 3, comment: "Works as described but the manual is confusing", flag: "x", empty: "NA" },
  { id: 104, sku: "D-41", age: " 35 ", member: "NO", color: "red", size: 0.5, comment: "Stopped working after two weeks of light use", flag: "x", empty: null },
  { id: 105, sku: "E-05", age: "", member: "yes", color: "green", size: 7, comment: "Exactly what I needed for my small kitchen", flag: "x", empty: null },
  { id: 106, sku: "F-66", age: "52", member: null, color: "blue", size: 4.75, comment: "The colour is not the one shown in the photos", flag: "x", empty: null },
  { id: 107, sku: "G-70", age: "38", member: "no", color: null, size: 9.25, comment: "Cheap, flimsy, and it broke the first time", flag: "x", empty: null },
  { id: 108, sku: "H-08", age: "47.5", member: "yes", color: "red", size: 1.25, comment: "Fine for the price; delivery was quick too", flag: "x", empty: null },
];

function byName(schema: Schema) {
  return Object.fromEntries(schema.columns.map((c) => [c.name, c]));
}

describe("inferSchema", () => {
  it("gives each column of a hand-made table its role, with a reason and counts", () => {
    const s = byName(inferSchema(ROWS));
    expect(s.id.role).toBe("id"); // integers 101..108, unique per row
    expect(s.id.reason).toMatch(/unique per row/);
    expect(s.sku.role).toBe("id"); // string codes, unique per row
    expect(s.sku.reason).toBe("unique per row: id-like");
    expect(s.age.role).toBe("numeric"); // numeric strings with "NA" and "" as missing
    expect(s.age.stats).toEqual({ missing: 2, distinct: 6 });
    expect(s.age.valueType).toBe("number");
    expect(s.member.role).toBe("boolean"); // yes/no in any case, one missing
    expect(s.member.stats).toEqual({ missing: 1, distinct: 2 }); // "Yes" counts as "yes"
    expect(s.color.role).toBe("categorical");
    expect(s.color.stats).toEqual({ missing: 1, distinct: 3 });
    expect(s.size.role).toBe("numeric"); // unique per row but not integers: a measurement
    expect(s.comment.role).toBe("text");
    expect(s.comment.reason).toMatch(/long strings/);
    expect(s.flag.role).toBe("ignore");
    expect(s.flag.reason).toMatch(/constant/);
    expect(s.empty.role).toBe("ignore");
    expect(s.empty.stats.missing).toBe(8);
  });

  it("returns plain JSON in table order", () => {
    const schema = inferSchema(ROWS);
    expect(schema.nRows).toBe(8);
    expect(schema.columns.map((c) => c.name)).toEqual(Object.keys(ROWS[0]));
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it("lets overrides, target and text win over inference", () => {
    const s = byName(
      inferSchema(ROWS, { overrides: { id: "categorical", flag: "numeric" }, target: "member", text: ["sku"] }),
    );
    expect(s.id.role).toBe("categorical");
    expect(s.id.reason).toBe("set by the caller (categorical)");
    expect(s.flag.role).toBe("numeric");
    expect(s.member.role).toBe("target");
    expect(s.sku.role).toBe("text");
    expect(s.sku.reason).toBe("named as a text column");
  });

  it("treats integers as ids only when consecutive or increasing", () => {
    const s = byName(
      inferSchema({
        shuffled: [5, 3, 1, 2, 4], // consecutive in any order: id
        increasing: [10, 20, 35, 36, 90], // gaps but increasing in row order: id
        counts: [12, 7, 300, 41, 5], // unique integers in no order: numeric
        repeated: [1, 1, 2, 3, 4], // not unique: numeric
      }),
    );
    expect([s.shuffled.role, s.increasing.role, s.counts.role, s.repeated.role]).toEqual([
      "id",
      "id",
      "numeric",
      "numeric",
    ]);
  });

  it("reads numbers with leading zeros as codes, and multi-word short strings as text", () => {
    const s = byName(
      inferSchema({
        zip: ["02134", "02139", "02134", "10001", "10001"],
        title: ["red shirt for men", "blue cotton dress", "red shirt for men", "old wool hat", "new rain coat"],
      }),
    );
    expect(s.zip.role).toBe("categorical");
    expect(s.zip.reason).toMatch(/leading zeros/);
    expect(s.title.role).toBe("text");
    expect(s.title.reason).toMatch(/multi-word/);
  });

  it("reads bigints as numbers, ignores dates, and counts 1 and \"1\" once in mixed columns", () => {
    const s = byName(
      inferSchema({
        big: [1n, 2n, 2n, 5n],
        when: [new Date(0), new Date(1000), new Date(0), null],
        mixed: [1, "1", "a", "b"],
      }),
    );
    expect([s.big.role, s.big.valueType, s.big.stats.distinct]).toEqual(["numeric", "number", 3]);
    expect([s.when.role, s.when.stats]).toEqual(["ignore", { missing: 1, distinct: 2 }]);
    expect(s.when.reason).toMatch(/dates/);
    expect([s.mixed.role, s.mixed.valueType, s.mixed.stats.distinct]).toEqual(["categorical", "mixed", 3]);
  });

  it("counts near-unique columns as ids when idThreshold allows", () => {
    const data = { code: ["a", "b", "c", "d", "e", "f", "g", "h", "i", "i"] };
    expect(inferSchema(data).columns[0].role).toBe("categorical");
    expect(inferSchema(data, { idThreshold: 0.9 }).columns[0].role).toBe("id");
  });

  it("infers the people.csv fixture as its columns mean", () => {
    const roles = Object.fromEntries(inferSchema(fixture("people.csv")).columns.map((c) => [c.name, c.role]));
    expect(roles).toEqual({
      id: "id",
      name: "id",
      age: "numeric",
      income: "numeric",
      member: "boolean",
      zip: "categorical",
      city: "categorical",
      bio: "text",
    });
  });

  it("rejects unknown columns, roles and thresholds with messages that name them", () => {
    const columns = ["id", "sku", "age", "member", "color", "size", "comment", "flag", "empty"];
    expect(() => inferSchema(ROWS, { overrides: { zipcode: "categorical" } })).toThrow(
      messages.data.optionNamesUnknownColumn("overrides", "zipcode", columns),
    );
    expect(() => inferSchema(ROWS, { target: "label" })).toThrow(messages.data.optionNamesUnknownColumn("target", "label", columns));
    expect(() => inferSchema(ROWS, { text: "body" })).toThrow(messages.data.optionNamesUnknownColumn("text", "body", columns));
    expect(() => inferSchema(ROWS, { overrides: { id: "key" as never } })).toThrow(
      messages.data.unknownRole("id", "key", ["numeric", "categorical", "boolean", "text", "id", "target", "ignore"]),
    );
    expect(() => inferSchema(ROWS, { idThreshold: 1.5 })).toThrow(messages.data.idThreshold(1.5));
    expect(() => inferSchema(ROWS, { idThreshold: 0 })).toThrow(expect.objectContaining({ code: "bad_option" }));
  });
});
