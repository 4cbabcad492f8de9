import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { distill } from "../../src/distill.ts";
import { openaiTeacher, type OpenAITeacher } from "../../src/llm/openai-teacher.ts";
import type { Understudy } from "../../src/understudy/understudy.ts";
import { spamSample } from "../features/spam-sample.ts";
import { startOpenAITestServer, type OpenAITestServer } from "../support/openai-test-server.ts";
import { promptRows } from "../teach/prompt-rows.ts";
import { agreementOf, testIndices } from "./datasets.ts";

// Small model first, the LLM when unsure: the threshold is chosen on out-of-fold rows at
// distill time, then the cascade runs on the held-out test rows against the test server.
describe("u.cascade on held-out e-mails", () => {
  const emails = spamSample(240, 11);
  const gold = emails.map((e) => e.label);
  const goldByText = new Map(emails.map((e) => [e.text, e.label]));
  const target = 0.97;
  let server: OpenAITestServer;
  let teacher: OpenAITeacher;
  let u: Understudy;
  let previousLogger: ReturnType<typeof setLogger>;
  beforeAll(async () => {
    previousLogger = setLogger({ warn: () => {} });
    server = await startOpenAITestServer({
      respond: (body) => ({
        content: { answers: promptRows(body.messages as never).filter((r) => r.label === undefined).map((r) => ({ id: r.id, label: goldByText.get(r.content), confidence: 1 })) },
      }),
    });
    teacher = openaiTeacher({ model: "test-model", apiKey: "sk-test", baseURL: server.baseURL, cacheDir: false, prices: { "test-model": { input: 0.15, output: 0.6 } } });
    u = await distill({
      data: emails.map((e) => ({ text: e.text, label: e.label })), task: "Is this email spam?", labels: ["spam", "ham"], text: "text",
      target: "label", teacher, concepts: false, cascadeTarget: target,
    });
  }, 120_000);
  afterAll(async () => { await server.close(); setLogger(previousLogger); });

  it("chooses a threshold on out-of-fold rows that meets the target there", () => {
    const c = u.metrics.cascade!;
    expect(c.met).toBe(true);
    expect(c.targetAgreement).toBe(target);
    expect(c.validation.agreement).toBeGreaterThanOrEqual(target);
    expect(c.validation.coverage).toBeGreaterThan(0);
  });

  it("answers confident rows itself and sends the rest to the teacher; coverage, agreement and cost check out", async () => {
    const test = testIndices(gold, 0, { rows: emails, columns: ["text"] });
    const rows = test.map((i) => ({ text: emails[i].text }));
    const threshold = u.metrics.cascade!.threshold;
    const confidence = u.predictProba(rows).map((p) => Math.max(...p));
    const small = confidence.map((c) => c >= threshold);
    const callsBefore = teacher.stats.teacherCalls;
    const r = await u.cascade(rows, { teacher });

    expect(r.coverage).toBeCloseTo(small.filter(Boolean).length / rows.length, 12);
    expect(r.coverage).toBeGreaterThan(0); // both sides of the cascade are exercised
    expect(r.coverage).toBeLessThan(1);
    expect(r.answers.map((a) => a.by)).toEqual(small.map((s) => (s ? "model" : "teacher")));
    const predicted = u.predict(rows);
    r.answers.forEach((a, k) => expect(a.label).toBe(small[k] ? predicted[k] : gold[test[k]]));

    // The teacher's labels here are the gold labels, so agreement with the teacher = accuracy.
    const agreement = agreementOf(r.labels, test.map((i) => gold[i]));
    expect(agreement).toBeCloseTo(u.metrics.cascade!.test.agreement, 12);
    expect(r.heldOut).toEqual(u.metrics.cascade!.test);
    expect(agreement).toBeGreaterThanOrEqual(target - 0.03);
    expect(agreement).toBeGreaterThanOrEqual(u.metrics.vsTeacher.agreement);

    expect(r.sentToTeacher).toBe(rows.length - small.filter(Boolean).length);
    expect(r.teacherCalls).toBe(r.sentToTeacher);
    expect(teacher.stats.teacherCalls - callsBefore).toBe(r.sentToTeacher);
    expect(r.costUSD).toBeGreaterThan(0);
    expect(r.llmOnlyCostUSD).toBeCloseTo((r.costUSD / r.sentToTeacher) * rows.length, 12);
    expect(r.savedUSD).toBeCloseTo(r.llmOnlyCostUSD - r.costUSD, 12);
  });

  it("takes an explicit threshold: 0 never calls the teacher", async () => {
    const rows = emails.slice(0, 10).map((e) => ({ text: e.text }));
    const r = await u.cascade(rows, { teacher, threshold: 0 });
    expect(r.coverage).toBe(1);
    expect(r.teacherCalls).toBe(0);
    expect(r.labels).toEqual(u.predict(rows));
    expect(r.heldOut).toBeUndefined();
  });

  it("draws the frontier from out-of-fold rows", () => {
    const spec = u.charts.cascade();
    expect(spec.data.values.length).toBe(u.metadata.artefacts.cascadeFrontier!.length);
  });
});
