import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** Runs examples/<name>.ts with tsx, offline: no LLM configured, so the stand-in LLM answers. */
function runExample(name: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, OPENAI_API_KEY: "", OPENAI_BASE_URL: "", UNDERSTUDY_MODEL: "" };
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", `examples/${name}.ts`], { cwd: root, env, timeout: 150_000, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

const percent = "\\d+\\.\\d%";
const examples: [name: string, keyLines: RegExp[]][] = [
  ["text-task", [/^Teacher: a stand-in LLM \(the test server at http:\/\/127\.0\.0\.1:\d+\/v1;/m, new RegExp(`^Agreement with the teacher: ${percent} on 80 held-out e-mails$`, "m"), /→ spam \(p = /]],
  ["tabular-llm-features", [/^Kept feature beak_size = "Beak Length \(mm\)" \* "Beak Depth \(mm\)"/m, /^Rule feature: "Flipper Length \(mm\)" > 206 ⇒ Gentoo/m, /^Rejected escape = process\.exit\(1\): does not parse/m, new RegExp(`^Agreement with the teacher: ${percent}`, "m")]],
  ["cascade", [/^Cascade on 200 new e-mails: the small model answered \d+\.\d%, \d+ went to the LLM/m, /^Cost \$\d\.\d{4} instead of \$\d\.\d{4} for the LLM alone: saved \$\d\.\d{4}$/m]],
  ["benchmark", [/^LLM \(stand-in-llm\) +\d+\.\d% +100\.0%/m, /^Small model .* \$0 +0\.0%$/m, /^Cascade \(confidence ≥ \d\.\d{3}\)/m]],
  ["sql-export", [/^DuckDB scored 406 cars; the SQL matches the in-process predictions on 406\/406 rows\.$/m]],
  ["audit-ml-js-model", [/^Predictions identical to ml\.js on 150\/150 rows$/m, /^  IF petal_length <= 2\.45 THEN setosa/m, /^Reloaded from JSON: same predictions on 150\/150 rows$/m]],
];

describe("examples run offline", () => {
  for (const [name, keyLines] of examples) {
    it(`examples/${name}.ts exits 0 and prints its result`, async () => {
      const r = await runExample(name);
      expect(r.stderr.replace(/^npm warn.*\n/gm, "")).not.toMatch(/Error/);
      expect(r.code).toBe(0);
      for (const line of keyLines) expect(r.stdout).toMatch(line);
    }, 160_000);
  }
});
