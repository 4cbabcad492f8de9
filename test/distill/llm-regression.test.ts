import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { distill } from "../../src/distill.ts";
import { regressionMetrics } from "../../src/evaluate/regression-metrics.ts";
import { functionTeacher } from "../../src/llm/function-teacher.ts";
import { openaiTeacher } from "../../src/llm/openai-teacher.ts";
import type { ChatMessage } from "../../src/llm/teacher.ts";
import { Understudy } from "../../src/understudy/understudy.ts";
import { startOpenAITestServer, type ChatRequestBody, type OpenAITestServer } from "../support/openai-test-server.ts";
import { promptRows } from "../teach/prompt-rows.ts";
import { cars, testIndices } from "./datasets.ts";
import { contentHash } from "./scripted-llm.ts";

// Regression with an LLM teacher: the teacher estimates each car's miles per gallon, the gold
// value plus a known noise, with a few answers out of range, a few that are not numbers, and
// a few abstentions. Every expected figure below is recomputed from that script.

const FEATURES = ["Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration", "Origin"];
const RANGE: [number, number] = [5, 60];
/** The teacher's error, by row: exactly one of these is added to the gold value. */
const NOISE = [-2, -1, 0, 1, 2];
const key = (row: Record<string, unknown>) => JSON.stringify(FEATURES.map((c) => row[c] ?? null));

/** What the scripted teacher answers for a row: gold + noise, or 500 (out of range), a sentence (not a number) or null (unsure). */
function teacherAnswer(rowKey: string, gold: number | null): number | string | null {
  const h = contentHash(rowKey);
  if (gold === null) return null;
  if (h % 29 === 3) return "about twenty";
  if (h % 23 === 5) return 500;
  if (h % 31 === 2) return null;
  return gold + NOISE[h % 5];
}

const rows = cars();
const goldOf = rows.map((r) => (typeof r.Miles_per_Gallon === "number" ? r.Miles_per_Gallon : null));
// Rows with the same features are the same prompt, so the teacher answers them alike (the last one's gold).
const goldByKey = new Map(rows.map((r, i) => [key(r), goldOf[i]]));
const answers = rows.map((r) => teacherAnswer(key(r), goldByKey.get(key(r))!));
const usable = (a: unknown): a is number => typeof a === "number" && a >= RANGE[0] && a <= RANGE[1];

/** Test-server reply: the scripted answers for the delimited rows of a "values" request. */
function respond(body: ChatRequestBody) {
  if (body.response_format?.json_schema?.name !== "values") return { content: {} };
  const asked = promptRows(body.messages as ChatMessage[]);
  return {
    content: {
      answers: asked.map((r) => {
        const parsed = JSON.parse(r.content) as Record<string, unknown>;
        return { id: r.id, value: teacherAnswer(key(parsed), goldByKey.get(key(parsed))!) };
      }),
    },
  };
}

