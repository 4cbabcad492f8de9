import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { setLogger } from "../../../src/core/logger.ts";
import { distill } from "../../../src/distill.ts";
import { loadInputs } from "../../../src/distill/load-inputs.ts";
import { runEvents } from "../../../src/distill/run-events.ts";

// A small CSV: an id column (never a feature), a number, a category and the gold label.
const dir = mkdtempSync(join(tmpdir(), "understudy-load-"));
const path = join(dir, "loans.csv");
const csv = ["id,income,region,label", ...Array.from({ length: 80 }, (_, i) => `L${i},${1000 + (i % 20) * 37},${["north", "south"][i % 2]},${i % 3 === 0 ? "declined" : "approved"}`)].join("\n");
writeFileSync(path, csv);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("loadInputs (stage 2)", () => {
  it("reads a file, decides the column roles, and records the file's name and SHA-256", async () => {
    const inputs = await loadInputs({ data: path, labels: ["approved", "declined"], target: "label" }, runEvents(undefined));
    expect(inputs.kind).toBe("classification");
    expect(inputs.idColumn).toBe("id");
    expect(inputs.features).toEqual(["income", "region"]);
    expect(inputs.gold!.slice(0, 3)).toEqual(["declined", "approved", "approved"]);
    expect(inputs.source).toEqual({ name: "loans.csv", sha256: createHash("sha256").update(csv).digest("hex") });
  });
});

describe("the reproduce record (stage 8, through distill)", () => {
  it("holds the call with every option given, the command line, and the data file's hash", async () => {
    const restore = setLogger({ warn: () => {}, info: () => {} });
    const command = `understudy distill --data ${path} --labels approved,declined --target label`;
    const u = await distill({ data: path, task: "Approve the loan?", labels: ["approved", "declined"], target: "label", teacher: false, model: "tree", command });
    setLogger(restore);
    expect(u.metadata.source).toBe("loans.csv");
    expect(u.metadata.reproduce).toEqual({
      call: `distill({ data: ${JSON.stringify(path)}, task: "Approve the loan?", labels: ["approved", "declined"], target: "label", teacher: false, model: "tree" })`,
      command,
      source: { name: "loans.csv", sha256: createHash("sha256").update(csv).digest("hex") },
    });
  });
});
