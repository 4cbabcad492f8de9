import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { distill } from "../../src/distill.ts";
import { exportLabelBatch } from "../../src/distill/export-label-batch.ts";
import { importBatch } from "../../src/llm/import-batch.ts";
import { replayTeacher } from "../../src/llm/replay-teacher.ts";
import { Understudy } from "../../src/understudy/understudy.ts";
import { runCli } from "./run-cli.ts";

// E-mails whose class the batch runner can read off the row: "$$$" marks spam.
const words = ["meeting", "invoice", "lunch", "report", "draft", "offer", "prize", "winner"];
const rows = Array.from({ length: 240 }, (_, i) => ({
  id: i,
  body: `${words[i % 8]} ${words[(i * 3) % 8]} note ${i}${i % 3 === 0 ? " $$$ cash now" : ""}`,
  links: (i * 7) % 5,
  label: i % 3 === 0 ? "spam" : "ham",
}));
const dir = mkdtempSync(join(tmpdir(), "understudy-label-"));
const data = join(dir, "mail.csv");
writeFileSync(data, ["id,body,links,label", ...rows.map((r) => `${r.id},${r.body},${r.links},${r.label}`)].join("\n") + "\n");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface BatchLine { custom_id: string; body: { model: string; messages: { content: string }[]; response_format: { json_schema: { schema: { properties: { answers: { items: { properties: { id: { enum: string[] } } } } } } } } } }

/** Plays the Batch API: answers each request's rows in its output format, spam when the row holds "$$$". */
function runBatch(input: string, output: string): number {
  const lines = readFileSync(input, "utf8").trim().split("\n").map((l) => JSON.parse(l) as BatchLine);
  const out = lines.map((line, n) => {
    const prompt = line.body.messages.map((m) => m.content).join("\n");
    const ids = line.body.response_format.json_schema.schema.properties.answers.items.properties.id.enum;
    const answers = ids.map((id) => {
      const row = prompt.slice(prompt.indexOf(`id="${id}"`)).split("</row>", 1)[0];
      return { id, label: row.includes("$$$") ? "spam" : "ham", confidence: 0.9 };
    });
    const body = { id: "chatcmpl", object: "chat.completion", model: `${line.body.model}-2024-07-18`, choices: [{ index: 0, message: { role: "assistant", content: JSON.stringify({ answers }) }, finish_reason: "stop" }], usage: { prompt_tokens: 100, completion_tokens: 30, total_tokens: 130 } };
    return JSON.stringify({ id: `batch_req_${n}`, custom_id: line.custom_id, response: { status_code: 200, request_id: "r", body }, error: null });
  });
  writeFileSync(output, `${out.join("\n")}\n`);
  return lines.length;
}

const task = "Is this email spam?";
const distillOptions = { task, labels: ["spam", "ham"], text: "body", target: "label", seed: 4, concepts: false, expressions: false, rules: false };

describe("labels bought through the Batch API, then a distill that pays nothing", () => {
  it("from the command line: label --batch prints the plan and writes the requests; label --import fills the cache", async () => {
    const cacheDir = join(dir, "cli-cache");
    const out = join(dir, "batch");
    const written = await runCli(["label", "--data", data, "--sample", "200", "--task", task, "--labels", "spam,ham", "--text", "body", "--target", "label", "--seed", "4", "--batch", out, "--teacher-model", "gpt-4o-mini", "--cache-dir", cacheDir, "--quiet"]);
    expect(written.code, written.stderr).toBe(0);
    const [plan, wrote] = written.stdout.trim().split("\n");
    // 200 rows, 60/20/20, four rows per request: 10 + 10 + 30 requests.
    expect(plan).toMatch(/^Plan: 200 rows in 50 request\(s\) to gpt-4o-mini, about \d+ prompt \+ 2500 completion tokens at most: about \$\d+\.\d\d at Batch API prices$/);
    expect(wrote).toMatch(new RegExp(`^Wrote 50 request\\(s\\) to ${join(out, "labels.jsonl")} \\(0 already cached`));
    expect(runBatch(join(out, "labels.jsonl"), join(dir, "cli-output.jsonl"))).toBe(50);
    const imported = await runCli(["label", "--import", join(dir, "cli-output.jsonl"), "--cache-dir", cacheDir]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toBe(`Imported 50 of 50 answers into ${cacheDir}\n`);

    // distill --teacher replay: the batch's answers teach; the LLM features, never bought, are off.
    const model = join(dir, "cli-model");
    const distilled = await runCli(["distill", "--data", data, "--sample", "200", "--task", task, "--labels", "spam,ham", "--text", "body", "--target", "label", "--seed", "4", "--teacher", "replay", "--no-llm-features", "--cache-dir", cacheDir, "--out", model, "--quiet"]);
    expect(distilled.code, distilled.stderr).toBe(0);
    expect(distilled.stdout).toContain("Teacher: no paid calls (50 answers from the cache)");
    expect(distilled.stdout).toContain(" --teacher replay ");
    expect(distilled.stdout).toContain(` --cache-dir ${cacheDir} `);
    const u = Understudy.fromJSON(JSON.parse(readFileSync(join(model, "model.json"), "utf8")));
    expect(u.stats.teacherCalls).toBe(0);
    expect(u.metrics.vsTeacher.agreement).toBeGreaterThan(0.9);
    // Exported again, everything is cached: nothing left to buy.
    const again = await runCli(["label", "--data", data, "--sample", "200", "--task", task, "--labels", "spam,ham", "--text", "body", "--target", "label", "--seed", "4", "--batch", out, "--teacher-model", "gpt-4o-mini", "--cache-dir", cacheDir, "--quiet"]);
    expect(again.stdout).toMatch(/^Wrote 0 request\(s\) to .* \(50 already cached/m);
  }, 180_000);

  it("from the API: exportLabelBatch, importBatch, then distill over replayTeacher", async () => {
    const cacheDir = join(dir, "api-cache");
    const input = join(dir, "api", "labels.jsonl");
    let planned: number | undefined;
    const written = await exportLabelBatch({ ...distillOptions, data }, { model: "gpt-4o-mini", cacheDir }, input, (p) => { planned = p.requests; });
    // Every row: 240 split 144/48/48, four per request: 36 + 12 + 12.
    expect(planned).toBe(60);
    expect(written.lines).toBe(60);
    runBatch(input, join(dir, "api-output.jsonl"));
    const report = await importBatch(join(dir, "api-output.jsonl"), { cacheDir });
    expect(report).toEqual({ lines: 60, imported: 60, failed: [] });
    const u = await distill({ ...distillOptions, data, teacher: replayTeacher({ cacheDir }) });
    expect(u.stats.teacherCalls).toBe(0);
    expect(u.stats.cacheHits).toBe(60);
  }, 180_000);
});
