import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { distill } from "../../src/distill.ts";
import { penguins, PENGUIN_LABELS } from "./datasets.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("distill under Deno 2", () => {
  it("gives the same model, predictions and hashes as under Node", async () => {
    const stdout = execFileSync(`${root}node_modules/.bin/deno`, ["run", "--allow-all", "--quiet", "test/distill/deno-smoke.ts"], {
      cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", OPENAI_API_KEY: "", OPENAI_BASE_URL: "" }, timeout: 120_000,
    });
    const fromDeno = JSON.parse(stdout.trim().split("\n").at(-1)!);
    // Gold teaches on both sides: no teacher from the environment.
    for (const k of ["OPENAI_API_KEY", "OPENAI_BASE_URL", "UNDERSTUDY_MODEL"]) delete process.env[k];
    const previous = setLogger({ warn: () => {}, info: () => {} });
    const rows = penguins();
    const u = await distill({ data: rows, task: "Which species is this penguin?", labels: PENGUIN_LABELS, target: "Species", model: "tree" }).finally(() => setLogger(previous));
    expect(fromDeno.predictions).toEqual(u.predict(rows));
    expect(fromDeno.agreement).toBe(u.metrics.vsTeacher.agreement);
    expect(fromDeno.modelHash).toBe(u.hashes.model);
    expect(fromDeno.dataHash).toBe(u.hashes.data);
    expect(fromDeno.reportHasTask).toBe(true);
  });
});
