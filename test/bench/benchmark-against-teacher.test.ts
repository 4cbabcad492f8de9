import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { benchmarkAgainstTeacher, type BenchmarkResult } from "../../src/bench/benchmark-against-teacher.ts";
import { formatBenchmark } from "../../src/bench/format-benchmark.ts";
import { benchmarkChart } from "../../src/charts/benchmark-chart.ts";
import { UnderstudyError } from "../../src/core/errors.ts";
import { setLogger } from "../../src/core/logger.ts";
import { Random } from "../../src/core/random.ts";
import { distill } from "../../src/distill.ts";
import { openaiTeacher } from "../../src/llm/openai-teacher.ts";
import type { Understudy } from "../../src/understudy/understudy.ts";
import { compileMessages } from "../charts/compile-spec.ts";
import { startOpenAITestServer, type ChatRequestBody, type OpenAITestServer } from "../support/openai-test-server.ts";
import { promptRows } from "../teach/prompt-rows.ts";

// Gold rule: "yes" when a + b > 100. Distinct (a, b) pairs, so a prompt row identifies its gold row.
function makeRows(n: number, offset: number): { id: number; a: number; b: number; label: string }[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    const a = (i * 37) % 101;
    const b = (i * 53 + Math.floor(i / 101)) % 103;
    return { id: i, a, b, label: a + b > 100 ? "yes" : "no" };
  });
}

const PRICE = { input: 1, output: 2 }; // USD per 1M tokens
const DELAY_MS = 15;

