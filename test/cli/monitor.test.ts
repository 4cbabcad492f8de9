import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { creditRows } from "../understudy/credit-rows.ts";
import { runCli } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "understudy-cli-monitor-"));
const csv = (rows: Record<string, unknown>[]) => ["id,income,debt_ratio,region,label", ...rows.map((r) => [r.id, r.income ?? "", r.debt_ratio, r.region, r.label].join(","))].join("\n");
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  writeFileSync(join(dir, "train.csv"), csv(creditRows(400, 1)));
  writeFileSync(join(dir, "same.csv"), csv(creditRows(300, 2)));
  writeFileSync(join(dir, "shifted.csv"), csv(creditRows(300, 3).map((r) => ({ ...r, region: "east" }))));
  const r = await runCli(["distill", "--data", join(dir, "train.csv"), "--task", "Repay?", "--labels", "good,bad", "--target", "label", "--model", "logistic", "--out", join(dir, "m"), "--quiet"]);
  expect(r.code).toBe(0);
}, 120_000);

describe("understudy monitor", () => {
  it("a table of PSI per input column and of the output; exit 0 with no drift", async () => {
    const r = await runCli(["monitor", "--model", join(dir, "m", "model.json"), "--data", join(dir, "same.csv"), "--fail-on-drift"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe("300 rows against the training rows");
    expect(lines[1].split(/\s+/)).toEqual(["input", "PSI", "level"]);
    expect(lines.slice(2, 5).map((l) => l.split(/\s+/)[0]).sort()).toEqual(["debt_ratio", "income", "region"]);
    expect(lines[lines.length - 1]).toBe("No input column drifted (every PSI ≤ 0.25).");
  }, 60_000);

  it("--format json; an unseen level drifts, and --fail-on-drift exits 1", async () => {
    const r = await runCli(["monitor", "--model", join(dir, "m", "model.json"), "--data", join(dir, "shifted.csv"), "--format", "json", "--fail-on-drift"]);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout);
    expect(result.drifted).toEqual(["region"]);
    const region = result.columns.find((c: { column: string }) => c.column === "region");
    expect(region.bins.find((b: { bin: string }) => b.bin === "other").actual).toBe(1);
  }, 60_000);
});
