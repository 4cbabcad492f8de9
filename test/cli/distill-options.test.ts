import { execFile } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { repoRoot, runCli, tsxLoader } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "understudy-cli-options-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Loans: default when 100 × debt_ratio − income (+ a seeded wobble) > 0; region holds "NA" and "-" cells.
const regions = ["north", "south", "NA", "-"];
const loanRows = Array.from({ length: 300 }, (_, i) => {
  const income = 10 + ((i * 37) % 91);
  const debt = ((i * 53) % 100) / 100;
  const wobble = ((i * 29) % 31) - 15;
  return { id: i, income, debt_ratio: debt, region: regions[i % 4], customer_id: `c${i % 40}`, outcome: debt * 100 - income + wobble > 0 ? "default" : "paid" };
});
const loans = join(dir, "loans.csv");
writeFileSync(loans, ["id,income,debt_ratio,region,customer_id,outcome", ...loanRows.map((r) => Object.values(r).join(","))].join("\n"));
const base = ["distill", "--data", loans, "--task", "Will it default?", "--target", "outcome", "--quiet"];

/** The saved bundle less the moment it was made (and the metadata hash, which covers it). */
function modelOf(file: string): string {
  const bundle = JSON.parse(readFileSync(file, "utf8"));
  delete bundle.metadata.createdAt;
  delete bundle.hashes.metadata;
  return JSON.stringify(bundle);
}

/** Runs a line in a POSIX shell where `understudy` is this checkout's bin/understudy.js. */
function shell(line: string): Promise<{ code: number; stderr: string }> {
  const bin = join(dir, "bin");
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, "understudy"), `#!/bin/sh\nexec "${process.execPath}" --import "${tsxLoader}" "${join(repoRoot, "bin", "understudy.js")}" "$@"\n`);
  chmodSync(join(bin, "understudy"), 0o755);
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, UNDERSTUDY_CLI_SOURCE: "1", OPENAI_API_KEY: "", OPENAI_BASE_URL: "", UNDERSTUDY_MODEL: "" };
  return new Promise((resolve) => {
    execFile("/bin/sh", ["-c", line], { cwd: dir, env, timeout: 120_000 }, (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }));
  });
}