describe("benchmarkAgainstTeacher through the OpenAI-compatible test server", () => {
  const train = makeRows(300, 0);
  const held = makeRows(100, 300);
  // The scripted LLM: gold, except 10 rows it gets wrong and 4 it answers "unsure" (seeded, disjoint).
  const picked = new Random(7).shuffle(held.map((_, i) => i));
  const wrong = new Set(picked.slice(0, 10));
  const unsure = new Set(picked.slice(10, 14));
  const scripted = held.map((r, i) => (unsure.has(i) ? null : wrong.has(i) ? (r.label === "yes" ? "no" : "yes") : r.label));
  const byContent = new Map(held.map((r, i) => [JSON.stringify({ a: r.a, b: r.b }), i]));

  let server: OpenAITestServer;
  let u: Understudy;
  let b: BenchmarkResult;

  beforeAll(async () => {
    server = await startOpenAITestServer({
      respond: (body: ChatRequestBody) => {
        const answers = promptRows(body.messages as never).map((r) => {
          const i = byContent.get(r.content);
          if (i === undefined) throw new Error(`unknown row ${r.content}`);
          return { id: r.id, label: scripted[i] ?? "unsure", confidence: 0.9 };
        });
        return { fault: { delayMs: DELAY_MS, then: { content: { answers } } } };
      },
    });
    u = await distill({ data: train, task: "Is a + b above 100?", labels: ["yes", "no"], target: "label", model: "logistic", seed: 0 });
    const teacher = openaiTeacher({ model: "bench-model", baseURL: server.baseURL, apiKey: "sk-test", cacheDir: false, prices: { "bench-model": PRICE } });
    b = await benchmarkAgainstTeacher({ understudy: u, rows: held, teacher });
  }, 60_000);
  afterAll(async () => { await server.close(); });

  it("the LLM's accuracy is the scripted one: 10 wrong and 4 unsure of 100 → 86%", () => {
    expect(b.n).toBe(100);
    expect(b.systems.llm.accuracy).toBeCloseTo(0.86, 12);
    expect(b.systems.llm.answered).toBe(96);
    expect(b.llmCalls).toMatchObject({ paid: 100, cached: 0, unsure: 4, failed: 0 });
    expect(b.perRow.map((r) => r.llm)).toEqual(scripted);
    // The LLM sees the model's input columns only: never the gold label (or the id).
    for (const r of server.requests) for (const row of promptRows(r.body.messages as never)) expect(Object.keys(JSON.parse(row.content))).toEqual(["a", "b"]);
  });

  it("the small model's accuracy and agreement with the LLM match its own predictions", () => {
    const small = u.predict(held);
    const gold = held.map((r) => r.label);
    expect(b.systems.small.accuracy).toBeCloseTo(small.filter((s, i) => s === gold[i]).length / 100, 12);
    const labelled = held.map((_, i) => i).filter((i) => scripted[i] !== null);
    expect(b.systems.small.agreementWithLLM).toBeCloseTo(labelled.filter((i) => small[i] === scripted[i]).length / labelled.length, 12);
    expect(b.systems.small.costPer1000USD).toBe(0);
    expect(b.systems.small.shareToLLM).toBe(0);
  });

  it("the cascade answers confident rows itself and sends the rest to the LLM (keeping its own answer where the LLM gave none)", () => {
    const t = u.metrics.cascade!.threshold;
    expect(b.threshold).toBe(t);
    const small = u.predict(held);
    const proba = u.predictProba(held);
    const classes = u.classes!;
    const sent = held.map((_, i) => !(proba[i][classes.indexOf(small[i])] >= t));
    const expected = held.map((_, i) => (sent[i] ? scripted[i] ?? small[i] : small[i]));
    expect(b.perRow.map((r) => r.cascade)).toEqual(expected);
    expect(b.systems.cascade.accuracy).toBeCloseTo(expected.filter((c, i) => c === held[i].label).length / 100, 12);
    expect(b.systems.cascade.shareToLLM).toBeCloseTo(sent.filter(Boolean).length / 100, 12);
  });

  it("costs per 1,000 predictions follow the tokens the server billed", () => {
    const cost = server.requests.reduce((sum, r) => {
      const prompt = Math.ceil(r.body.messages.reduce((s, m) => s + m.content.length, 0) / 4);
      const answers = promptRows(r.body.messages as never).map((p) => ({ id: p.id, label: scripted[byContent.get(p.content)!] ?? "unsure", confidence: 0.9 }));
      const completion = Math.ceil(JSON.stringify({ answers }).length / 4);
      return sum + (prompt * PRICE.input + completion * PRICE.output) / 1e6;
    }, 0);
    expect(server.requests).toHaveLength(100);
    expect(b.llmCalls.costUSD).toBeCloseTo(cost, 12);
    expect(b.systems.llm.costPer1000USD).toBeCloseTo(cost * 10, 12);
    expect(b.systems.cascade.costPer1000USD).toBeCloseTo(cost * 10 * b.systems.cascade.shareToLLM, 12);
  });

  it("latency: an LLM call (with injected delay) is slower than the in-process model; p95 ≥ p50", () => {
    expect(b.systems.llm.latencyP50Ms).toBeGreaterThan(b.systems.small.latencyP50Ms);
    for (const r of b.table) expect(r.latencyP95Ms).toBeGreaterThanOrEqual(r.latencyP50Ms);
  });

  it("threshold 0 makes the cascade the small model, Infinity makes it the LLM", async () => {
    const warnings: string[] = [];
    const previous = setLogger({ warn: (m) => warnings.push(m) });
    try {
      // A fresh teacher each time: a teacher answers a repeated request from memory, which is no LLM call.
      const fresh = () => openaiTeacher({ model: "free-model", baseURL: server.baseURL, apiKey: "sk-test", cacheDir: false });
      const rows = held.slice(0, 20);
      const all = await benchmarkAgainstTeacher({ understudy: u, rows, teacher: fresh(), threshold: Infinity, batchSize: 5 });
      expect(all.systems.cascade.shareToLLM).toBe(1);
      expect(all.perRow.map((r) => r.cascade)).toEqual(all.perRow.map((r) => r.llm ?? r.small));
      const none = await benchmarkAgainstTeacher({ understudy: u, rows, teacher: fresh(), threshold: 0 });
      expect(none.systems.cascade.shareToLLM).toBe(0);
      expect(none.systems.cascade.accuracy).toBe(none.systems.small.accuracy);
      // No price is known for this model: the result says so rather than passing $0 off as a price.
      expect(none.notes.join(" ")).toContain("no price is known for free-model");
      expect(warnings.some((w) => w.includes("no price known"))).toBe(true);
    } finally {
      setLogger(previous);
    }
  });

  it("says when answers came from the cache, and leaves them out of latency and cost", async () => {
    const teacher = openaiTeacher({ model: "bench-model", baseURL: server.baseURL, apiKey: "sk-test", cacheDir: false, prices: { "bench-model": PRICE } });
    const rows = held.slice(0, 10);
    await benchmarkAgainstTeacher({ understudy: u, rows, teacher });
    const again = await benchmarkAgainstTeacher({ understudy: u, rows, teacher });
    expect(again.llmCalls).toMatchObject({ paid: 0, cached: 10, costUSD: 0 });
    expect(again.systems.llm.costPer1000USD).toBeNaN();
    expect(again.notes[0]).toMatch(/^10 of 10 LLM answers came from the cache/);
    expect(formatBenchmark(again)).toContain("n/a");
  });

  it("formats a table (text and Markdown) and a chart that vega-lite compiles", () => {
    const text = formatBenchmark(b);
    expect(text).toContain("LLM (bench-model)");
    expect(text).toContain("86.0%");
    expect(text.split("\n")[1]).toMatch(/^System\s+Accuracy/);
    const md = formatBenchmark(b, { format: "markdown" }).split("\n").filter((l) => l.startsWith("|"));
    expect(md).toHaveLength(5);
    expect(md[2]).toContain("| LLM (bench-model) | 86.0% | 100.0% |");
    const spec = benchmarkChart(b.table);
    expect(spec.data.values.map((r) => r.system)).toEqual(b.table.map((r) => r.system));
    expect(compileMessages(spec)).toEqual([]);
  });

  it("rejects bad input with one clear error", async () => {
    const teacher = openaiTeacher({ model: "bench-model", baseURL: server.baseURL, apiKey: "sk-test", cacheDir: false });
    await expect(benchmarkAgainstTeacher({ understudy: u, rows: [{ a: 1, b: 2 }], teacher })).rejects.toThrow(messages.bench.missingGold(0, "label"));
    await expect(benchmarkAgainstTeacher({ understudy: u, rows: [{ a: 1, b: 2, label: "maybe" }], teacher })).rejects.toThrow(messages.bench.unknownGold(0, "maybe", u.metadata.labels!));
    await expect(benchmarkAgainstTeacher({ understudy: u, rows: [{ a: 1, b: 2, label: "maybe" }], teacher })).rejects.toMatchObject({ code: "bad_labels" });
    await expect(benchmarkAgainstTeacher({ understudy: u, rows: [], teacher })).rejects.toThrow(messages.bench.noRows());
    await expect(benchmarkAgainstTeacher({ understudy: u, rows: held, teacher, batchSize: 0 })).rejects.toThrow(messages.bench.wholeNumber("batchSize", 0));
    vi.stubEnv("OPENAI_API_KEY", "");
    vi.stubEnv("OPENAI_BASE_URL", "");
    try {
      await expect(benchmarkAgainstTeacher({ understudy: u, rows: held })).rejects.toThrow(messages.bench.noTeacher());
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
