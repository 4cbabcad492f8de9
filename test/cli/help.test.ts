import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.ts";

const commands = {
  demo: ["--out", "--rows", "--model", "--teacher", "--max-labels", "--budget-calls", "--budget-usd", "--seed"],
  distill: ["--data", "--task", "--labels", "--text", "--target", "--features", "--model", "--out", "--budget-calls", "--budget-usd", "--seed"],
  predict: ["--model", "--data", "--out", "--format"],
  report: ["--model", "--format", "--out"],
  sql: ["--model", "--dialect", "--table", "--out"],
  bench: ["--model", "--data", "--target", "--rows", "--out"],
};

describe("understudy --help", () => {
  it("lists every command with a one-line summary and exits 0", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: understudy <command> \[options\]$/m);
    for (const name of Object.keys(commands)) expect(r.stdout).toMatch(new RegExp(`^  ${name} +\\S.+$`, "m"));
    expect(r.stderr).toBe("");
  });

  it("with no command prints the overview on stderr and exits 2 (a usage error)", async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Usage: understudy <command>");
  });

  for (const [name, options] of Object.entries(commands)) {
    it(`understudy ${name} --help shows usage, every option and an example`, async () => {
      const r = await runCli([name, "--help"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: understudy ${name}`, "m"));
      const optionLines = r.stdout.slice(r.stdout.indexOf("Options:"), r.stdout.indexOf("Example:"));
      for (const option of [...options, "--help", "--quiet", "--debug"]) expect(optionLines).toMatch(new RegExp(`^  ${option}\\b`, "m"));
      expect(r.stdout).toMatch(new RegExp(`Example:\\n  understudy ${name} `));
    });
  }
});
