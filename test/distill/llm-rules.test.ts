import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { splitRows } from "../../src/data/split-rows.ts";
import { distill } from "../../src/distill.ts";
import { openaiTeacher } from "../../src/llm/openai-teacher.ts";
import type { ChatMessage } from "../../src/llm/teacher.ts";
import { Understudy } from "../../src/understudy/understudy.ts";
import { runDuckDB, type ColumnType } from "../export/sql-engines.ts";
import { startOpenAITestServer, type ChatRequestBody, type OpenAITestServer, type ScriptedReply } from "../support/openai-test-server.ts";
import { promptRows } from "../teach/prompt-rows.ts";
import { penguins, PENGUIN_LABELS } from "./datasets.ts";
import { SCRIPTED_RULES, scriptedLLM } from "./scripted-llm.ts";

// FeatLLM rules in distill: the scripted teacher labels penguins with their true species and
// proposes three rules (SCRIPTED_RULES): "Flipper Length (mm)" > 205 ⇒ Gentoo, a line of
// JavaScript, and an arithmetic expression that is no condition.

const rows = penguins();
const gold = rows.map((r) => r.Species as string);
const SHOWN = ["Island", "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)", "Sex"];
const key = (values: unknown[]) => JSON.stringify(values.map((v) => v ?? null));
const goldByContent = new Map(rows.map((r) => [key(SHOWN.map((c) => r[c])), r.Species as string]));
const RULE = "rule: \"Flipper Length (mm)\" > 205 ⇒ Gentoo";

/** Labels are the gold species (no noise), so rule statistics are computable here; other requests go to the shared script. */
function respond(body: ChatRequestBody): ScriptedReply {
  if (body.response_format?.json_schema?.name === "labels") {
    const asked = promptRows(body.messages as ChatMessage[]);
    return { content: { answers: asked.map((r) => ({ id: r.id, label: goldByContent.get(key(SHOWN.map((c) => (JSON.parse(r.content) as Record<string, unknown>)[c]))), confidence: 1 })) } };
  }
  return scriptedLLM(() => "Adelie", PENGUIN_LABELS)(body);
}

const teacherOptions = { model: "test-model", apiKey: "sk-test", cacheDir: false as const, maxInvalidRetries: 1, prices: { "test-model": { input: 0.15, output: 0.6 } } };
const schemaNames = (server: OpenAITestServer) => server.requests.map((r) => r.body.response_format?.json_schema?.name);

