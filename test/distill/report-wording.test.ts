import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { Random } from "../../src/core/random.ts";
import { messages } from "../../src/core/messages/index.ts";
import { distill } from "../../src/distill.ts";
import { openaiTeacher } from "../../src/llm/openai-teacher.ts";
import type { TreeModel } from "../../src/models/estimator.ts";
import { Understudy } from "../../src/understudy/understudy.ts";
import { conceptArtefacts } from "../../src/understudy/concept-artefacts.ts";
import { compileMessages } from "../charts/compile-spec.ts";
import { spamSample } from "../features/spam-sample.ts";
import { startOpenAITestServer, type ChatRequestBody, type OpenAITestServer } from "../support/openai-test-server.ts";
import { promptRows } from "../teach/prompt-rows.ts";
import { penguins, PENGUIN_LABELS } from "./datasets.ts";
import { scriptedLLM } from "./scripted-llm.ts";

// What distill says about itself in the report, the summary card and the charts: no raw
// sentinel numbers, no "not measured" for what was measured, text that matches the figures.

/** The notebook summary card of an Understudy (its MIME bundle). */
const cardOf = (u: Understudy) => (u as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for("Jupyter.display")]();

const ENV = ["OPENAI_API_KEY", "OPENAI_BASE_URL", "UNDERSTUDY_MODEL"];
const saved: Record<string, string | undefined> = {};
const warnings: string[] = [];
let previousLogger: ReturnType<typeof setLogger>;
beforeAll(() => {
  for (const k of ENV) { saved[k] = process.env[k]; delete process.env[k]; }
  previousLogger = setLogger({ warn: (m) => warnings.push(m), info: () => {} });
});
afterAll(() => {
  for (const k of ENV) { if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k]; }
  setLogger(previousLogger);
});

describe("teacher: false — the target column teaches even when an LLM is configured", () => {
  let server: OpenAITestServer;
  beforeAll(async () => {
    server = await startOpenAITestServer({ respond: () => ({ content: {} }) });
    process.env.OPENAI_BASE_URL = server.baseURL;
    process.env.OPENAI_API_KEY = "sk-test";
    process.env.UNDERSTUDY_MODEL = "configured-llm";
  });
  afterAll(async () => {
    for (const k of ENV) delete process.env[k];
    await server.close();
  });

  it("never asks the configured LLM, and says why in the teacher note", async () => {
    const u = await distill({ data: penguins(), task: "Which species is this penguin?", labels: PENGUIN_LABELS, target: "Species", teacher: false, model: "tree" });
    expect(server.requests).toHaveLength(0);
    expect(u.stats.teacherKind).toBe("gold");
    expect(u.stats.teacherCalls).toBe(0);
    expect(u.metadata.teacher.model).toBe("gold labels (column Species)");
    expect(u.metadata.teacher.note).toMatch(/^teacher: false, so the gold labels in column "Species" teach/);
  });

  it("without a target column, fails with one error that names the fix", async () => {
    await expect(distill({ data: penguins(), task: "Which species?", labels: PENGUIN_LABELS, teacher: false }))
      .rejects.toMatchObject({ code: "no_teacher", message: messages.distill.teacherFalseNoTarget() });
    expect(server.requests).toHaveLength(0);
  });
});

describe("gold labels teaching: the report states accuracy against gold", () => {
  let u: Understudy;
  beforeAll(async () => {
    u = await distill({ data: penguins(), task: "Which species is this penguin?", labels: PENGUIN_LABELS, target: "Species", teacher: false, model: "tree" });
  });

  it("gives metrics.vsGold, marked as the gold that taught, and shows agreement as accuracy in the report", async () => {
    expect(u.metrics.vsGold).toMatchObject({ rows: "test", accuracy: u.metrics.vsTeacher.agreement, goldTeaches: true });
    const agreement = `${(u.metrics.vsTeacher.agreement * 100).toFixed(1)}%`;
    const html = await u.report({ format: "html" });
    expect(html).toContain(`<div><b>${agreement}</b>Accuracy against gold labels<small>test rows`);
    expect(html).not.toMatch(/<b>not measured<\/b>Accuracy against gold/);
    const md = await u.report({ format: "md" });
    expect(md).not.toContain("Accuracy against gold labels was not measured");
    expect(md).toMatch(new RegExp(`\\| Gold labels \\| Accuracy \\| ${agreement.replace(".", "\\.")} \\|`));
    expect(md).toContain("accuracy against gold is the agreement with the teacher on the same held-out test rows");
    const json = JSON.parse(await u.report({ format: "json" }));
    expect(json.input.performance.vsGold.value).toBe(u.metrics.vsTeacher.agreement);
  });

  it("labels the summary card's headline figure as accuracy against the gold that taught", () => {
    const card = JSON.stringify(cardOf(u));
    expect(card).toContain("Accuracy (gold, which taught)");
    expect(card).not.toContain("Agreement with teacher");
  });
});

