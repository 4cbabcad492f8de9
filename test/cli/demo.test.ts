import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
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
    expect(JSON.parse(readFileSync(join(out, "model.json"), "utf8")).format).toBe("understudy");
  }, 180_000);

  it("rejects a sample size outside the corpus", async () => {
    const r = await runCli(["demo", "--out", join(dir, "x"), "--rows", "10"]);
    expect(r.code).toBe(2);
    expect(r.errorLines).toEqual(['understudy: demo: --rows must be a whole number ≥ 50 and ≤ 6046, got "10".']);
  });
});
