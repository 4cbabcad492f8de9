import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Random } from "../../src/core/random.ts";
import { Understudy } from "../../src/understudy/understudy.ts";
import { standInReplies } from "../../examples/support/stand-in-llm.ts";
import { startOpenAITestServer } from "../support/openai-test-server.ts";
import { runCli, type CliRun } from "./run-cli.ts";

// Loan decisions made by a known rule, so the expected labels are known without the model:
// approve when income − 1.5 × debt (+ 10 in the north) > 40.
const rule = (r: { income: number; debt: number; region: string }) => (r.income - 1.5 * r.debt + (r.region === "north" ? 10 : 0) > 40 ? "approve" : "deny");
function loans(n: number, seed: number) {
  const random = new Random(seed);
  return Array.from({ length: n }, (_, i) => {
    const r = { id: `L${seed}-${String(i).padStart(4, "0")}`, income: 20 + random.int(130), debt: random.int(60), region: ["north", "south", "east"][random.int(3)] };
    return { ...r, label: rule(r) };
  });
}
const rows = loans(300, 7);
const toCSV = (list: typeof rows) => ["id,income,debt,region,label", ...list.map((r) => `${r.id},${r.income},${r.debt},${r.region},${r.label}`)].join("\n");

const dir = mkdtempSync(join(tmpdir(), "understudy-cli-trip-"));
const data = join(dir, "loans.csv");
const out = join(dir, "model");
const model = join(out, "model.json");
let distilled: CliRun;

