import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "understudy-cli-errors-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The contract for every failure: one line on stderr, `understudy: ...`, no stack trace. */
function expectOneLine(r: { errorLines: string[] }, pattern: RegExp): void {
  expect(r.errorLines).toHaveLength(1);
  expect(r.errorLines[0]).toMatch(/^understudy: /);
  expect(r.errorLines[0]).toMatch(pattern);
}

describe("usage errors exit 2 with one line", () => {
  it("an unknown command names the commands there are", async () => {
    const r = await runCli(["distil"]);
    expect(r.code).toBe(2);
    expectOneLine(r, /unknown command "distil"; the commands are demo, distill, predict, report, sql, bench/);
  });

  it("an unknown option points at --help", async () => {
    const r = await runCli(["predict", "--modle", "m.json"]);
    expect(r.code).toBe(2);
    expectOneLine(r, /predict: Unknown option '--modle'; see `understudy predict --help`/);
  });

  it("a missing required option names it", async () => {
    const r = await runCli(["distill", "--data", "x.csv"]);
    expect(r.code).toBe(2);
    expectOneLine(r, /distill: --task is required/);
  });

  it("a malformed number names the option and the value", async () => {
    const r = await runCli(["distill", "--data", "x.csv", "--task", "t", "--seed", "1.5"]);
    expect(r.code).toBe(2);
    expectOneLine(r, /--seed must be a whole number, got "1\.5"/);
  });

  it("a value outside its choices lists them", async () => {
    const r = await runCli(["sql", "--model", "m.json", "--table", "t", "--dialect", "oracle"]);
    expect(r.code).toBe(2);
    expectOneLine(r, /--dialect must be one of duckdb, sqlite, postgres, bigquery, spark, got "oracle"/);
  });
});

describe("bad input exits 1 with one line", () => {
  it("a data file that does not exist", async () => {
    const r = await runCli(["distill", "--data", join(dir, "nope.csv"), "--task", "Spam?", "--labels", "spam,ham", "--target", "label"]);
    expect(r.code).toBe(1);
    expectOneLine(r, /nope\.csv/);
    expect(r.stdout).not.toContain("Wrote");
  });

  it("a model file that is not JSON names the file", async () => {
    const bad = join(dir, "model.json");
    writeFileSync(bad, "not json");
    const r = await runCli(["sql", "--model", bad, "--table", "t"]);
    expect(r.code).toBe(1);
    expectOneLine(r, /model\.json is not JSON/);
  });

  it("JSON that is not a model bundle", async () => {
    const bad = join(dir, "other.json");
    writeFileSync(bad, JSON.stringify({ hello: "world" }));
    const r = await runCli(["report", "--model", bad]);
    expect(r.code).toBe(1);
    expectOneLine(r, /other\.json: /);
  });

  it("--verbose adds the stack trace", async () => {
    const r = await runCli(["predict", "--model", join(dir, "missing.json"), "--data", "x.csv", "--verbose"]);
    expect(r.code).toBe(1);
    expect(r.errorLines[0]).toMatch(/^understudy: cannot read the model file .*missing\.json \(no such file\)/);
    expect(r.stderr).toMatch(/\n\s+at .*read-understudy\.ts/);
  });

  it("bench with no LLM configured says what it needs", async () => {
    const r = await runCli(["bench", "--model", join(dir, "model.json"), "--data", "x.csv"]);
    expect(r.code).toBe(1);
    expectOneLine(r, /bench compares the small model with an LLM, and none is configured: set OPENAI_API_KEY .*UNDERSTUDY_MODEL/);
  });
});