describe("a cascade target no threshold meets", () => {
  // Labels drawn at random, unrelated to the features: a deep tree is confidently wrong on
  // out-of-fold rows, so no threshold keeps 100% agreement.
  const random = new Random(11);
  const rows = Array.from({ length: 300 }, () => ({ x: random.next(), y: random.next(), label: random.next() < 0.5 ? "a" : "b" }));
  let u: Understudy;
  beforeAll(async () => {
    u = await distill({ data: rows, task: "a or b?", labels: ["a", "b"], target: "label", teacher: false, model: "tree", cascadeTarget: 1 });
  });

  it("stores the never-reached threshold but prints a sentence, not 1.7976931348623157e+308", async () => {
    const c = u.metrics.cascade!;
    expect(c.met).toBe(false);
    expect(c.threshold).toBe(Number.MAX_VALUE);
    expect(c.test.coverage).toBe(0);
    const again = Understudy.fromJSON(JSON.parse(JSON.stringify(u.toJSON())));
    for (const m of [u, again]) {
      for (const format of ["html", "md", "json"] as const) {
        const text = await m.report({ format });
        expect(text).not.toMatch(/e\+308|1\.797693/);
        if (format !== "json") expect(text).toContain("No confidence threshold kept 100.0% agreement with the teacher on out-of-fold rows");
      }
      const card = JSON.stringify(cardOf(m));
      expect(card).not.toMatch(/e\+308|1\.797693/);
      expect(card).toContain("no threshold meets 100% agreement: the teacher answers every row");
    }
  });
});