beforeAll(async () => {
  writeFileSync(data, toCSV(rows));
  distilled = await runCli(["distill", "--data", data, "--task", "Approve this loan?", "--labels", "approve,deny", "--target", "label", "--model", "logistic", "--out", out, "--seed", "3"]);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function parseCSV(text: string): string[][] {
  return text.trim().split("\n").map((line) => line.split(","));
}

describe("distill → predict → sql → report from the command line, gold labels teaching", () => {
  it("distill says the gold labels teach, writes the model and the reports, and prints the held-out accuracy", () => {
    expect(distilled.code).toBe(0);
    expect(distilled.stdout.split("\n")[0]).toBe('Teacher: the gold labels in column "label" (no LLM configured; set OPENAI_API_KEY (or OPENAI_BASE_URL for a local OpenAI-compatible server) and UNDERSTUDY_MODEL to distill from one).');
    expect(distilled.stdout).toMatch(/^Model chosen: logistic regression/m);
    expect(distilled.stdout).toMatch(/^Accuracy against the gold labels \(which taught\): \d+\.\d% on 60 held-out rows$/m);
    for (const f of ["model.json", "report.html", "report.md"]) expect(existsSync(join(out, f))).toBe(true);
    // Progress goes to stderr, one line per phase step when stderr is not a terminal.
    expect(distilled.stderr).toMatch(/^fit: 100% \(\d+\/\d+\)/m);
    const progress = distilled.stderr.trim().split("\n");
    expect(new Set(progress).size).toBe(progress.length);
  });

  it("predict writes the id, the prediction and one probability per class, in input order, identical to the model's own", async () => {
    const preds = join(dir, "preds.csv");
    const r = await runCli(["predict", "--model", model, "--data", data, "--out", preds]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Wrote 300 predictions to ${preds}\n`);
    const [header, ...lines] = parseCSV(readFileSync(preds, "utf8"));
    expect(header).toEqual(["id", "prediction", "p_approve", "p_deny"]);
    expect(lines.map((l) => l[0])).toEqual(rows.map((row) => row.id));
    const u = Understudy.fromJSON(JSON.parse(readFileSync(model, "utf8")));
    expect(u.classes).toEqual(["approve", "deny"]);
    const inputs = rows.map(({ label: _, ...input }) => input);
    expect(lines.map((l) => l[1])).toEqual(u.predict(inputs));
    // Written as JavaScript prints them, so they read back as exactly the same numbers.
    const proba = u.predictProba(inputs);
    lines.forEach((l, i) => expect([Number(l[2]), Number(l[3])]).toEqual(proba[i]));
    // The rule is linear, so a logistic model recovers nearly all of it.
    const matches = lines.filter((l, i) => l[1] === rule(rows[i])).length;
    expect(matches / rows.length).toBeGreaterThan(0.93);
  });

  it("predict with no --out writes the CSV on stdout", async () => {
    const r = await runCli(["predict", "--model", model, "--data", data, "--quiet"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(parseCSV(r.stdout)).toHaveLength(301);
  });

  it("sql gives a DuckDB query whose predictions match predict on every row", async () => {
    const r = await runCli(["sql", "--model", model, "--dialect", "duckdb", "--table", "loans"]);
    expect(r.code).toBe(0);
    const preds = await runCli(["predict", "--model", model, "--data", data, "--quiet"]);
    // probability = that of the predicted class: p_approve or p_deny.
    const expected = new Map(parseCSV(preds.stdout).slice(1).map(([id, prediction, pApprove, pDeny]) => [id, { prediction, p: Number(prediction === "approve" ? pApprove : pDeny) }]));
    const instance = await DuckDBInstance.create(":memory:");
    const db = await instance.connect();
    try {
      await db.run(`CREATE TABLE loans AS SELECT * FROM read_csv('${data.replace(/'/g, "''")}', header = true)`);
      const got = (await db.runAndReadAll(r.stdout)).getRowObjects();
      expect(got).toHaveLength(rows.length);
      for (const g of got) {
        const e = expected.get(String(g.id))!;
        expect(g.prediction).toBe(e.prediction);
        expect(Number(g.probability)).toBeCloseTo(e.p, 5);
      }
    } finally {
      db.closeSync();
      instance.closeSync();
    }
  });

  it("report writes Markdown and JSON from the stored figures, the format taken from --out", async () => {
    const md = join(dir, "audit.md");
    const r = await runCli(["report", "--model", model, "--out", md]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Wrote the md report to ${md}\n`);
    expect(readFileSync(md, "utf8")).toMatch(/^# Audit report: Approve this loan\?/);
    const json = await runCli(["report", "--model", model, "--format", "json", "--quiet"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toBeTypeOf("object");
  });

  it("bench compares the model with an LLM when one is configured, and writes the table, JSON and chart", async () => {
    // The stand-in LLM on 127.0.0.1 decides by the same rule that made the gold labels, so its accuracy is exactly 100%.
    const server = await startOpenAITestServer({
      respond: standInReplies({ label: (row) => rule({ ...(row as { region: string }), income: Number((row as Record<string, unknown>).income), debt: Number((row as Record<string, unknown>).debt) }) }),
    });
    try {
      const benchDir = join(dir, "bench");
      const heldOut = join(dir, "held-out.csv");
      writeFileSync(heldOut, toCSV(loans(60, 8)));
      const r = await runCli(["bench", "--model", model, "--data", heldOut, "--rows", "40", "--out", benchDir], { env: { OPENAI_BASE_URL: server.baseURL, UNDERSTUDY_MODEL: "stand-in" } });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^40 held-out gold rows; task: Approve this loan\?$/m);
      expect(r.stdout).toMatch(/^LLM \(stand-in\) +100\.0% +100\.0% /m);
      expect(r.stdout).toMatch(/^Small model \(logistic\) +\d+\.\d% /m);
      expect(server.requests.length).toBe(40);
      const json = JSON.parse(readFileSync(join(benchDir, "benchmark.json"), "utf8"));
      expect(json.n).toBe(40);
      expect(json.systems.llm.accuracy).toBe(1);
      expect(readFileSync(join(benchDir, "benchmark.svg"), "utf8")).toMatch(/^<svg/);
      expect(readFileSync(join(benchDir, "benchmark.md"), "utf8")).toContain("| LLM (stand-in) |");
    } finally {
      await server.close();
    }
  });

  it("predict refuses data without the model's input columns, in one line", async () => {
    const partial = join(dir, "partial.csv");
    writeFileSync(partial, "id,income\nA,50\n");
    const r = await runCli(["predict", "--model", model, "--data", partial, "--quiet"]);
    expect(r.code).toBe(1);
    expect(r.errorLines).toEqual([`understudy: predict: the data lacks the model's input column(s) "debt", "region"; pass rows with the columns the model was distilled on.`]);
  });
});
