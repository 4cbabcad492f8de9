import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { loadTable } from "../../src/data/load-table.ts";
import { readBigFile } from "../../src/data/read-big-file.ts";
import { rowsOf } from "../../src/data/rows-of.ts";
import { loadInputs } from "../../src/distill/load-inputs.ts";
import { runEvents } from "../../src/distill/run-events.ts";

const dir = mkdtempSync(join(tmpdir(), "understudy-big-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 5,000 rows; `twice` = 2·id, so a row that comes back whole keeps the pair.
const N = 5000;
const csv = join(dir, "rows.csv");
writeFileSync(csv, ["id,twice,zip,kind,label", ...Array.from({ length: N }, (_, i) => `${i},${2 * i},0${i % 10}123,${["a", "b", "c"][i % 3]},${i % 2 ? "yes" : "no"}`)].join("\n") + "\n");

describe("readBigFile", () => {
  it("reads every row as the in-memory reader does when no sample is asked", async () => {
    const big = await readBigFile(csv);
    const small = await loadTable(csv);
    expect(big.columnNames()).toEqual(small.columnNames());
    expect(rowsOf(big)).toEqual(rowsOf(small));
    // zip codes with a leading zero stay text, as in toTable
    expect(rowsOf(big)[1].zip).toBe("01123");
  });

  it("draws a seeded sample of whole rows from the whole file, in file order", async () => {
    const a = rowsOf(await readBigFile(csv, { sample: 500, seed: 7 }));
    const again = rowsOf(await readBigFile(csv, { sample: 500, seed: 7 }));
    const other = rowsOf(await readBigFile(csv, { sample: 500, seed: 8 }));
    expect(a).toHaveLength(500);
    expect(again).toEqual(a);
    expect(other.map((r) => r.id)).not.toEqual(a.map((r) => r.id));
    const ids = a.map((r) => r.id as number);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    for (const r of a) expect(r.twice).toBe(2 * (r.id as number));
    // Not the first rows: the sample reaches the end of the file, and each fifth of it holds about a fifth (100 ± 40).
    expect(Math.max(...ids)).toBeGreaterThan(4500);
    for (let q = 0; q < 5; q++) {
      const inFifth = ids.filter((id) => id >= q * 1000 && id < (q + 1) * 1000).length;
      expect(inFifth).toBeGreaterThan(60);
      expect(inFifth).toBeLessThan(140);
    }
  });

  it("picks the rows whose hash of (row number, seed) is smallest, as the documented rule ranks whole rows", async () => {
    // The rule computed the direct way: every row of the file numbered, ranked by hash, the first 500 kept.
    const instance = await DuckDBInstance.create(":memory:");
    const con = await instance.connect();
    const expected = (await con.runAndReadAll(`SELECT id FROM (SELECT *, row_number() OVER () AS r FROM read_csv('${csv}'))
      ORDER BY hash(r, 7::BIGINT), r LIMIT 500`)).getColumnsJS()[0].map(Number).sort((x, y) => x - y);
    con.closeSync();
    instance.closeSync();
    expect(rowsOf(await readBigFile(csv, { sample: 500, seed: 7 })).map((r) => r.id)).toEqual(expected);
  });

  it("picks the same rule's rows when the file has far more lines than rows (quoted line breaks)", async () => {
    // Each row's note spans 21 lines, so a row count guessed from lines is 21× too high and the
    // one-pass read keeps too few rows: the exact count-then-pick read must follow.
    const path = join(dir, "notes.csv");
    const note = `"${Array.from({ length: 21 }, (_, k) => `line ${k}`).join("\n")}"`;
    writeFileSync(path, ["id,note", ...Array.from({ length: 2000 }, (_, i) => `${i},${note}`)].join("\n") + "\n");
    const instance = await DuckDBInstance.create(":memory:");
    const con = await instance.connect();
    const expected = (await con.runAndReadAll(`SELECT id FROM (SELECT *, row_number() OVER () AS r FROM read_csv('${path}'))
      ORDER BY hash(r, 3::BIGINT), r LIMIT 500`)).getColumnsJS()[0].map(Number).sort((x, y) => x - y);
    con.closeSync();
    instance.closeSync();
    const rows = rowsOf(await readBigFile(path, { sample: 500, seed: 3 }));
    expect(rows.map((r) => r.id)).toEqual(expected);
    expect(rows[0].note).toBe(note.slice(1, -1));
  });

  it("returns every row when the sample is larger than the file", async () => {
    expect((await readBigFile(csv, { sample: N + 10 })).numRows()).toBe(N);
  });

  it("samples the same rows from the file as CSV and as Parquet", async () => {
    const parquet = join(dir, "rows.parquet");
    const instance = await DuckDBInstance.create(":memory:");
    const con = await instance.connect();
    await con.run(`COPY (SELECT * FROM read_csv('${csv}')) TO '${parquet}' (FORMAT parquet)`);
    con.closeSync();
    instance.closeSync();
    const fromParquet = rowsOf(await readBigFile(parquet, { sample: 300, seed: 3 }));
    const fromCsv = rowsOf(await readBigFile(csv, { sample: 300, seed: 3 }));
    expect(fromParquet.map((r) => r.id)).toEqual(fromCsv.map((r) => r.id));
    expect(typeof fromParquet[0].id).toBe("number");
  });

  it("refuses a header that names a column twice", async () => {
    const path = join(dir, "dup.csv");
    writeFileSync(path, "id,x,x\n1,2,3\n2,3,4\n");
    await expect(readBigFile(path)).rejects.toThrow(messages.data.duplicateColumn("x", `The header of "${path}"`));
  });

  it("keeps header names that differ only in case apart, as in memory (DuckDB alone would rename one)", async () => {
    const path = join(dir, "case.csv");
    writeFileSync(path, "id,X,x\n1,2,3\n2,3,4\n");
    const big = await readBigFile(path);
    expect(big.columnNames()).toEqual(["id", "X", "x"]);
    expect(rowsOf(big)).toEqual(rowsOf(await loadTable(path)));
  });

  it("refuses a JSON row with a key twice, in any row, with the in-memory reader's message", async () => {
    const rows = Array.from({ length: 30000 }, (_, i) => (i === 25000 ? `{"a":${i},"b":1,"a":2}` : `{"a":${i},"b":1}`));
    const ndjson = join(dir, "dup.ndjson");
    writeFileSync(ndjson, rows.join("\n") + "\n");
    const array = join(dir, "dup.json");
    writeFileSync(array, `[${rows.join(",")}]`);
    for (const path of [ndjson, array]) {
      const small = loadTable(path).catch((e: unknown) => e);
      await expect(readBigFile(path, { sample: 100 })).rejects.toMatchObject({ code: "duplicate_column", message: messages.data.duplicateColumn("a", `"${path}"`) });
      expect(await small).toMatchObject({ code: "duplicate_column", message: messages.data.duplicateColumn("a", `"${path}"`) });
    }
  });

  it("refuses JSON keys that differ only in case, which DuckDB cannot keep apart", async () => {
    const path = join(dir, "case.ndjson");
    writeFileSync(path, '{"id":1,"Amount":2}\n{"id":2,"Amount":3,"amount":4}\n');
    await expect(readBigFile(path)).rejects.toMatchObject({ code: "duplicate_column", message: messages.data.caseOnlyColumns("Amount", "amount", `"${path}"`) });
  });

  it("reads JSON rows as the in-memory reader does", async () => {
    const path = join(dir, "rows.ndjson");
    writeFileSync(path, '{"id":1,"name":"a","score":2.5}\n{"id":2,"name":"b","score":null}\n{"id":3,"name":"c","score":4}\n');
    expect(rowsOf(await readBigFile(path))).toEqual(rowsOf(await loadTable(path)));
  });

  it("reads the caller's missing markers as missing", async () => {
    const path = join(dir, "markers.csv");
    writeFileSync(path, "id,x\n1,2.5\n2,-\n3,\n4,4\n");
    expect(rowsOf(await readBigFile(path, { missing: ["-", ""] })).map((r) => r.x)).toEqual([2.5, null, null, 4]);
    // With only "-" a marker, the empty cell is a value and the column stays text.
    expect(rowsOf(await readBigFile(path, { missing: ["-"] })).map((r) => r.x)).toEqual(["2.5", "-", "", "4"]);
  });

  it("names a file that does not exist", async () => {
    await expect(readBigFile(join(dir, "nope.csv"))).rejects.toMatchObject({ code: "file_not_found" });
  });
});

describe("loadInputs with a sample", () => {
  it("warns about stray text in a numeric column and reads it as missing, as for small files", async () => {
    const path = join(dir, "stray.csv");
    const lines = Array.from({ length: 400 }, (_, i) => `${i},${i === 5 ? "abc" : (i % 17) / 2},${i % 2 ? "yes" : "no"}`);
    writeFileSync(path, ["id,x,label", ...lines].join("\n") + "\n");
    const events = runEvents(undefined);
    const inputs = await loadInputs({ data: path, sample: 400, labels: ["yes", "no"], target: "label", seed: 0 }, events);
    expect(inputs.rows).toHaveLength(400);
    expect(events.warnings).toContain(messages.data.unparsedNumbers("x", 1, ["abc"]));
    expect(inputs.missingCells).toEqual([{ column: "x", count: 1 }]);
    expect(inputs.source?.name).toBe("stray.csv");
  });
});