describe("feature importance on a wide (TF-IDF) feature set", () => {
  const emails = spamSample(300, 3);
  const data = emails.map((e) => ({ text: e.text, label: e.label }));
  for (const model of ["tree", "logistic"] as const) {
    it(`${model}: measured on the held-out test rows the chart's subtitle names`, async () => {
      const u = await distill({ data, task: "Is this email spam?", labels: ["spam", "ham"], text: "text", target: "label", teacher: false, model });
      expect(u.model.nFeatures).toBeGreaterThan(60);
      const imp = u.metadata.artefacts.importance!;
      expect(imp.measuredOn).toBe(`${u.metrics.vsTeacher.n} held-out test rows`);
      expect(imp.measure).toMatch(/^Drop in agreement with the teacher when shuffled \(test rows; /);
      expect(imp.measure).not.toContain("training rows");
      // Permutation repeats give a spread; impurity or coefficient sizes would not.
      for (const r of imp.rows) expect(r.std).toBeGreaterThanOrEqual(0);
      const spec = u.charts.importance() as unknown as { title: { subtitle?: string | string[] } };
      expect([spec.title.subtitle].flat().join(" ")).toContain(imp.measuredOn);
      if (model === "tree") {
        // Only features the tree splits on are permuted: any other cannot change a prediction.
        const t = (u.model as unknown as TreeModel).trees[0];
        const split = new Set(Array.from(t.feature).filter((_, n) => t.left[n] !== -1).map((j) => u.model.featureNames[j]));
        expect(imp.rows.length).toBe(Math.min(30, split.size));
        for (const r of imp.rows) expect(split.has(r.feature)).toBe(true);
      }
    }, 60_000);
  }
});

describe("LLM concepts, one of which the teacher answers the same for every row", () => {
  const emails = spamSample(240, 5);
  const goldByText = new Map(emails.map((e) => [e.text, e.label]));
  const scripted = scriptedLLM((content) => goldByText.get(content) ?? "ham", ["spam", "ham"]);
  let server: OpenAITestServer;
  let u: Understudy;
  beforeAll(async () => {
    server = await startOpenAITestServer({
      respond: (body: ChatRequestBody) => {
        if (body.response_format?.json_schema?.name !== "concept_answers") return scripted(body);
        const text = promptRows(body.messages as never)[0].content;
        // c2 ("quotes an earlier message") is answered "no" for every e-mail: nothing to learn.
        return { content: { c1: /free|money|\$|prize|offer|cash/i.test(text), c2: false, c3: /click|reply now|act now|visit/i.test(text) } };
      },
    });
    const teacher = openaiTeacher({ model: "test-model", apiKey: "sk-test", baseURL: server.baseURL, cacheDir: false });
    u = await distill({ data: emails.map((e) => ({ text: e.text, label: e.label })), task: "Is this email spam?", labels: ["spam", "ham"], text: "text", target: "label", teacher, expressions: false });
  }, 300_000);
  afterAll(async () => { await server.close(); });

  it("charts the measured concepts and renders, and lists the constant one with its reason in the features", async () => {
    const a = u.metadata.artefacts;
    const constant = "Does the email quote an earlier message or mention a mailing list?";
    expect(a.droppedConcepts).toContainEqual({ question: constant, reason: "the teacher gave the same answer to nearly every row (0% yes), so there was nothing to learn" });
    expect(a.concepts!.length).toBeGreaterThan(0);
    for (const c of a.concepts!) expect(Number.isFinite(c.agreement)).toBe(true);
    expect(a.concepts!.map((c) => c.concept)).not.toContain(constant);
    expect(compileMessages(u.charts.concepts!())).toEqual([]);
    warnings.length = 0;
    const md = await u.report({ format: "md" });
    expect(warnings.filter((w) => w.includes("chart left out"))).toEqual([]);
    expect(md).toContain(`| ${constant} | LLM concept, dropped (not a feature) | proposed by the teacher; dropped: the teacher gave the same answer to nearly every row`);
  });
});

describe("conceptArtefacts", () => {
  const base = { detector: "logistic" as const, balancedAccuracy: 0.9, nTrain: 100 };
  it("keeps measured concepts (kept or dropped) for the chart, with status, and every dropped one with its reason", () => {
    const { chart, dropped } = conceptArtefacts([
      { ...base, id: "c1", question: "Money?", kept: true, agreement: 0.9, positiveRate: 0.3, nHeldOut: 40 },
      { ...base, id: "c2", question: "Quote?", kept: false, reason: "constant", agreement: NaN, balancedAccuracy: NaN, positiveRate: 0, nHeldOut: 0 },
      { ...base, id: "c3", question: "Cash?", kept: false, reason: "redundant", redundantWith: "c1", agreement: 0.85, positiveRate: 0.25, nHeldOut: 40 },
      { ...base, id: "c4", question: "Tone?", kept: false, reason: "undetectable", agreement: 0.5, balancedAccuracy: 0.52, positiveRate: 0.5, nHeldOut: 40 },
    ]);
    expect(chart).toEqual([
      { concept: "Money?", agreement: 0.9, baseline: 0.7, support: 40, status: "kept" },
      { concept: "Cash? (dropped: its answers repeat a kept concept (\"Money?\"))", agreement: 0.85, baseline: 0.75, support: 40, status: "dropped: repeats a kept concept" },
      { concept: "Tone? (dropped: its detector did no better than chance on held-out rows (balanced accuracy 0.52))", agreement: 0.5, baseline: 0.5, support: 40, status: "dropped: no better than chance" },
    ]);
    expect(dropped.map((d) => d.question)).toEqual(["Quote?", "Cash?", "Tone?"]);
    expect(dropped[0].reason).toBe("the teacher gave the same answer to nearly every row (0% yes), so there was nothing to learn");
  });
});
