import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { duplicateJsonKey } from "../../src/data/duplicate-json-key.ts";
import { inferSchema, type ColumnRole } from "../../src/data/infer-schema.ts";
import { loadTable } from "../../src/data/load-table.ts";
import { TableEncoder } from "../../src/data/table-encoder.ts";
import { toTable } from "../../src/data/to-table.ts";
import { encoderToSQL } from "../../src/export/encoder-to-sql.ts";

const dir = mkdtempSync(join(tmpdir(), "understudy-cells-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe("missing markers", () => {
  it("by default read empty, NA, N/A, NaN and null (any case, trimmed) as missing, and \"none\" as a value", () => {
    const schema = inferSchema({ c: ["", " na ", "N/A", "NaN", "NULL", "none", "None", "x"] });
    expect(schema.columns[0].stats).toEqual({ missing: 5, distinct: 3 });
    expect(schema.missing).toEqual(["", "na", "n/a", "nan", "null"]);
  });

  it("are an encoder option, carried in its JSON so a restored encoder and SQL read cells alike", () => {
    const rows = [{ c: "none" }, { c: "?" }, { c: "a" }, { c: "NA" }];
    const enc = new TableEncoder({ roles: { c: "categorical" }, missing: ["?"] }).fit(rows);
    expect(enc.toJSON().missingMarkers).toEqual(["?"]);
    expect(enc.featureNames).toEqual(["c = NA", "c = a", "c = none", "c = (other)", "c is missing"]);
    const copy = TableEncoder.fromJSON(JSON.parse(JSON.stringify(enc.toJSON())));
    const probe = [{ c: " ? " }, { c: "NA" }, { c: "zzz" }];
    expect(copy.transform(probe).toRows()).toEqual([[0, 0, 0, 0, 1], [1, 0, 0, 0, 0], [0, 0, 0, 1, 0]]);
    expect(enc.transform(probe).toRows()).toEqual(copy.transform(probe).toRows());
    const sql = encoderToSQL(enc, { dialect: "duckdb" }).features.find((f) => f.name === "c is missing")!.sql;
    expect(sql).toContain("IN ('?')");
    expect(sql).not.toContain("'na'");
  });

  it("come from the schema when the encoder is given one", () => {
    const rows = [{ c: "a" }, { c: "-" }, { c: "b" }];
    const schema = inferSchema(rows, { missing: ["-"], overrides: { c: "categorical" } });
    const enc = new TableEncoder({ schema }).fit(rows);
    expect(enc.toJSON().missingMarkers).toEqual(["-"]);
    expect(enc.featureNames).toContain("c is missing");
  });

  it("typing CSV columns: a column of numbers with a custom marker becomes numbers", async () => {
    const path = file("marker.csv", "x,y\n1,a\n-,b\n3,c\n");
    expect((await loadTable(path, { missing: ["-"] })).array("x")).toEqual([1, null, 3]);
    expect((await loadTable(path)).array("x")).toEqual(["1", "-", "3"]);
  });

  it("reject a list that is not strings, naming it", () => {
    expect(() => inferSchema([{ a: 1 }], { missing: [3] as unknown as string[] })).toThrow(messages.data.missingMarkers([3]));
  });
});

describe("numeric columns with a few cells that are not numbers", () => {
  it("stay numeric when at least 90% of the present cells are finite numbers, counting the rest", () => {
    const x: unknown[] = Array.from({ length: 20 }, (_, i) => i * 1.5);
    x[3] = "abc";
    x[7] = Infinity;
    const schema = inferSchema({ x });
    expect(schema.columns[0]).toMatchObject({ role: "numeric", stats: { missing: 0, unparsed: 2, unparsedExamples: ["abc", "Infinity"] } });
  });

  it("become categorical when more than 10% are not numbers", () => {
    const x: unknown[] = Array.from({ length: 20 }, (_, i) => i % 4);
    x[1] = "abc";
    x[2] = "abc";
    x[3] = "def";
    expect(inferSchema({ x }).columns[0].role).toBe("categorical");
  });
});

describe("column names", () => {
  it("a CSV header naming a column twice is refused, with the column", async () => {
    const path = file("dup.csv", 'id,"x",x\n1,2,3\n');
    await expect(loadTable(path)).rejects.toThrow(messages.data.duplicateColumn("x", `The header of "${path}"`));
    expect(() => toTable(path)).toThrow(messages.data.duplicateColumn("x", `The header of "${path}"`));
  });

  it("JSON: repeated keys of a row or of the column object are found; nested objects and strings are not columns", () => {
    expect(duplicateJsonKey('[{"a": 1, "b": {"c": 1, "c": 2}}, {"a": 2, "a": 3}]')).toBe("a");
    expect(duplicateJsonKey('[{"a": 1, "b": {"c": 1, "c": 2}}]')).toBeUndefined();
    expect(duplicateJsonKey('[{"a": "x\\",\\"a", "b": 1}]')).toBeUndefined();
    expect(duplicateJsonKey('{"a": [1], "\\u0061": [2]}')).toBe("a");
  });

  it("Object-method names read as ordinary CSV columns", async () => {
    const path = file("methods.csv", "constructor,toString,valueOf\n1,2,3\n4,5,6\n");
    expect((await loadTable(path)).objects()).toEqual([
      { constructor: 1, toString: 2, valueOf: 3 },
      { constructor: 4, toString: 5, valueOf: 6 },
    ]);
  });

  it("an encoder fitted on a column named toString refuses rows without it (not Object's method)", () => {
    const enc = new TableEncoder({ roles: Object.fromEntries([["toString", "numeric"]]) as Record<string, ColumnRole> }).fit([{ toString: 1 }, { toString: 2 }]);
    expect(() => enc.transform([{ other: 1 }])).toThrow(messages.data.encoderColumnMissing("toString", ["toString"]));
  });

  it("\"__proto__\" is refused from rows and column objects", () => {
    const rows = JSON.parse('[{"__proto__": 1, "a": 2}]');
    expect(() => toTable(rows)).toThrow(messages.data.reservedColumnName("__proto__"));
    expect(() => toTable(JSON.parse('{"__proto__": [1], "a": [2]}'))).toThrow(messages.data.reservedColumnName("__proto__"));
  });
});

describe("empty files", () => {
  it("say the file is empty, for CSV, JSON and NDJSON alike", async () => {
    for (const name of ["empty.csv", "empty.json", "empty.ndjson"]) {
      const path = file(name, name.endsWith("csv") ? "" : "  \n");
      await expect(loadTable(path)).rejects.toThrow(messages.data.emptyFile(path));
      await expect(loadTable(path)).rejects.toMatchObject({ code: "empty_input" });
    }
  });
});