describe("understudy distill speaks distill()'s decision, split and reading options", () => {
  it("each flag reaches the model, the summary prints the cutoff, and the reproducing command rebuilds it", async () => {
    const out = join(dir, "decided");
    const flags = ["--labels", "default,paid", "--positive", "default", "--class-weight", "balanced", "--costs", "fp=1,fn=5", "--calibrate", "--exportable", "--split-group", "customer_id", "--missing", ",NA", "--no-llm-features"];
    const r = await runCli([...base, ...flags, "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(readFileSync(join(out, "model.json"), "utf8")).metadata;
    expect(m.positive).toBe("default");
    expect(m.cutoff).toMatchObject({ positive: "default", from: "costs", costs: { falsePositive: 1, falseNegative: 5 } });
    expect(m.calibrator).toBeDefined();
    expect(m.split.group).toBe("customer_id");
    // "NA" is missing, "-" a level: one region cell in four.
    expect(m.missingCells).toEqual([{ column: "region", count: loanRows.filter((row) => row.region === "NA").length }]);
    expect(m.modelChoice.reason).toContain("balanced");
    const lines = r.stdout.split("\n");
    expect(lines).toContain(`Cutoff: ${m.cutoff.text}`);
    expect(lines.find((l) => l.startsWith("Model chosen: "))).toBe(`Model chosen: ${m.modelChoice.reason}`);

    const reproduce = lines.find((l) => l.startsWith("Reproduce: "))!.slice("Reproduce: ".length);
    expect(reproduce.split("  # ")[0]).toBe(
      `understudy distill --data ${loans} --task 'Will it default?' --labels default,paid --target outcome --teacher gold --out ${out} ` +
        "--positive default --class-weight balanced --costs fp=1,fn=5 --calibrate --exportable --split-group customer_id --missing ,NA --no-llm-features --seed 0",
    );
    const first = modelOf(join(out, "model.json"));
    rmSync(out, { recursive: true });
    const again = await shell(reproduce);
    expect(again.code, again.stderr).toBe(0);
    expect(modelOf(join(out, "model.json"))).toBe(first);
  }, 240_000);

  it("--target-rate sets the share predicted positive; --split-by splits out of time", async () => {
    const out = join(dir, "rate");
    const r = await runCli([...base, "--labels", "default,paid", "--target-rate", "0.2", "--split-by", "income", "--model", "logistic", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(readFileSync(join(out, "model.json"), "utf8")).metadata;
    expect(m.cutoff).toMatchObject({ positive: "default", from: "targetRate", targetRate: 0.2 });
    expect(m.cutoff.positiveRate).toBeCloseTo(0.2, 1);
    expect(m.split.by).toBe("income");
    expect(r.stdout.split("\n")).toContain(`Cutoff: ${m.cutoff.text}`);
  }, 120_000);
});

describe("flags that contradict each other or the data fail before any work, in flag terms", () => {
  const cases: [string, string[], string, number][] = [
    ["--positive outside --labels", ["--labels", "default,paid", "--positive", "late"], messages.cli.positiveNotALabel("late", ["default", "paid"]), 1],
    ["--positive without --labels", ["--positive", "late"], messages.cli.positiveNotALabel("late", undefined), 1],
    ["--costs with three labels", ["--labels", "default,paid,late", "--costs", "fp=1,fn=5"], messages.cli.cutoffNeedsTwoLabels("--costs", ["default", "paid", "late"]), 1],
    ["--costs and --target-rate", ["--labels", "default,paid", "--costs", "fp=1,fn=5", "--target-rate", "0.1"], messages.cli.costsAndTargetRate(), 1],
    ["--class-weight with k-NN", ["--labels", "default,paid", "--class-weight", "balanced", "--model", "knn"], messages.cli.classWeightKnn(), 1],
    ["--calibrate for regression", ["--calibrate"], messages.cli.needsLabels("--calibrate", "calibrates class probabilities"), 1],
    ["--split-by and --split-group", ["--labels", "default,paid", "--split-by", "income", "--split-group", "customer_id"], messages.cli.splitByAndGroup("income", "customer_id"), 1],
    ["--exportable with k-NN", ["--labels", "default,paid", "--exportable", "--model", "knn"], messages.cli.exportableKnn(), 1],
    [
      "--split-group naming no column",
      ["--labels", "default,paid", "--split-group", "customer"],
      messages.cli.noSuchColumn("--split-group", "customer", loans, ["id", "income", "debt_ratio", "region", "customer_id", "outcome"], "customer_id"),
      1,
    ],
    [
      "--monotone naming no column",
      ["--labels", "default,paid", "--monotone", "incom:increasing"],
      messages.cli.noSuchColumn("--monotone", "incom", loans, ["id", "income", "debt_ratio", "region", "customer_id", "outcome"], "income"),
      1,
    ],
    ["--costs not in fp=,fn= form", ["--labels", "default,paid", "--costs", "5"], messages.cli.badValue("distill", "--costs", "fp=<cost>,fn=<cost>, two numbers ≥ 0, not both 0 (e.g. fp=1,fn=5)", "5"), 2],
    ["--target-rate of 1", ["--labels", "default,paid", "--target-rate", "1"], messages.cli.badValue("distill", "--target-rate", "a number > 0 and < 1", "1"), 2],
    [
      "--monotone without a direction",
      ["--labels", "default,paid", "--monotone", "income:up"],
      messages.cli.badValue("distill", "--monotone", "col:increasing or col:decreasing, comma-separated (e.g. income:increasing,debt_ratio:decreasing)", "income:up"),
      2,
    ],
    ["--split shares that do not sum to 1", ["--labels", "default,paid", "--split", "0.5,0.2,0.2"], messages.cli.badValue("distill", "--split", "three shares above 0 that sum to 1, train,validation,test (e.g. 0.7,0.15,0.15)", "0.5,0.2,0.2"), 2],
  ];
  it.each(cases)("%s", async (_name, args, message, code) => {
    const r = await runCli([...base, ...args, "--out", join(dir, "never")]);
    expect(r.code).toBe(code);
    expect(r.errorLines).toEqual([`understudy: ${message}`]);
  });
});
