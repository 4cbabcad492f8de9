import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { classificationMetrics } from "../../src/evaluate/classification-metrics.ts";
import { distill } from "../../src/distill.ts";
import { openaiTeacher } from "../../src/llm/openai-teacher.ts";
import { Understudy } from "../../src/understudy/understudy.ts";
import { spamSample } from "../features/spam-sample.ts";
import { startOpenAITestServer, type OpenAITestServer } from "../support/openai-test-server.ts";
import { runDuckDB, type ColumnType } from "../export/sql-engines.ts";
import { agreementOf, penguins, PENGUIN_LABELS, progressLog, testIndices } from "./datasets.ts";
import { noisyLabel, scriptedLLM } from "./scripted-llm.ts";

const warnings: string[] = [];
let previousLogger: ReturnType<typeof setLogger>;
beforeAll(() => { previousLogger = setLogger({ warn: (m) => warnings.push(m) }); });
afterAll(() => { setLogger(previousLogger); });

// Retries absorb the injected faults, so every row ends with the scripted answer.
const teacherOptions = { model: "test-model", apiKey: "sk-test", cacheDir: false as const, maxRetries: 4, maxInvalidRetries: 3, backoff: { baseMs: 1, maxMs: 4 }, prices: { "test-model": { input: 0.15, output: 0.6 } } };

describe("distill from an LLM teacher through the OpenAI-compatible test server (text, with concepts)", () => {
  const emails = spamSample(240, 5);
  const gold = emails.map((e) => e.label);
  const goldByText = new Map(emails.map((e) => [e.text, e.label]));
  let server: OpenAITestServer;
  let u: Understudy;
  const log = progressLog();
  beforeAll(async () => {
    server = await startOpenAITestServer({
      respond: scriptedLLM((content) => goldByText.get(content) ?? "ham", ["spam", "ham"]),
      faults: { rate: 0.08, seed: 2, kinds: [{ status: 500 }, { status: 429, retryAfterMs: 1 }, { malformed: true }] },
    });
    const teacher = openaiTeacher({ ...teacherOptions, baseURL: server.baseURL });
    u = await distill({
      data: emails.map((e) => ({ text: e.text, label: e.label })), task: "Is this email spam?", labels: ["spam", "ham"],
      text: "text", target: "label", teacher, onProgress: log.onProgress,
    });
  }, 120_000);
  afterAll(async () => { await server.close(); });

  it("measures agreement with the teacher's (noisy) labels on test rows, as recomputed from the script", () => {
    const test = testIndices(gold);
    const teacherSays = test.map((i) => noisyLabel(emails[i].text, gold[i], ["spam", "ham"]));
    const answered = test.map((_, k) => k).filter((k) => teacherSays[k] !== "unsure");
    const predicted = u.predict(answered.map((k) => ({ text: emails[test[k]].text })));
    expect(u.metrics.vsTeacher.n).toBe(answered.length);
    expect(u.metrics.vsTeacher.agreement).toBeCloseTo(agreementOf(predicted, answered.map((k) => teacherSays[k])), 12);
  });

  it("scores against gold separately, and the teacher's own accuracy on the same rows", () => {
    const test = testIndices(gold);
    const answered = test.filter((i) => noisyLabel(emails[i].text, gold[i], ["spam", "ham"]) !== "unsure");
    const predicted = u.predict(answered.map((i) => ({ text: emails[i].text })));
    const expected = classificationMetrics(answered.map((i) => gold[i]), predicted);
    expect(u.metrics.vsGold!.accuracy).toBeCloseTo(expected.accuracy, 12);
    expect(u.metrics.vsGold!.macroF1).toBeCloseTo(expected.macroF1, 12);
    const teacherRight = answered.filter((i) => noisyLabel(emails[i].text, gold[i], ["spam", "ham"]) === gold[i]).length;
    expect(u.metrics.teacherVsGold!.accuracy).toBeCloseTo(teacherRight / answered.length, 12);
  });

  it("leaves unsure rows out and counts them, and survives the injected faults", () => {
    const unsure = emails.filter((e) => noisyLabel(e.text, e.label, ["spam", "ham"]) === "unsure").length;
    expect(unsure).toBeGreaterThan(0);
    expect(u.stats.unsure).toBe(unsure);
    expect(u.stats.failedRows).toBe(0);
    expect(u.stats.labelsRequested).toBe(emails.length);
    expect(u.stats.labelled).toBe(emails.length - unsure);
    expect(server.requests.some((r) => r.outcome !== "ok")).toBe(true);
  });

  it("proposes concepts, learns detectors for them, and records prompt versions, calls, tokens and cost", () => {
    expect(u.metadata.teacher.kind).toBe("llm");
    expect(u.metadata.teacher.promptVersions.label).toBe("label@1");
    expect(u.metadata.teacher.promptVersions.concepts).toContain("concepts-propose@1");
    expect(u.stats.byPurpose.concepts.teacherCalls).toBeGreaterThan(0);
    const concepts = u.featurizer.lineage.filter((l) => l.source === "concept");
    expect(concepts.length).toBeGreaterThan(0);
    const quality = u.metadata.artefacts.concepts!;
    expect(quality).toHaveLength(3); // every concept proposed, kept or dropped
    expect(quality.filter((c) => !c.concept.includes("(dropped")).map((c) => c.concept)).toEqual(concepts.map((c) => c.question));
    expect(u.stats.teacherCalls).toBe(u.stats.byPurpose.label.teacherCalls + u.stats.byPurpose.concepts.teacherCalls);
    expect(u.stats.costUSD).toBeCloseTo((u.stats.promptTokens * 0.15 + u.stats.completionTokens * 0.6) / 1e6, 12);
    expect(u.stats.costPerCallUSD).toBeCloseTo(u.stats.costUSD / u.stats.teacherCalls, 12);
  });

  it("never shows the target column to the teacher", () => {
    const labelRequests = server.requests.filter((r) => r.body.response_format?.json_schema?.name === "labels");
    expect(labelRequests.length).toBeGreaterThan(0);
    for (const r of labelRequests) expect(JSON.stringify(r.body.messages)).not.toContain("\"label\":\"spam\"");
  });

  it("emits label progress up to every row asked, in phase order", () => {
    const phases = log.events.map((e) => e.phase).filter((p, i, a) => p !== a[i - 1]);
    expect(phases).toEqual(["load", "label", "features", "fit", "evaluate"]);
    const label = log.events.filter((e) => e.phase === "label");
    expect(label.at(-1)!.done).toBe(emails.length);
    expect(label.map((e) => e.done)).toEqual([...label.map((e) => e.done)].sort((a, b) => a - b));
  });

  it("predicts identically after a JSON round trip (concept detectors included), with no LLM", () => {
    const v = Understudy.fromJSON(JSON.parse(JSON.stringify(u.toJSON())));
    const rows = emails.map((e) => ({ text: e.text }));
    expect(v.predict(rows)).toEqual(u.predict(rows));
  });
});

