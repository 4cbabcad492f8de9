import { existsSync } from "node:fs";
import { table } from "arquero";
import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { UnderstudyError } from "../../src/core/errors.ts";
import { toTable } from "../../src/data/to-table.ts";

const fixture = (name: string) => new URL(`../fixtures/data/${name}`, import.meta.url).pathname;

/** What every people.* fixture holds, typed as the loaders promise. */
const PEOPLE = {
  id: [1, 2, 3, 4, 5, 6, 7, 8],
  age: [41, null, 29, 35, 52, 47, null, 38],
  income: [52000.5, 61000, null, 48000, 75000, 58000, 39000, 66000],
  member: ["yes", "no", "yes", "no", "yes", "yes", "no", "no"],
  zip: ["02134", "02139", "02134", "10001", "02139", "10001", "02134", "02139"],
  city: ["Oslo", "Lima", "Oslo", "Rome", "Oslo", "Lima", "Rome", "Oslo"],
};

function catchError(f: () => unknown): UnderstudyError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UnderstudyError);
    return e as UnderstudyError;
  }
  throw new Error("expected an UnderstudyError");
}

describe("toTable from memory", () => {
  it("turns row objects into columns, taking the union of keys and leaving the rows alone", () => {
    const rows = [{ a: 1, b: "x" }, { a: 2, c: true }];
    const copy = structuredClone(rows);
    const t = toTable(rows);
    expect(t.columnNames()).toEqual(["a", "b", "c"]);
    expect(t.objects()).toEqual([{ a: 1, b: "x", c: null }, { a: 2, b: null, c: true }]);
    expect(rows).toEqual(copy);
  });

  it("turns a column object into a table", () => {
    const t = toTable({ a: [1, 2, 3], b: new Float64Array([4, 5, 6]) });
    expect(t.numRows()).toBe(3);
    expect(Array.from(t.array("b") as ArrayLike<number>)).toEqual([4, 5, 6]);
  });

  it("returns an arquero table as it is", () => {
    const t = table({ a: [1] });
    expect(toTable(t)).toBe(t);
  });

  it("rejects empty data, naming it", () => {
    expect(catchError(() => toTable([])).message).toBe(messages.data.emptyTable(0, 0));
    expect(catchError(() => toTable({ a: [] })).message).toBe(messages.data.emptyTable(0, 1));
    expect(catchError(() => toTable({})).message).toBe(messages.data.noColumns());
    expect(catchError(() => toTable({})).code).toBe("empty_input");
    expect(catchError(() => toTable(table({ a: [] }))).code).toBe("empty_input");
  });

  it("accepts an empty table when allowEmpty is set", () => {
    expect(toTable([], { allowEmpty: true }).numRows()).toBe(0);
  });

  it("rejects ragged column objects, naming both columns and their lengths", () => {
    const e = catchError(() => toTable({ a: [1, 2, 3], b: [1, 2] }));
    expect(e.code).toBe("length_mismatch");
    expect(e.message).toBe(messages.data.raggedColumns("a", 3, "b", 2));
  });

  it("rejects rows that are not objects and columns that are not arrays", () => {
    expect(catchError(() => toTable([{ a: 1 }, 5] as object[])).message).toBe(messages.data.rowNotObject(1, "a number"));
    expect(catchError(() => toTable({ a: 5 } as unknown as Record<string, number[]>)).message).toBe(
      messages.data.columnNotArray("a", "a number"),
    );
    expect(catchError(() => toTable(42 as unknown as string)).code).toBe("bad_input");
  });
});

describe("toTable from files", () => {
  for (const name of ["people.csv", "people.tsv", "people.json", "people.ndjson"]) {
    it(`reads ${name} with numbers, nulls and codes as in the file`, () => {
      const t = toTable(fixture(name));
      expect(t.numRows()).toBe(8);
      expect(t.columnNames()).toEqual(["id", "name", "age", "income", "member", "zip", "city", "bio"]);
      for (const [column, values] of Object.entries(PEOPLE)) expect(t.array(column)).toEqual(values);
      expect(t.get("bio", 0)).toBe("Loves long walks, reading novels and gardening");
    });
  }

  it("reads a column-object JSON file", async () => {
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = `${mkdtempSync(`${tmpdir()}/understudy-`)}/cols.json`;
    writeFileSync(path, JSON.stringify({ a: [1, 2], b: ["x", null] }));
    expect(toTable(path).objects()).toEqual([{ a: 1, b: "x" }, { a: 2, b: null }]);
  });

  it("names the extension and the supported ones for an unsupported file type", () => {
    const e = catchError(() => toTable("data/sales.xlsx"));
    expect(e.code).toBe("bad_file");
    expect(e.message).toBe(
      messages.data.unsupportedFileType("data/sales.xlsx", ".xlsx", ".csv, .tsv, .tab, .json, .ndjson, .jsonl, .arrow, .feather, .ipc"),
    );
  });

  it("says a file does not exist, with its path", () => {
    const path = fixture("no-such-file.csv");
    expect(existsSync(path)).toBe(false);
    const e = catchError(() => toTable(path));
    expect(e.code).toBe("file_not_found");
    expect(e.message).toBe(messages.data.fileNotFound(path, process.cwd()));
  });

  it("reports unparsable JSON with the file and format", async () => {
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = `${mkdtempSync(`${tmpdir()}/understudy-`)}/broken.json`;
    writeFileSync(path, "[{ not json");
    const e = catchError(() => toTable(path));
    expect(e.code).toBe("bad_file");
    expect(e.message).toBe(messages.data.unparsableFile(path, "json", (e.cause as Error).message));
  });

  it("takes the format from options when the extension does not say it", async () => {
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = `${mkdtempSync(`${tmpdir()}/understudy-`)}/export.txt`;
    writeFileSync(path, "a;b\n1;2\n".replaceAll(";", "\t"));
    expect(toTable(path, { format: "tsv" }).objects()).toEqual([{ a: 1, b: 2 }]);
  });
});
