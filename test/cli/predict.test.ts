import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { Understudy } from "../../src/understudy/understudy.ts";
import { runCli } from "./run-cli.ts";

// A regression whose answers are mostly negative (y = 2x − 150), keyed by ids a spreadsheet
// would run as formulas: the output must neutralise the ids and keep the negative numbers.
const ids = Array.from({ length: 120 }, (_, i) => [`=HYPERLINK("http://x/${i}")`, `+${i}cmd`, `@u${i}`, `-k${i}`][i % 4]);
const rows = ids.map((id, i) => ({ id, x: (i * 7) % 61, z: (i * 5) % 11 }));
const y = (r: { x: number; z: number }) => 2 * r.x - 150 + r.z;
const csvText = ["id,x,z,y", ...rows.map((r) => `"${r.id.replace(/"/g, '""')}",${r.x},${r.z},${y(r)}`)].join("\n");

const dir = mkdtempSync(join(tmpdir(), "understudy-cli-predict-"));
const data = join(dir, "rows.csv");
const model = join(dir, "m", "model.json");
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  writeFileSync(data, csvText);
  const r = await runCli(["distill", "--data", data, "--task", "Score?", "--target", "y", "--model", "linear", "--out", join(dir, "m"), "--quiet"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
}, 120_000);

describe("understudy predict output a user joins back", () => {
  it("neutralises cells a spreadsheet would run (OWASP) and leaves negative numbers as they are", async () => {
    const r = await runCli(["predict", "--model", model, "--data", data, "--quiet"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe("id,prediction");
    expect(lines[1].startsWith(`"'=HYPERLINK(""http://x/0"")",`)).toBe(true);
    expect(lines[2].startsWith("'+1cmd,")).toBe(true);
    expect(lines[3].startsWith("'@u2,")).toBe(true);
    expect(lines[4].startsWith("'-k3,")).toBe(true);
    const u = Understudy.fromJSON(JSON.parse(readFileSync(model, "utf8")));
    const predictions = u.predict(rows) as number[];
    expect(predictions.filter((p) => p < 0).length).toBeGreaterThan(80);
    // Each prediction exactly as JavaScript prints it: "-148.99..." with no quote in front.
    lines.slice(1).forEach((line, i) => expect(line.slice(line.lastIndexOf(",") + 1)).toBe(String(predictions[i])));
  });

  it("reads standard input with --data - and writes standard output, the same as from files", async () => {
    const fromFile = await runCli(["predict", "--model", model, "--data", data, "--quiet"]);
    const piped = await runCli(["predict", "--model", model, "--data", "-", "--out", "-", "--quiet"], { stdin: csvText });
    expect(piped.code).toBe(0);
    expect(piped.stdout).toBe(fromFile.stdout);
  });

  it("writes JSON Lines with --format jsonl or an --out ending in .jsonl; `row` numbers rows when the data has no id", async () => {
    const noIds = ["x,z", ...rows.map((r) => `${r.x},${r.z}`)].join("\n");
    const r = await runCli(["predict", "--model", model, "--data", "-", "--format", "jsonl", "--quiet"], { stdin: noIds });
    expect(r.code).toBe(0);
    const records = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    const u = Understudy.fromJSON(JSON.parse(readFileSync(model, "utf8")));
    expect(records).toEqual(u.predict(rows).map((prediction, i) => ({ row: i + 1, prediction })));
    const out = join(dir, "p.jsonl");
    const written = await runCli(["predict", "--model", model, "--data", data, "--out", out, "--quiet"]);
    expect(written.stdout).toBe(`Wrote 120 predictions to ${out}\n`);
    expect(JSON.parse(readFileSync(out, "utf8").split("\n")[0])).toEqual({ id: ids[0], prediction: u.predict([rows[0]])[0] });
  });

  it("standard input that is empty is one clear line", async () => {
    const r = await runCli(["predict", "--model", model, "--data", "-"], { stdin: "" });
    expect(r.code).toBe(1);
    expect(r.errorLines).toEqual([`understudy: ${messages.cli.emptyStdin()}`]);
  });
});
