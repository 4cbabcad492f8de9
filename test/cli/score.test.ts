import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Random } from "../../src/core/random.ts";
import { distill } from "../../src/distill.ts";
import { Understudy } from "../../src/understudy/understudy.ts";
import { runCli } from "./run-cli.ts";

// Loans decided by a known rule; the model is checked against its own in-process predictions.
const random = new Random(11);
const rows = Array.from({ length: 600 }, (_, i) => {
  const income = 20 + random.int(130);
  const debt = random.int(60);
  const region = ["north", "south", "east"][random.int(3)];
  return { id: `L${String(i).padStart(4, "0")}`, income, debt, region, note: i % 7 ? "plain" : "has, a comma", label: income - 1.5 * debt + (region === "north" ? 10 : 0) > 40 ? "approve" : "deny" };
});
const header = ["id", "income", "debt", "region", "note", "label"];
const csvCell = (v: unknown) => (String(v).includes(",") ? `"${v}"` : String(v));

const dir = mkdtempSync(join(tmpdir(), "understudy-score-"));
const data = join(dir, "loans.csv");
const parquet = join(dir, "loans.parquet");
const model = join(dir, "model.json");
let u: Understudy;

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  try {
    return (await con.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

beforeAll(async () => {
  writeFileSync(data, [header.join(","), ...rows.map((r) => header.map((h) => csvCell(r[h as keyof typeof r])).join(","))].join("\n") + "\n");
  await query(`COPY (SELECT * FROM read_csv('${data}')) TO '${parquet}' (FORMAT parquet)`);
  u = await distill({ data: rows, task: "Approve this loan?", labels: ["approve", "deny"], target: "label", teacher: false, model: "tree", features: ["income", "debt", "region"], seed: 1 });
  writeFileSync(model, JSON.stringify(u.toJSON()));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("understudy score", () => {
  for (const [input, output] of [[data, "scored.parquet"], [parquet, "scored.csv"]] as const) {
    it(`scores every row of ${input.split(".").pop()} into ${output}: every input column, then the model's own prediction and probability`, async () => {
      const out = join(dir, output);
      const r = await runCli(["score", "--model", model, "--data", input, "--out", out]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Scored 600 rows of ${input} into ${out} in \\d+\\.\\d s \\(\\d+ rows/s\\)\\n$`));
      const scored = await query(`SELECT * FROM '${out}'`);
      expect(Object.keys(scored[0])).toEqual([...header, "prediction", "probability"]);
      expect(scored.map((s) => String(s.id))).toEqual(rows.map((x) => x.id));
      expect(scored.map((s) => s.note)).toEqual(rows.map((x) => x.note));
      const want = u.predict(rows);
      const proba = u.predictProba(rows);
      expect(scored.map((s) => s.prediction)).toEqual(want);
      scored.forEach((s, i) => expect(Number(s.probability)).toBeCloseTo(proba[i][u.classes!.indexOf(want[i] as string)], 9));
    }, 60_000);
  }

  it("refuses an output that is neither .parquet nor .csv", async () => {
    const r = await runCli(["score", "--model", model, "--data", data, "--out", join(dir, "scored.txt")]);
    expect(r.code).toBe(2);
    expect(r.errorLines).toEqual([`understudy: score: --out ${join(dir, "scored.txt")} must end in .parquet or .csv (the format of the scored file).`]);
  });
});

describe("understudy distill --sample", () => {
  it("learns from a seeded sample of the file drawn through DuckDB", async () => {
    const run = (out: string, seed: string) => runCli(["distill", "--data", data, "--sample", "300", "--task", "Approve this loan?", "--labels", "approve,deny", "--target", "label", "--model", "tree", "--out", join(dir, out), "--seed", seed, "--quiet"]);
    const [first, again, other] = [await run("a", "2"), await run("b", "2"), await run("c", "3")];
    for (const r of [first, again, other]) expect(r.code, r.stderr).toBe(0);
    // 300 rows split 60/20/20: 60 held out; the reproducing command keeps --sample.
    expect(first.stdout).toMatch(/on 60 held-out rows$/m);
    expect(first.stdout).toMatch(/--sample 300/);
    const load = (out: string) => Understudy.fromJSON(JSON.parse(readFileSync(join(dir, out, "model.json"), "utf8")));
    const [a, b, c] = [load("a"), load("b"), load("c")];
    expect(b.predict(rows)).toEqual(a.predict(rows));
    expect(b.metrics).toEqual(a.metrics);
    expect(c.metrics).not.toEqual(a.metrics);
  }, 120_000);
});
