import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UnderstudyError } from "../../src/core/errors.ts";
import { messages } from "../../src/core/messages/index.ts";
import { Understudy } from "../../src/understudy/understudy.ts";
import { runCli } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "understudy-cli-exportable-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Approve when income − 1.5 × debt > 40: numeric columns only, so a tree or a logistic model exports.
const data = join(dir, "loans.csv");
writeFileSync(data, ["id,income,debt,label", ...Array.from({ length: 400 }, (_, i) => {
  const income = 20 + ((i * 37) % 130);
  const debt = (i * 13) % 60;
  return `L${i},${income},${debt},${income - 1.5 * debt > 40 ? "approve" : "deny"}`;
})].join("\n"));
const distillArgs = ["distill", "--data", data, "--task", "Approve?", "--labels", "approve,deny", "--target", "label", "--quiet", "--no-llm-features"];

describe("commands that need SQL ask for an exportable model", () => {
  it("sql and score on a k-NN model fail with one line naming `understudy distill --exportable`", async () => {
    const out = join(dir, "knn");
    expect((await runCli([...distillArgs, "--model", "knn", "--out", out])).code).toBe(0);
    const model = join(out, "model.json");
    const reason = (() => {
      try {
        Understudy.fromJSON(JSON.parse(readFileSync(model, "utf8"))).toSQL({ dialect: "duckdb", table: "t" });
      } catch (e) {
        expect((e as UnderstudyError).code).toBe("no_sql_form");
        return (e as Error).message;
      }
      throw new Error("a k-NN model exported to SQL");
    })();
    const sql = await runCli(["sql", "--model", model, "--table", "applicants"]);
    expect(sql.code).toBe(1);
    expect(sql.errorLines).toEqual([`understudy: ${messages.cli.noSQLForm("sql", model, reason)}`]);
    expect(sql.errorLines[0]).toContain("understudy distill --exportable");
    const score = await runCli(["score", "--model", model, "--data", data, "--out", join(dir, "scored.csv")]);
    expect(score.code).toBe(1);
    expect(score.errorLines).toEqual([`understudy: ${messages.cli.noSQLForm("score", model, reason)}`]);
  }, 180_000);

  it("distill --exportable leaves k-NN out, says so, and the model exports", async () => {
    const out = join(dir, "exportable");
    const r = await runCli([...distillArgs, "--exportable", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(readFileSync(join(out, "model.json"), "utf8")).metadata;
    expect(m.modelChoice.leftOut.map((f: { name: string }) => f.name)).toContain("knn");
    const sql = await runCli(["sql", "--model", join(out, "model.json"), "--dialect", "postgres", "--table", "applicants"]);
    expect(sql.code, sql.stderr).toBe(0);
    expect(sql.stdout).toContain("SELECT");
    expect(sql.stdout).toContain('"applicants"');
  }, 180_000);
});