describe("distill a tabular task from an LLM teacher with LLM-proposed expressions", () => {
  const rows = penguins();
  const shown = ["Island", "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)", "Sex"];
  const key = (values: unknown[]) => JSON.stringify(values.map((v) => v ?? null));
  const goldByContent = new Map(rows.map((r) => [key(shown.map((c) => r[c])), r.Species as string]));
  let server: OpenAITestServer;
  let u: Understudy;
  beforeAll(async () => {
    server = await startOpenAITestServer({
      respond: scriptedLLM((content) => {
        const parsed = JSON.parse(content) as Record<string, unknown>;
        return goldByContent.get(key(shown.map((c) => parsed[c])))!;
      }, PENGUIN_LABELS),
    });
    const teacher = openaiTeacher({ ...teacherOptions, baseURL: server.baseURL });
    u = await distill({ data: rows, task: "Which species is this penguin?", labels: PENGUIN_LABELS, target: "Species", teacher, model: "tree" });
  }, 120_000);
  afterAll(async () => { await server.close(); });

  it("keeps expressions only through the safe grammar and cross-validation, with lineage", () => {
    const e = u.metadata.artefacts.expressions!;
    expect(e.rejected.find((r) => r.name === "evil")!.reason).toMatch(/does not parse/);
    for (const kept of e.kept) {
      const lineage = u.featurizer.lineage.find((l) => l.name === kept.name)!;
      expect(lineage.source).toBe("expression");
      expect(lineage.expression).toBe(kept.expression);
    }
    expect(e.kept.length + e.rejected.length).toBe(2);
    expect(u.metadata.teacher.promptVersions.expressions).toBe("expressions-propose@1");
  });

  it("exports SQL that DuckDB runs to the same prediction on 100% of rows (expression features included)", async () => {
    const sql = u.toSQL({ dialect: "duckdb", table: "penguins" });
    const columns: Record<string, ColumnType> = { Island: "string", "Beak Length (mm)": "number", "Beak Depth (mm)": "number", "Flipper Length (mm)": "number", "Body Mass (g)": "number", Sex: "string" };
    const out = await runDuckDB("penguins", columns, rows, sql);
    const expected = u.predict(rows);
    const proba = u.predictProba(rows);
    expect(out.map((r) => r.prediction)).toEqual(expected);
    out.forEach((r, i) => expect(r.probability as number).toBeCloseTo(Math.max(...proba[i]), 12));
  });
});

