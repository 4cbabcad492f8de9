import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { regressionMetrics } from "../../src/evaluate/regression-metrics.ts";
import { distill } from "../../src/distill.ts";
import { Understudy } from "../../src/understudy/understudy.ts";
import { spamSample } from "../features/spam-sample.ts";
import { agreementOf, cars, penguins, PENGUIN_LABELS, progressLog, testIndices } from "./datasets.ts";

// No LLM here: the gold labels in the target column teach (what happens on a machine with no
// OPENAI_* configuration). The environment is cleared so defaultTeacher() finds nothing.
const ENV = ["OPENAI_API_KEY", "OPENAI_BASE_URL", "UNDERSTUDY_MODEL"];
const saved: Record<string, string | undefined> = {};
const infos: string[] = [];
let previousLogger: ReturnType<typeof setLogger>;
beforeAll(() => {
  for (const k of ENV) { saved[k] = process.env[k]; delete process.env[k]; }
  previousLogger = setLogger({ warn: () => {}, info: (m) => infos.push(m) });
});
afterAll(() => {
  for (const k of ENV) if (saved[k] !== undefined) process.env[k] = saved[k];
  setLogger(previousLogger);
});

describe("distill on a real tabular set (penguins), gold labels teaching", () => {
  const rows = penguins();
  const gold = rows.map((r) => r.Species as string);
  const log = progressLog();
  let u: Understudy;
  beforeAll(async () => {
    u = await distill({ data: rows, task: "Which species is this penguin?", labels: PENGUIN_LABELS, target: "Species", onProgress: log.onProgress });
  });

  it("says in one line that the gold labels teach and LLM-only features are skipped", () => {
    const lines = log.events.filter((e) => e.message?.includes("gold labels in column \"Species\" teach"));
    expect(lines).toHaveLength(1);
    expect(lines[0].message).toContain("LLM-only features");
    expect(infos.filter((m) => m.includes("gold labels in column"))).toHaveLength(1);
    expect(u.stats.teacherKind).toBe("gold");
    expect(u.stats.teacherCalls).toBe(0);
    // The teacher IS the gold: vsGold is present and says plainly it is the agreement, not a second measurement.
    expect(u.metrics.vsGold).toMatchObject({ rows: "test", n: u.metrics.vsTeacher.n, accuracy: u.metrics.vsTeacher.agreement, goldTeaches: true });
    expect(u.metrics.vsGold!.note).toContain("not a second, independent measurement");
  });

  it("emits progress in phase order load → label → features → fit → evaluate, each ending done = total", () => {
    const phases = log.events.map((e) => e.phase).filter((p, i, a) => p !== a[i - 1]);
    expect(phases).toEqual(["load", "label", "features", "fit", "evaluate"]);
    for (const phase of phases) {
      const last = log.events.filter((e) => e.phase === phase).at(-1)!;
      expect(last.done).toBe(last.total);
    }
  });

  it("reports test agreement that matches predictions on the held-out rows, recomputed here", () => {
    const test = testIndices(gold);
    const predicted = u.predict(test.map((i) => rows[i]));
    expect(u.metrics.vsTeacher.n).toBe(test.length);
    expect(u.metrics.vsTeacher.agreement).toBeCloseTo(agreementOf(predicted, test.map((i) => gold[i])), 12);
    expect(u.metrics.vsTeacher.agreement).toBeGreaterThan(0.9);
    const cm = u.metrics.vsTeacher.confusion!;
    expect(cm.matrix.flat().reduce((a, b) => a + b, 0)).toBe(test.length);
  });

  it("keeps identifiers and the target out of the features, and predicts one of the labels per row", () => {
    expect(u.metadata.features).not.toContain("Species");
    expect(u.model.featureNames.some((n) => n.startsWith("Species"))).toBe(false);
    expect(u.classes).toEqual(PENGUIN_LABELS);
    const p = u.predict(rows.slice(0, 20));
    for (const label of p) expect(PENGUIN_LABELS).toContain(label);
    for (const q of u.predictProba(rows.slice(0, 20))) expect(q.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it("picks the simplest candidate within the tolerance of the best, and says why", () => {
    const { candidates, chosen, reason, tolerance } = u.metadata.modelChoice;
    expect(candidates.map((c) => c.name)).toEqual(["logistic", "tree", "ebm", "knn", "forest"]);
    for (const c of candidates) expect(c).toMatchObject({ rows: "cv", folds: 5, n: u.metadata.split.labelled.train + u.metadata.split.labelled.validation });
    const best = Math.max(...candidates.map((c) => c.score));
    const expected = candidates.filter((c) => c.score >= best - tolerance).sort((a, b) => a.simplicity - b.simplicity)[0];
    expect(chosen).toBe(expected.name);
    expect(candidates.filter((c) => c.chosen).map((c) => c.name)).toEqual([chosen]);
    expect(reason).toContain(expected.type);
  });

  it("explains a row: reason codes add up to the explained output and the sentences name features", () => {
    const e = u.explain(rows[5]);
    expect(e.prediction).toBe(u.predict([rows[5]])[0]);
    const sum = e.reasons.all.reduce((s, c) => s + c.contribution, 0);
    expect(e.reasons.base + sum).toBeCloseTo(e.reasons.outputValue, 9);
    expect(e.text.length).toBeGreaterThan(0);
    expect(e.text[0]).toMatch(/raises|lowers/);
    expect(e.probability).toBeCloseTo(Math.max(...u.predictProba([rows[5]])[0]), 12);
  });

  it("round-trips through JSON with identical predictions, and the report still works from stored figures", async () => {
    const text = JSON.stringify(u.toJSON());
    const v = Understudy.fromJSON(JSON.parse(text));
    expect(v.predict(rows)).toEqual(u.predict(rows));
    expect(v.predictProba(rows)).toEqual(u.predictProba(rows));
    expect(v.metrics).toEqual(u.metrics);
    const before = await u.report({ format: "md", generatedAt: "2026-01-01T00:00:00Z" });
    const after = await v.report({ format: "md", generatedAt: "2026-01-01T00:00:00Z" });
    expect(after).toBe(before);
    expect(after).toContain("Which species is this penguin?");
    const json = JSON.parse(await v.report({ format: "json" }));
    expect(JSON.stringify(json)).toContain(u.hashes.model);
  });

  it("writes an HTML report with inline SVG charts", async () => {
    const html = await u.report({ format: "html" });
    expect(html).toContain("<svg");
    expect(html).not.toContain("<script");
  });

  it("gives every chart as a Vega-Lite spec built from real figures", () => {
    const c = u.charts;
    const confusion = c.confusion();
    expect(confusion.data.values).toHaveLength(9);
    expect(c.importance().data.values.length).toBeGreaterThan(0);
    expect(c.calibration().$schema).toContain("vega-lite/v5");
    expect(c.reasonCodes(rows[0]).data.values.length).toBeGreaterThan(2);
    expect(c.partialDependence("Flipper Length (mm)").data.values.length).toBeGreaterThan(20);
    expect(c.cascade().data.values.length).toBeGreaterThan(1);
    expect(c.learningCurve!().data.values.length).toBeGreaterThan(1);
    expect(() => c.partialDependence("no such feature")).toThrow(/no such feature/);
  });

  it("shows a summary card in notebooks", () => {
    const card = (u as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for("Jupyter.display")]();
    expect(card["text/plain"]).toContain("Accuracy (gold, which taught)"); // the gold labels teach: agreement with them is accuracy
    expect(card["text/html"]).toContain("Which species is this penguin?");
  });

  it("distills a single tree on request, with its rules as a chart and a decision path per row", async () => {
    const t = await distill({ data: rows, task: "Which species is this penguin?", labels: PENGUIN_LABELS, target: "Species", model: "tree" });
    expect(t.model.kind).toBe("DecisionTreeClassifier");
    expect(t.charts.tree!().data.values.length).toBeGreaterThan(1);
    const e = t.explain(rows[0]);
    expect(e.path!.steps.length).toBeGreaterThan(0);
    expect(e.counterfactual).toBeDefined();
  });

  it("reads the rows from a file path the same as from objects (same data hash, same predictions)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "understudy-distill-"));
    try {
      const file = join(dir, "penguins.json");
      writeFileSync(file, JSON.stringify(rows));
      const fromFile = await distill({ data: file, task: "Which species is this penguin?", labels: PENGUIN_LABELS, target: "Species" });
      expect(fromFile.metadata.source).toBe("penguins.json");
      expect(fromFile.hashes.data).toBe(u.hashes.data);
      expect(fromFile.predict(rows)).toEqual(u.predict(rows));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("measures outcomes by group with a sensitive column", async () => {
    const f = await distill({ data: rows, task: "Which species is this penguin?", labels: PENGUIN_LABELS, target: "Species", model: "tree", sensitive: "Sex" });
    const test = testIndices(gold);
    const groups = f.metrics.fairness!.groups;
    expect(groups.reduce((s, g) => s + g.n, 0)).toBe(test.length);
    const predicted = f.predict(test.map((i) => rows[i]));
    const male = test.map((i, k) => ({ sex: rows[i].Sex, p: predicted[k] })).filter((r) => r.sex === "MALE");
    expect(groups.find((g) => g.group === "MALE")!.positiveRate).toBeCloseTo(male.filter((r) => r.p === "Adelie").length / male.length, 12);
    expect(f.charts.fairness!().data.values.length).toBe(groups.length);
  });
});

describe("distill on a real text set (SpamAssassin), gold labels teaching", () => {
  const emails = spamSample(300, 3);
  const gold = emails.map((e) => e.label);
  let u: Understudy;
  beforeAll(async () => {
    u = await distill({ data: emails.map((e) => ({ text: e.text, label: e.label })), task: "Is this email spam?", labels: ["spam", "ham"], text: "text", target: "label" });
  });

  it("learns TF-IDF features on training rows and agrees with held-out gold labels", () => {
    // The sample holds copies of some e-mails: distill keeps each e-mail's copies in one part.
    const test = testIndices(gold, 0, { rows: emails, columns: ["text"] });
    const predicted = u.predict(test.map((i) => ({ text: emails[i].text })));
    expect(u.metrics.vsTeacher.agreement).toBeCloseTo(agreementOf(predicted, test.map((i) => gold[i])), 12);
    expect(u.metrics.vsTeacher.agreement).toBeGreaterThan(0.85);
    expect(u.featurizer.lineage.every((l) => l.source === "tfidf")).toBe(true);
  });

  it("measures which terms matter, whichever model won", () => {
    const rows = u.metadata.artefacts.importance!.rows;
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(u.model.featureNames).toContain(r.feature);
    expect(u.charts.importance().data.values.length).toBe(Math.min(rows.length, 20));
  });

  it("explains an e-mail by its terms", () => {
    const e = u.explain({ text: "FREE money!!! Click here to claim your prize now" });
    expect(e.text.length).toBeGreaterThan(0);
    expect(e.reasons.all[0].name.startsWith("text:")).toBe(true);
  });

  it("refuses SQL for text features with a clear error", () => {
    expect(() => u.toSQL({ dialect: "duckdb", table: "emails" })).toThrow(/no SQL form/);
  });
});

describe("distill a regression (cars: miles per gallon), the numeric target teaching", () => {
  it("reports R², MAE and RMSE on held-out rows that match a recomputation", async () => {
    const rows = cars();
    const features = ["Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration", "Origin"];
    const u = await distill({ data: rows, task: "How many miles per gallon does this car do?", target: "Miles_per_Gallon", features });
    expect(u.metrics.task).toBe("regression");
    const test = testIndices(rows.length, 0, { rows, columns: features }).filter((i) => typeof rows[i].Miles_per_Gallon === "number");
    const predicted = u.predict(test.map((i) => rows[i])) as number[];
    const expected = regressionMetrics(test.map((i) => rows[i].Miles_per_Gallon as number), predicted);
    expect(u.metrics.vsTeacher.r2).toBeCloseTo(expected.r2, 12);
    expect(u.metrics.vsTeacher.mae).toBeCloseTo(expected.mae, 12);
    expect(u.metrics.vsTeacher.r2).toBeGreaterThan(0.5);
    const v = Understudy.fromJSON(JSON.parse(JSON.stringify(u.toJSON())));
    expect(v.predict(rows)).toEqual(u.predict(rows));
    expect(await v.report({ format: "md" })).toContain("R²");
  });
});