describe("distill with LLM rules (FeatLLM) through the OpenAI-compatible test server", () => {
  let server: OpenAITestServer;
  let u: Understudy;
  let previousLogger: ReturnType<typeof setLogger>;
  beforeAll(async () => {
    previousLogger = setLogger({ warn: () => {} });
    server = await startOpenAITestServer({ respond });
    u = await distill({
      data: rows, task: "Which species is this penguin?", labels: PENGUIN_LABELS, target: "Species", model: "logistic",
      teacher: openaiTeacher({ ...teacherOptions, baseURL: server.baseURL }),
    });
  }, 120_000);
  afterAll(async () => { await server.close(); setLogger(previousLogger); });

  it("asks for rules once, with the numeric columns and a prompt version", () => {
    expect(schemaNames(server).filter((n) => n === "rules")).toHaveLength(1);
    const asked = server.requests.find((r) => r.body.response_format?.json_schema?.name === "rules")!;
    expect((asked.body.messages as ChatMessage[])[0].content).toContain("\"Flipper Length (mm)\" (number)");
    expect(u.metadata.teacher.promptVersions.rules).toBe("rules-propose@1");
    expect(u.stats.byPurpose.rules.teacherCalls).toBe(1);
  });

  it("turns the sensible rule into a 0/1 feature with lineage, fitted on training rows", () => {
    const lineage = u.featurizer.lineage.find((l) => l.source === "rule")!;
    expect(lineage).toMatchObject({ name: RULE, source: "rule", expression: "\"Flipper Length (mm)\" > 205", promptVersion: "rules-propose@1" });
    expect(u.featurizer.lineage.filter((l) => l.source === "rule")).toHaveLength(1);
    // The feature is 1 exactly where the flipper is longer than 205 mm (0 where it is missing).
    const X = u.featurizer.transform(rows);
    const j = X.featureNames.indexOf(RULE);
    expect(Array.from(X.column(j))).toEqual(rows.map((r) => (typeof r["Flipper Length (mm)"] === "number" && r["Flipper Length (mm)"] > 205 ? 1 : 0)));
    // Its statistics on the training rows, recomputed from the split and the teacher's labels (gold: every row answered).
    expect(u.stats.failedRows + u.stats.unsure).toBe(0);
    const train = Array.from(splitRows(gold, { seed: 0 }).train);
    const fired = train.filter((i) => (rows[i]["Flipper Length (mm)"] as number | null) !== null && (rows[i]["Flipper Length (mm)"] as number) > 205);
    const kept = u.metadata.artefacts.rules!.kept;
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ name: RULE, label: "Gentoo", condition: "\"Flipper Length (mm)\" > 205", why: SCRIPTED_RULES[0].why });
    expect(kept[0].support).toBeCloseTo(fired.length / train.length, 12);
    expect(kept[0].precision).toBeCloseTo(fired.filter((i) => gold[i] === "Gentoo").length / fired.length, 12);
    // The model uses it: a logistic regression has a coefficient for every feature.
    expect(u.model.featureNames).toContain(RULE);
  });

  it("rejects the hostile and the non-condition rules, each with its reason", () => {
    const rejected = u.metadata.artefacts.rules!.rejected;
    expect(rejected).toHaveLength(2);
    expect(rejected.find((r) => r.label === "Adelie")!.reason).toMatch(/^does not parse/);
    expect(rejected.find((r) => r.label === "Chinstrap")!.reason).toBe("not a true/false condition (use a comparison, and, or, not)");
  });

  it("shows the rule's lineage in the report's features section, and the rejected rules among the limitations", async () => {
    const report = JSON.parse(await u.report({ format: "json" })) as { input: { features: { name: string; kind: string; lineage: string }[]; limitations: string[] } };
    const row = report.input.features.find((f) => f.name === RULE)!;
    expect(row.kind).toBe("LLM rule");
    expect(row.lineage).toContain("1 when \"Flipper Length (mm)\" > 205, else 0");
    expect(row.lineage).toContain("\"Gentoo\"");
    expect(row.lineage).toContain("rules-propose@1");
    const limitation = report.input.limitations.find((l) => l.startsWith("LLM rules rejected"))!;
    expect(limitation).toContain("does not parse");
    expect(limitation).toContain("not a true/false condition");
  });

  it("predicts identically after a JSON round trip, rule feature included", () => {
    const v = Understudy.fromJSON(JSON.parse(JSON.stringify(u.toJSON())));
    expect(v.featurizer.lineage.find((l) => l.source === "rule")!.name).toBe(RULE);
    expect(v.predict(rows)).toEqual(u.predict(rows));
    expect(v.predictProba(rows)).toEqual(u.predictProba(rows));
  });

  it("exports SQL that DuckDB runs to the same prediction on 100% of rows", async () => {
    const sql = u.toSQL({ dialect: "duckdb", table: "penguins" });
    const columns: Record<string, ColumnType> = { Island: "string", "Beak Length (mm)": "number", "Beak Depth (mm)": "number", "Flipper Length (mm)": "number", "Body Mass (g)": "number", Sex: "string" };
    const out = await runDuckDB("penguins", columns, rows, sql);
    const proba = u.predictProba(rows);
    expect(out.map((r) => r.prediction)).toEqual(u.predict(rows));
    out.forEach((r, i) => expect(r.probability as number).toBeCloseTo(Math.max(...proba[i]), 12));
  });
});

describe("the rules option", () => {
  it("is off with expressions: false unless asked for, and rules: false turns it off", async () => {
    const server = await startOpenAITestServer({ respond });
    const previous = setLogger({ warn: () => {} });
    try {
      const base = { data: rows, task: "Which species is this penguin?", labels: PENGUIN_LABELS, target: "Species", model: "tree" as const, teacher: openaiTeacher({ ...teacherOptions, baseURL: server.baseURL }) };
      const quiet = await distill({ ...base, expressions: false });
      expect(schemaNames(server)).not.toContain("rules");
      expect(quiet.metadata.artefacts.rules).toBeUndefined();
      const onlyRules = await distill({ ...base, expressions: false, rules: true });
      expect(schemaNames(server).filter((n) => n === "rules")).toHaveLength(1);
      expect(schemaNames(server)).not.toContain("expressions");
      expect(onlyRules.featurizer.lineage.map((l) => l.name)).toContain(RULE);
      const noRules = await distill({ ...base, rules: false });
      expect(schemaNames(server).filter((n) => n === "rules")).toHaveLength(1);
      expect(noRules.featurizer.lineage.some((l) => l.source === "rule")).toBe(false);
    } finally {
      setLogger(previous);
      await server.close();
    }
  }, 120_000);
});