describe("budgets", () => {
  const rows = penguins();
  const gold = rows.map((r) => r.Species as string);
  const goldTeacher = () => {
    // A function teacher answering from gold: batches of 4 rows, one call each.
    const byContent = new Map(rows.map((r) => [JSON.stringify([r.Island, r["Beak Length (mm)"], r["Beak Depth (mm)"], r["Flipper Length (mm)"], r["Body Mass (g)"], r.Sex]), r.Species]));
    return async (req: { messages: { role: string; content: string }[] }) => {
      const user = req.messages.filter((m) => m.role === "user").map((m) => m.content).join("\n");
      const answers = [...user.matchAll(/<row id="([^"]+)">\n([^\n]*)\n<\/row>/g)].map(([, id, content]) => {
        const r = JSON.parse(content.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"));
        return { id, label: byContent.get(JSON.stringify([r.Island, r["Beak Length (mm)"], r["Beak Depth (mm)"], r["Flipper Length (mm)"], r["Body Mass (g)"], r.Sex])), confidence: 1 };
      });
      return { answers };
    };
  };

  it("stops buying at the cap mid-run, keeps what was paid for, and goes on with a warning", async () => {
    const { functionTeacher } = await import("../../src/llm/function-teacher.ts");
    const teacher = functionTeacher(goldTeacher());
    warnings.length = 0;
    const u = await distill({ data: rows, task: "Which species is this penguin?", labels: PENGUIN_LABELS, target: "Species", teacher, budget: { maxCalls: 60 }, model: "tree" });
    expect(u.stats.teacherCalls).toBe(60);
    expect(teacher.stats.teacherCalls).toBe(60);
    expect(u.stats.budgetExhausted).toBe(true);
    const test = testIndices(gold);
    // Validation and test rows were bought first (69 + 69 rows, 18 + 18 calls); the other 24 calls bought 96 training rows.
    expect(u.metadata.split.labelled).toEqual({ train: 96, validation: 69, test: 69 });
    expect(u.metrics.vsTeacher.n).toBe(test.length);
    expect(warnings.some((w) => w.includes("budget.maxCalls = 60"))).toBe(true);
    expect(u.metadata.warnings.some((w) => w.includes("budget.maxCalls = 60"))).toBe(true);
    expect(u.predict(rows.slice(0, 3))).toHaveLength(3);
  });

  it("rethrows the budget error, naming the budget, when too few labels were bought", async () => {
    const { functionTeacher } = await import("../../src/llm/function-teacher.ts");
    const run = distill({ data: rows, task: "Which species is this penguin?", labels: PENGUIN_LABELS, target: "Species", teacher: functionTeacher(goldTeacher()), budget: { maxCalls: 10 } });
    await expect(run).rejects.toMatchObject({ code: "budget_exceeded", message: expect.stringContaining("budget.maxCalls = 10") });
  });

  it("a run stopped by the budget resumes from the cache without paying for any call twice", async () => {
    const shown = ["Island", "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)", "Sex"];
    const key = (values: unknown[]) => JSON.stringify(values.map((v) => v ?? null));
    const goldByContent = new Map(rows.map((r) => [key(shown.map((c) => r[c])), r.Species as string]));
    const server = await startOpenAITestServer({
      respond: scriptedLLM((content) => goldByContent.get(key(shown.map((c) => (JSON.parse(content) as Record<string, unknown>)[c])))!, PENGUIN_LABELS),
    });
    const cacheDir = mkdtempSync(join(tmpdir(), "understudy-cache-"));
    try {
      const options = { data: rows, task: "Which species is this penguin?", labels: PENGUIN_LABELS, target: "Species", model: "tree" as const, expressions: false };
      const first = await distill({ ...options, teacher: openaiTeacher({ ...teacherOptions, baseURL: server.baseURL, cacheDir }), budget: { maxCalls: 40 } });
      expect(first.stats.teacherCalls).toBe(40);
      expect(first.stats.budgetExhausted).toBe(true);
      const second = await distill({ ...options, teacher: openaiTeacher({ ...teacherOptions, baseURL: server.baseURL, cacheDir }) });
      // 69 validation + 69 test + 206 training rows in batches of 4: 18 + 18 + 52 calls, 40 of them already paid.
      expect(second.stats.cacheHits).toBe(40);
      expect(second.stats.teacherCalls).toBe(18 + 18 + 52 - 40);
      expect(server.requests.filter((r) => r.outcome === "ok")).toHaveLength(88);
      expect(second.stats.budgetExhausted).toBe(false);
    } finally {
      await server.close();
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it("uses an OpenAI teacher's own budget for the run, and puts its previous budget back", async () => {
    const server = await startOpenAITestServer({ respond: scriptedLLM(() => "Adelie", PENGUIN_LABELS) });
    try {
      const teacher = openaiTeacher({ ...teacherOptions, baseURL: server.baseURL, budget: { maxUSD: 5 } });
      const run = distill({ data: rows, task: "Which species is this penguin?", labels: PENGUIN_LABELS, teacher, budget: { maxCalls: 12 } });
      await expect(run).rejects.toMatchObject({ code: "budget_exceeded", message: expect.stringContaining("budget.maxCalls") });
      expect(teacher.stats.teacherCalls).toBe(12);
      expect(server.requests).toHaveLength(12);
      expect(teacher.budget).toEqual({ maxUSD: 5 });
    } finally {
      await server.close();
    }
  });
});
