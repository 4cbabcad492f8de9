import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { runCli } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "understudy-cli-errors-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const commands = ["demo", "distill", "predict", "report", "sql", "bench", "monitor", "score", "label"];

/** The contract for every failure: exactly this one line on stderr, no stack trace. */
function expectOneLine(r: { errorLines: string[]; stderr: string }, message: string): void {
  expect(r.errorLines).toEqual([`understudy: ${message}`]);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

// Loan rows: approve when income − 1.5 × debt > 40 (the labels only need to be consistent here).
const loans = join(dir, "loans.csv");
writeFileSync(loans, ["id,income,debt,region,label", ...Array.from({ length: 120 }, (_, i) => {
  const income = 20 + ((i * 37) % 130);
  const debt = (i * 13) % 60;
  return `L${i},${income},${debt},${["north", "south", "east"][i % 3]},${income - 1.5 * debt > 40 ? "approve" : "deny"}`;
})].join("\n"));
const columns = ["id", "income", "debt", "region", "label"];
const distillArgs = ["distill", "--data", loans, "--task", "Approve?", "--quiet", "--out", join(dir, "never")];

describe("usage errors exit 2 with one line, naming the nearest flag or command", () => {
  it("an unknown command suggests the nearest one", async () => {
    const r = await runCli(["distil"]);
    expect(r.code).toBe(2);
    expectOneLine(r, messages.cli.unknownCommand("distil", "distill", commands));
    expect(r.errorLines[0]).toBe('understudy: unknown command "distil"; did you mean distill? (the commands are demo, distill, predict, report, sql, bench, monitor, score, label)');
  });

  it("an unknown command far from every name lists them", async () => {
    const r = await runCli(["frobnicate"]);
    expect(r.code).toBe(2);
    expectOneLine(r, messages.cli.unknownCommand("frobnicate", undefined, commands));
  });

  it("an unknown flag suggests the nearest one (a swap of two letters is one edit)", async () => {
    const r = await runCli(["distill", "--data", "x.csv", "--task", "t", "--lables", "spam,ham"]);
    expect(r.code).toBe(2);
    expect(r.errorLines).toEqual(["understudy: distill: unknown flag --lables; did you mean --labels?"]);
    const p = await runCli(["predict", "--modle", "m.json"]);
    expectOneLine(p, messages.cli.unknownFlag("predict", "--modle", "--model"));
  });

  it("a stray argument, a flag with no value, a missing required flag", async () => {
    expectOneLine(await runCli(["predict", "m.json"]), messages.cli.unexpectedArgument("predict", "m.json"));
    expectOneLine(await runCli(["sql", "--table", "t", "--model"]), messages.cli.missingValue("sql", "--model", "model.json"));
    expectOneLine(await runCli(["sql", "--model", "--table", "t"]), messages.cli.missingValue("sql", "--model", "model.json"));
    const r = await runCli(["distill", "--data", "x.csv"]);
    expect(r.code).toBe(2);
    expectOneLine(r, messages.cli.requiredFlag("distill", "--task", "the task in one sentence, as the teacher is asked it"));
  });

  it("a malformed number names the flag and the value", async () => {
    const r = await runCli(["distill", "--data", "x.csv", "--task", "t", "--seed", "1.5"]);
    expect(r.code).toBe(2);
    expectOneLine(r, messages.cli.badValue("distill", "--seed", "a whole number", "1.5"));
  });

  it("a value outside its choices lists them", async () => {
    const r = await runCli(["sql", "--model", "m.json", "--table", "t", "--dialect=oracle"]);
    expect(r.code).toBe(2);
    expectOneLine(r, messages.cli.badValue("sql", "--dialect", "one of duckdb, sqlite, postgres, bigquery, spark", "oracle"));
  });
});

describe("bad input exits 1 with one line in flag terms", () => {
  it("a data file that does not exist", async () => {
    const missing = join(dir, "nope.csv");
    const r = await runCli(["distill", "--data", missing, "--task", "Spam?", "--labels", "spam,ham", "--target", "label"]);
    expect(r.code).toBe(1);
    expectOneLine(r, messages.cli.dataNotFound(missing));
    expect(r.stdout).toBe("");
  });

  it("a --target that is not a column names the nearest column", async () => {
    const r = await runCli([...distillArgs, "--labels", "approve,deny", "--target", "lable"]);
    expect(r.code).toBe(1);
    expectOneLine(r, messages.cli.noSuchColumn("--target", "lable", loans, columns, "label"));
  });

  it("a --features column that is not there", async () => {
    const r = await runCli([...distillArgs, "--labels", "approve,deny", "--target", "label", "--features", "income,salary"]);
    expectOneLine(r, messages.cli.noSuchColumn("--features", "salary", loans, columns, undefined));
  });

  it("a --target of classes without --labels says which --labels to pass", async () => {
    const r = await runCli([...distillArgs, "--target", "label"]);
    expect(r.code).toBe(1);
    // The classes in the order the column first shows them (row L0 is denied).
    expectOneLine(r, messages.cli.labelsNeeded("label", ["deny", "approve"]));
    expect(r.errorLines[0]).toContain("pass --labels deny,approve");
    expect(r.errorLines[0]).not.toMatch(/labels: \[/);
  });

  it("--labels that miss the target's values name the values", async () => {
    const r = await runCli([...distillArgs, "--labels", "approve,reject", "--target", "label"]);
    expectOneLine(r, messages.cli.labelsMissValues("label", ["approve", "reject"], ["deny"]));
  });

  it("--labels with one distinct class", async () => {
    const r = await runCli([...distillArgs, "--labels", "approve,approve", "--target", "label"]);
    expectOneLine(r, messages.cli.badLabels(["approve", "approve"]));
  });

  it("the target named as a text column", async () => {
    const r = await runCli([...distillArgs, "--labels", "approve,deny", "--target", "label", "--text", "label"]);
    expectOneLine(r, messages.cli.targetAlsoInput("label", "--text"));
  });

  it("errors the library raises come back in flag terms, chosen by their code", async () => {
    // distill rejects the identifier and the model family itself; the CLI words them by code.
    const id = await runCli([...distillArgs, "--labels", "approve,deny", "--target", "label", "--features", "id,income"]);
    expect(id.code).toBe(1);
    expect(id.errorLines.at(-1)).toBe(`understudy: ${messages.cli.identifierFeature("id")}`);
    const model = await runCli([...distillArgs, "--labels", "approve,deny", "--target", "label", "--model", "linear"]);
    expect(model.errorLines.at(-1)).toBe(`understudy: ${messages.cli.modelForTask("linear", true)}`);
  });

  it("a model file that is not JSON names the flag and the file", async () => {
    const bad = join(dir, "model.json");
    writeFileSync(bad, "not json");
    const r = await runCli(["sql", "--model", bad, "--table", "t"]);
    expect(r.code).toBe(1);
    expect(r.errorLines).toHaveLength(1);
    expect(r.errorLines[0].startsWith(`understudy: --model ${bad} is not JSON (`)).toBe(true);
  });

  it("JSON that is not a model bundle", async () => {
    const bad = join(dir, "other.json");
    writeFileSync(bad, JSON.stringify({ hello: "world" }));
    const r = await runCli(["report", "--model", bad]);
    expect(r.code).toBe(1);
    expect(r.errorLines).toHaveLength(1);
    expect(r.errorLines[0].startsWith(`understudy: --model ${bad} is not a model bundle understudy can read (`)).toBe(true);
  });

  it("--debug adds the stack trace; without it there is none", async () => {
    const missing = join(dir, "missing.json");
    const plain = await runCli(["predict", "--model", missing, "--data", "x.csv"]);
    expectOneLine(plain, messages.cli.modelNotFound(missing));
    const r = await runCli(["predict", "--model", missing, "--data", "x.csv", "--debug"]);
    expect(r.code).toBe(1);
    expect(r.errorLines[0]).toBe(`understudy: ${messages.cli.modelNotFound(missing)}`);
    expect(r.stderr).toMatch(/\n\s+at .*read-understudy\.ts/);
  });

  it("bench with no LLM configured says what it needs", async () => {
    const r = await runCli(["bench", "--model", join(dir, "model.json"), "--data", "x.csv"]);
    expect(r.code).toBe(1);
    expectOneLine(r, messages.cli.benchNeedsLLM());
  });
});
