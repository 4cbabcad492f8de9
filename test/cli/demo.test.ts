import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { standInReplies } from "../../examples/support/stand-in-llm.ts";
import { startOpenAITestServer } from "../support/openai-test-server.ts";
import { runCli } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "understudy-cli-demo-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("understudy demo", () => {
  it("distills spam detection on real e-mails and writes the report, the model and the charts", async () => {
    const out = join(dir, "demo");
    const r = await runCli(["demo", "--out", out, "--rows", "200"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    // With no LLM configured the first line says that the gold labels teach.
    expect(lines[0]).toMatch(/^Teacher: the gold labels in column "label" \(no LLM configured; set OPENAI_API_KEY/);
    expect(lines[1]).toMatch(/^Distilled spam detection from 200 SpamAssassin e-mails \(\d+ spam\)\.$/);
    expect(r.stdout).toMatch(/^Accuracy against the gold labels \(which taught\): \d+\.\d% on 40 held-out rows$/m);
    expect(r.stdout).toContain(`Report: ${join(out, "report.html")}`);

    for (const f of ["report.html", "report.md", "model.json"]) expect(existsSync(join(out, f))).toBe(true);
    for (const chart of ["importance", "confusion", "calibration"]) {
      expect(readFileSync(join(out, "charts", `${chart}.svg`), "utf8")).toMatch(/^<svg/);
      expect(readFileSync(join(out, "charts", `${chart}.png`)).subarray(1, 4).toString()).toBe("PNG");
    }
    const html = readFileSync(join(out, "report.html"), "utf8");
    for (const section of ["Task and intended use", "Teacher", "Performance", "Global explanations", "Limitations"]) expect(html).toContain(section);
    expect(html).toContain("<svg");
    const bundle = JSON.parse(readFileSync(join(out, "model.json"), "utf8"));
    expect(bundle.format).toBe("understudy");
    // The report's "Reproduce" names the command that made it, not the library call inside it.
    const command = bundle.metadata.reproduce.command as string;
    expect(command).toMatch(/^understudy demo --out \S+ --rows 200 --model auto --teacher gold --seed 0 {2}# 200 SpamAssassin e-mails sha256 [0-9a-f]{64}$/);
    expect(html).toContain("understudy demo --out");
  }, 180_000);

  it("the recorded command reproduces the model bit for bit", async () => {
    const first = JSON.parse(readFileSync(join(dir, "demo", "model.json"), "utf8"));
    const again = join(dir, "again");
    const args = (first.metadata.reproduce.command as string).split("  #")[0].split(" ").slice(1).map((w) => (w === join(dir, "demo") ? again : w));
    const r = await runCli([...args, "--quiet"]);
    expect(r.code).toBe(0);
    const second = JSON.parse(readFileSync(join(again, "model.json"), "utf8"));
    expect(second.model).toEqual(first.model);
    expect(second.featurizer).toEqual(first.featurizer);
    expect(second.metadata.reproduce.command.split("  #")[1]).toBe(first.metadata.reproduce.command.split("  #")[1]);
  }, 180_000);

  it("uses the configured LLM when there is one, and says so on the first line", async () => {
    // An OpenAI-compatible server on 127.0.0.1 stands in for the LLM: it calls an e-mail spam
    // when it offers money or urges a click, and answers concept questions the same way.
    const spammy = (text: string) => /free|money|\$|click|offer|remove/i.test(text);
    const server = await startOpenAITestServer({
      respond: standInReplies({
        label: (row) => (spammy(JSON.stringify(row)) ? "spam" : "ham"),
        concepts: [{ question: "Does the e-mail offer money or something free?", test: spammy }],
      }),
    });
    try {
      const out = join(dir, "llm");
      const r = await runCli(["demo", "--out", out, "--rows", "120", "--cache-dir", join(dir, "cache")], {
        env: { OPENAI_BASE_URL: server.baseURL, UNDERSTUDY_MODEL: "stand-in" },
      });
      expect(r.code).toBe(0);
      expect(r.stdout.split("\n")[0]).toBe(`Teacher: the LLM stand-in at ${server.baseURL} (answers cached in ${join(dir, "cache")}).`);
      expect(r.stdout).toMatch(/^Agreement with the teacher: \d+\.\d% on 24 held-out rows$/m);
      // The stand-in has no price: the calls are counted, and no dollar figure is made up.
      expect(r.stdout).toMatch(/^Teacher: \d+ paid calls, \d+ cache hits$/m);
      expect(server.requests.length).toBeGreaterThan(24 / 4);
      expect(existsSync(join(out, "report.html"))).toBe(true);
    } finally {
      await server.close();
    }
  }, 180_000);

  it("rejects a sample size outside the corpus", async () => {
    const r = await runCli(["demo", "--out", join(dir, "x"), "--rows", "10"]);
    expect(r.code).toBe(2);
    expect(r.errorLines).toEqual([`understudy: ${messages.cli.badValue("demo", "--rows", "a whole number ≥ 50 and ≤ 6046", "10")}`]);
  });
});
