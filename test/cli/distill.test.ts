import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeModelFiles } from "../../src/cli/write-model-files.ts";
import { UnderstudyError } from "../../src/core/errors.ts";
import { messages } from "../../src/core/messages/index.ts";
import { distill } from "../../src/distill.ts";
import { standInReplies } from "../../examples/support/stand-in-llm.ts";
import { startOpenAITestServer } from "../support/openai-test-server.ts";
import { repoRoot, runCli, tsxLoader } from "./run-cli.ts";

// y is "high" exactly when x > 50, so a tree learns it from the gold labels.
const csv = ["x,noise,y", ...Array.from({ length: 120 }, (_, i) => `${(i * 37) % 101},${(i * 13) % 7},${(i * 37) % 101 > 50 ? "high" : "low"}`)].join("\n");
const sha256 = createHash("sha256").update(csv).digest("hex");
const dir = mkdtempSync(join(tmpdir(), "understudy-cli-distill-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A model bundle less the moment it was made (and the metadata hash, which covers it): what a rerun must reproduce bit for bit. */
function modelOf(file: string): string {
  const bundle = JSON.parse(readFileSync(file, "utf8"));
  delete bundle.metadata.createdAt;
  delete bundle.hashes.metadata;
  return JSON.stringify(bundle);
}

/** Runs a command line in a POSIX shell where `understudy` is this checkout's bin/understudy.js. */
function shell(line: string, cwd: string, stdin: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const bin = join(dir, "bin");
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, "understudy"), `#!/bin/sh\nexec "${process.execPath}" --import "${tsxLoader}" "${join(repoRoot, "bin", "understudy.js")}" "$@"\n`);
  chmodSync(join(bin, "understudy"), 0o755);
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, UNDERSTUDY_CLI_SOURCE: "1", OPENAI_API_KEY: "", OPENAI_BASE_URL: "", UNDERSTUDY_MODEL: "" };
  return new Promise((resolve) => {
    const child = execFile("/bin/sh", ["-c", line], { cwd, env, timeout: 120_000 }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }));
    child.stdin?.end(stdin);
  });
}

describe("understudy distill prints the command that reproduces the run", () => {
  it("with the data's name and SHA-256; run again in a shell, it rebuilds the same model", async () => {
    writeFileSync(join(dir, "d.csv"), csv);
    const r = await runCli(["distill", "--data", "d.csv", "--task", "High or low?", "--labels", "high,low", "--target", "y", "--model", "tree", "--out", "m", "--quiet"], { cwd: dir });
    expect(r.code).toBe(0);
    const line = r.stdout.split("\n").find((l) => l.startsWith("Reproduce: "))!;
    // Every choice spelled out, defaults that decide the result included (seed, who teaches).
    expect(line).toBe(`Reproduce: understudy distill --data d.csv --task 'High or low?' --labels high,low --target y --model tree --teacher gold --out m --seed 0  # d.csv sha256 ${sha256}`);
    const first = modelOf(join(dir, "m", "model.json"));
    rmSync(join(dir, "m"), { recursive: true });
    const again = await shell(line.slice("Reproduce: ".length), dir, "");
    expect(again.code).toBe(0);
    expect(modelOf(join(dir, "m", "model.json"))).toBe(first);
  }, 180_000);

  it("reading standard input, it names standard input and the SHA-256 of what was piped", async () => {
    const r = await runCli(["distill", "--data", "-", "--task", "High or low?", "--labels", "high,low", "--target", "y", "--model", "tree", "--out", join(dir, "s"), "--quiet"], { stdin: csv });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(` --data - --task 'High or low?' `);
    expect(r.stdout).toMatch(new RegExp(`  # standard input sha256 ${sha256}\\n`));
    expect(modelOf(join(dir, "s", "model.json"))).toBeTypeOf("string");
  }, 120_000);
});

describe("a spent budget in flag terms", () => {
  it("names --budget-calls and the cache that keeps what was paid for", async () => {
    const server = await startOpenAITestServer({ respond: standInReplies({ label: (row) => (Number((row as { x: unknown }).x) > 50 ? "high" : "low") }) });
    try {
      writeFileSync(join(dir, "b.csv"), csv);
      const cache = join(dir, "cache");
      const r = await runCli(
        ["distill", "--data", join(dir, "b.csv"), "--task", "High or low?", "--labels", "high,low", "--budget-calls", "3", "--cache-dir", cache, "--out", join(dir, "b"), "--quiet"],
        { env: { OPENAI_BASE_URL: server.baseURL, UNDERSTUDY_MODEL: "stand-in" } },
      );
      expect(r.code).toBe(1);
      // The stand-in model has no price, which the library warns about first; the error is the last line.
      expect(r.errorLines.filter((l) => !l.startsWith("understudy: warning: "))).toEqual([`understudy: ${messages.cli.budgetSpent("--budget-calls 3", cache)}`]);
      expect(existsSync(join(dir, "b"))).toBe(false);
    } finally {
      await server.close();
    }
  }, 120_000);
});

describe("writeModelFiles: every file or none", () => {
  it("a report that fails part-way leaves the folder as it was, and the error names the cause", async () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({ x: (i * 37) % 101, y: (i * 37) % 101 > 50 ? "high" : "low" }));
    const u = await distill({ data: rows, task: "High or low?", labels: ["high", "low"], target: "y", teacher: false, model: "tree" });
    const out = join(dir, "half");
    mkdirSync(out);
    writeFileSync(join(out, "notes.txt"), "mine");
    const failing = Object.create(u, {
      report: { value: async (o: { format: string }) => { if (o.format === "html") throw new UnderstudyError("bad_input", "the chart renderer ran out of fonts"); return u.report(o as { format: "md" }); } },
    });
    const error = await writeModelFiles(failing, out).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnderstudyError);
    expect((error as UnderstudyError).message).toBe(messages.cli.nothingWritten(out, "report.html", "the chart renderer ran out of fonts"));
    expect(readdirSync(out)).toEqual(["notes.txt"]);

    const written = await writeModelFiles(u, out);
    expect(written).toEqual(["model.json", "report.html", "report.md"].map((f) => join(out, f)));
    expect(readdirSync(out).sort()).toEqual(["model.json", "notes.txt", "report.html", "report.md"]);
    expect(existsSync(join(out, "charts"))).toBe(false);
  }, 120_000);
});