describe("distill a regression from an LLM teacher through the OpenAI-compatible test server", () => {
  let server: OpenAITestServer;
  let u: Understudy;
  let previousLogger: ReturnType<typeof setLogger>;
  const warnings: string[] = [];
  beforeAll(async () => {
    previousLogger = setLogger({ warn: (m) => warnings.push(m) });
    server = await startOpenAITestServer({ respond, faults: { rate: 0.05, seed: 3, kinds: [{ status: 500 }, { malformed: true }] } });
    const teacher = openaiTeacher({ model: "test-model", apiKey: "sk-test", baseURL: server.baseURL, cacheDir: false, maxRetries: 4, maxInvalidRetries: 1, backoff: { baseMs: 1, maxMs: 4 } });
    u = await distill({
      data: rows, task: "How many miles per gallon does this car do?", target: "Miles_per_Gallon", features: FEATURES, range: RANGE, teacher,
    });
  }, 120_000);
  afterAll(async () => { await server.close(); setLogger(previousLogger); });

  it("the script has every kind of answer, so the test can fail on each", () => {
    expect(answers.filter((a) => a === 500).length).toBeGreaterThan(0);
    expect(answers.filter((a) => typeof a === "string").length).toBeGreaterThan(0);
    expect(answers.filter((a) => a === null).length).toBeGreaterThan(0);
  });

  it("asks the teacher for a number per row, rows delimited, the target never shown", () => {
    const asked = server.requests.filter((r) => r.body.response_format?.json_schema?.name === "values");
    expect(asked.length).toBeGreaterThan(0);
    const first = asked[0].body.messages as ChatMessage[];
    expect(first[0].content).toContain("between 5 and 60");
    expect(promptRows(first).length).toBe(4);
    for (const r of asked) expect(JSON.stringify(r.body.messages)).not.toContain("Miles_per_Gallon");
    expect(u.metadata.teacher.promptVersions.label).toBe("label-value@1");
  });

  it("records out-of-range and non-numeric answers as failures and null answers as unsure, never as values", () => {
    expect(u.stats.labelsRequested).toBe(rows.length);
    expect(u.stats.unsure).toBe(answers.filter((a) => a === null).length);
    expect(u.stats.failedRows).toBe(answers.filter((a) => a !== null && !usable(a)).length);
    expect(u.stats.labelled).toBe(answers.filter(usable).length);
    expect(u.metadata.warnings.some((w) => w.includes("unsure"))).toBe(true);
  });

  it("compares regressor families by cross-validated R² with the teacher's values", () => {
    expect(u.metrics.task).toBe("regression");
    expect(u.metadata.modelChoice.metric).toBe("r2");
    expect(u.metadata.modelChoice.candidates.map((c) => c.name)).toEqual(["linear", "tree", "ebm", "knn", "forest"]);
    expect(u.metadata.modelChoice.candidates.every((c) => c.rows === "cv")).toBe(true);
    expect(u.classes).toBeUndefined();
  });

  it("measures R², MAE and RMSE against the teacher's values on test rows, as recomputed here", () => {
    const test = testIndices(rows.length, 0, { rows, columns: FEATURES }).filter((i) => usable(answers[i]));
    const predicted = u.predict(test.map((i) => rows[i])) as number[];
    const expected = regressionMetrics(test.map((i) => answers[i] as number), predicted);
    const v = u.metrics.vsTeacher;
    expect(v.n).toBe(test.length);
    expect(v.r2).toBeCloseTo(expected.r2, 12);
    expect(v.agreement).toBeCloseTo(expected.r2, 12);
    expect(v.mae).toBeCloseTo(expected.mae, 12);
    expect(v.rmse).toBeCloseTo(expected.rmse, 12);
    expect(v.r2).toBeGreaterThan(0.6);
  });

  it("scores against the gold column too, and the teacher's own error, whose MAE is the script's mean |noise|", () => {
    const test = testIndices(rows.length, 0, { rows, columns: FEATURES }).filter((i) => usable(answers[i]));
    const predicted = u.predict(test.map((i) => rows[i])) as number[];
    const gold = test.map((i) => goldOf[i]!);
    const expected = regressionMetrics(gold, predicted);
    expect(u.metrics.vsGold!.n).toBe(test.length);
    expect(u.metrics.vsGold!.r2).toBeCloseTo(expected.r2, 12);
    expect(u.metrics.vsGold!.accuracy).toBeCloseTo(expected.r2, 12);
    expect(u.metrics.vsGold!.mae).toBeCloseTo(expected.mae, 12);
    expect(u.metrics.vsGold!.rmse).toBeCloseTo(expected.rmse, 12);
    // The teacher's error is the scripted noise (on rows whose features no other row shares, it is exactly one of NOISE).
    const exact = test.filter((i) => rows.filter((r) => key(r) === key(rows[i])).length === 1);
    expect(exact.length).toBeGreaterThan(test.length * 0.9);
    for (const i of exact) expect(NOISE).toContain(Math.round(((answers[i] as number) - goldOf[i]!) * 1e6) / 1e6);
    const noise = test.map((i) => Math.abs((answers[i] as number) - goldOf[i]!));
    expect(u.metrics.teacherVsGold!.n).toBe(test.length);
    expect(u.metrics.teacherVsGold!.mae).toBeCloseTo(noise.reduce((a, b) => a + b, 0) / noise.length, 12);
  });

  it("round-trips through JSON with identical predictions, and the report shows the figures against teacher and gold", async () => {
    const v = Understudy.fromJSON(JSON.parse(JSON.stringify(u.toJSON())));
    expect(v.predict(rows)).toEqual(u.predict(rows));
    const report = JSON.parse(await v.report({ format: "json" })) as { input: { performance: { other: { name: string; value: number; against: string }[] } } };
    const other = report.input.performance.other;
    expect(other.find((o) => o.name === "R²" && o.against === "teacher")!.value).toBeCloseTo(u.metrics.vsTeacher.r2!, 12);
    expect(other.find((o) => o.name === "MAE" && o.against === "gold values")!.value).toBeCloseTo(u.metrics.vsGold!.mae!, 12);
  });
});

describe("distill a regression from a function teacher, no gold column, range given", () => {
  it("learns the teacher's values and measures against them alone", async () => {
    const teacher = functionTeacher((req) => ({
      answers: promptRows(req.messages).map((r) => {
        const parsed = JSON.parse(r.content) as Record<string, unknown>;
        return { id: r.id, value: teacherAnswer(key(parsed), goldByKey.get(key(parsed))!) };
      }),
    }));
    const data = rows.map(({ Miles_per_Gallon: _, ...rest }) => rest);
    const setLog = setLogger({ warn: () => {} });
    try {
      const v = await distill({ data, task: "How many miles per gallon does this car do?", features: FEATURES, range: RANGE, teacher, model: "linear" });
      expect(v.metrics.task).toBe("regression");
      expect(v.metrics.vsGold).toBeUndefined();
      expect(v.metadata.teacher.kind).toBe("function");
      const test = testIndices(rows.length, 0, { rows, columns: FEATURES }).filter((i) => usable(answers[i]));
      const expected = regressionMetrics(test.map((i) => answers[i] as number), v.predict(test.map((i) => data[i])) as number[]);
      expect(v.metrics.vsTeacher.r2).toBeCloseTo(expected.r2, 12);
      expect(v.stats.failedRows).toBe(answers.filter((a) => a !== null && !usable(a)).length);
    } finally {
      setLogger(setLog);
    }
  });
});
