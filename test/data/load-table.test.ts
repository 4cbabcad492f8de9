import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { toArrowIPC } from "arquero";
import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { loadTable } from "../../src/data/load-table.ts";
import { toTable } from "../../src/data/to-table.ts";

const fixture = (name: string) => new URL(`../fixtures/data/${name}`, import.meta.url).pathname;

describe("loadTable", () => {
  it("reads CSV, TSV, JSON and NDJSON fixtures to the same table as toTable", async () => {
    for (const name of ["people.csv", "people.tsv", "people.json", "people.ndjson"]) {
      const t = await loadTable(fixture(name));
      expect(t.objects()).toEqual(toTable(fixture(name)).objects());
    }
  });

  it("reads an Arrow IPC file written by arquero, keeping types and nulls", async () => {
    const source = toTable(fixture("people.csv"));
    const dir = mkdtempSync(`${tmpdir()}/understudy-`);
    for (const ext of ["arrow", "feather"]) {
      const path = `${dir}/people.${ext}`;
      writeFileSync(path, toArrowIPC(source));
      const t = await loadTable(path);
      expect(t.objects()).toEqual(source.objects());
      expect(toTable(path).objects()).toEqual(source.objects());
    }
  });

  it("passes in-memory data to toTable", async () => {
    expect((await loadTable([{ a: 1 }])).objects()).toEqual([{ a: 1 }]);
  });

  it("rejects a missing file and an unsupported extension with clear messages", async () => {
    await expect(loadTable(fixture("absent.json"))).rejects.toThrow(messages.data.fileNotFound(fixture("absent.json"), process.cwd()));
    await expect(loadTable(fixture("absent.json"))).rejects.toMatchObject({ code: "file_not_found" });
    const supported = ".csv, .tsv, .tab, .json, .ndjson, .jsonl, .arrow, .feather, .ipc";
    await expect(loadTable("table.parquet")).rejects.toThrow(messages.data.unsupportedFileType("table.parquet", ".parquet", supported));
    await expect(loadTable("table.parquet")).rejects.toMatchObject({ code: "bad_file" });
  });

  it("rejects an empty CSV file", async () => {
    const path = `${mkdtempSync(`${tmpdir()}/understudy-`)}/empty.csv`;
    writeFileSync(path, "a,b\n");
    await expect(loadTable(path)).rejects.toThrow(messages.data.emptyTable(0, 2));
    await expect(loadTable(path)).rejects.toMatchObject({ code: "empty_input" });
  });
});
