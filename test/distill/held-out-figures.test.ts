import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { distill } from "../../src/distill.ts";
import { functionTeacher } from "../../src/llm/function-teacher.ts";
import type { ChatMessage } from "../../src/llm/teacher.ts";
import type { Understudy } from "../../src/understudy/understudy.ts";
import { promptRows } from "../teach/prompt-rows.ts";
import { penguins, testIndices } from "./datasets.ts";

// Held-out figures an auditor re-derives by hand: calibration over EVERY test row the teacher
// labelled (a label the model never learned counts as a miss, not as a row to drop), and
// fairness by group against gold when an LLM teaches and a gold column is given.
const rows = penguins();
const gold = rows.map((r) => r.Species as string);
const LABELS = ["Adelie", "Chinstrap", "Gentoo", "Other"];
const shown = ["Island", "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)", "Sex"];
const key = (r: Record<string, unknown>) => JSON.stringify(shown.map((c) => r[c] ?? null));
const indexOf = new Map(rows.map((r, i) => [key(r), i]));
const test = testIndices(gold);
const testSet = new Set(test);
/** The teacher's label: gold, except "Other" for every fourth test row (never on a training row), and one flip in 7 rows. */
const teacherLabel = (i: number) => (testSet.has(i) && i % 4 === 0 ? "Other" : i % 7 === 3 ? (gold[i] === "Adelie" ? "Gentoo" : "Adelie") : gold[i]);

describe("held-out figures recomputed independently", () => {
  let u: Understudy;
  let restore: ReturnType<typeof setLogger>;
  beforeAll(async () => {
    restore = setLogger({ warn: () => {} });
    const teacher = functionTeacher((req) => ({
      answers: promptRows(req.messages as ChatMessage[]).map((r) => ({ id: r.id, label: teacherLabel(indexOf.get(key(JSON.parse(r.content)))!), confidence: 0.9 })),
    }));
    u = await distill({ data: rows, task: "Which species is this penguin?", labels: LABELS, target: "Species", teacher, model: "logistic", sensitive: "Sex", useSensitiveAsFeature: true, expressions: false });
  });
  afterAll(() => { setLogger(restore); });

  it("calibration counts every test row, a label the model never learned included", () => {
    expect(u.classes).toEqual(["Adelie", "Chinstrap", "Gentoo"]);
    const teacherSays = test.map(teacherLabel);
    expect(teacherSays.filter((l) => l === "Other").length).toBeGreaterThan(10);
    expect(u.metrics.vsTeacher.n).toBe(test.length);
    const proba = u.predictProba(test.map((i) => rows[i]));
    // Brier over all four labels: "Other" has probability 0 in every row.
    const brier = proba.reduce((s, p, t) => s + LABELS.reduce((a, l) => {
      const k = u.classes!.indexOf(l);
      return a + ((k < 0 ? 0 : p[k]) - (teacherSays[t] === l ? 1 : 0)) ** 2;
    }, 0), 0) / test.length;
    expect(u.metrics.calibration!.brier).toBeCloseTo(brier, 12);
    // ECE with ten equal-width bins of the top probability.
    const bins = Array.from({ length: 10 }, () => ({ n: 0, conf: 0, right: 0 }));
    proba.forEach((p, t) => {
      const top = Math.max(...p);
      const b = bins[Math.min(Math.floor(top * 10), 9)];
      b.n++; b.conf += top; if (u.classes![p.indexOf(top)] === teacherSays[t]) b.right++;
    });
    const ece = bins.reduce((s, b) => s + (b.n ? (b.n / test.length) * Math.abs(b.right / b.n - b.conf / b.n) : 0), 0);
    expect(u.metrics.calibration!.ece).toBeCloseTo(ece, 12);
  });

  it("draws the cascade's agreement target only over an agreement curve, not over accuracy against gold", async () => {
    const frontier = u.metadata.artefacts.cascadeFrontier!;
    expect(frontier.every((p) => p.accuracy !== undefined)).toBe(true);
    const spec = JSON.stringify(u.charts.cascade());
    expect(spec).toContain("accuracy against gold");
    expect(spec).not.toContain('"target":');
    const report = JSON.parse(await u.report({ format: "json" })) as { input: { performance: { cascade: { targetAccuracy?: number; points: { accuracy: number }[] } } } };
    expect(report.input.performance.cascade.targetAccuracy).toBeUndefined();
    expect(report.input.performance.cascade.points.map((p) => p.accuracy).sort()).toEqual(frontier.map((p) => p.accuracy).sort());
  });

  it("fairness by group reports accuracy against gold when an LLM teaches beside a gold column", () => {
    const predicted = u.predict(test.map((i) => rows[i]));
    const groups = u.metrics.fairness!.groups;
    expect(groups.length).toBeGreaterThan(1);
    for (const g of groups) {
      const members = test.map((i, t) => ({ i, t })).filter(({ i }) => String(rows[i].Sex ?? "(missing)") === g.group);
      expect(g.n).toBe(members.length);
      expect(g.accuracy).toBeCloseTo(members.filter(({ i, t }) => predicted[t] === gold[i]).length / members.length, 12);
      expect(g.agreement).toBeCloseTo(members.filter(({ i, t }) => predicted[t] === teacherLabel(i)).length / members.length, 12);
    }
  });
});

describe("gold teaching with some labels missing", () => {
  it("leaves the unlabelled rows out, and says how many in a warning", async () => {
    const warnings: string[] = [];
    const restore = setLogger({ warn: (m) => warnings.push(m), info: () => {} });
    try {
      const partial = rows.map((r, i) => (i % 9 === 0 ? { ...r, Species: null } : r));
      const missing = partial.filter((r) => r.Species === null).length;
      const u = await distill({ data: partial, task: "Which species is this penguin?", labels: ["Adelie", "Chinstrap", "Gentoo"], target: "Species", teacher: false, model: "tree" });
      const { labelled, rows: parts } = u.metadata.split;
      expect(parts.train + parts.validation + parts.test - (labelled.train + labelled.validation + labelled.test)).toBe(missing);
      const said = `${missing} row(s) have no gold label in column "Species"`;
      expect(u.metadata.warnings.some((w) => w.startsWith(said))).toBe(true);
      expect(warnings.some((w) => w.startsWith(said))).toBe(true);
    } finally {
      setLogger(restore);
    }
  });
});

describe("test rows the teacher left unanswered", () => {
  it("are out of every held-out figure, vsGold included, and the report says how many", async () => {
    const restore = setLogger({ warn: () => {}, info: () => {} });
    try {
      const unsure = (i: number) => testSet.has(i) && i % 5 === 1;
      const teacher = functionTeacher((req) => ({
        answers: promptRows(req.messages as ChatMessage[]).map((r) => {
          const i = indexOf.get(key(JSON.parse(r.content)))!;
          return { id: r.id, label: unsure(i) ? "unsure" : gold[i], confidence: 0.9 };
        }),
      }));
      const u = await distill({ data: rows, task: "Which species is this penguin?", labels: ["Adelie", "Chinstrap", "Gentoo"], target: "Species", teacher, model: "tree", expressions: false });
      const skipped = test.filter(unsure).length;
      expect(skipped).toBeGreaterThan(5);
      expect(u.metrics.vsTeacher.n).toBe(test.length - skipped);
      expect(u.metrics.vsGold!.n).toBe(test.length - skipped);
      const report = JSON.parse(await u.report({ format: "json" })) as { input: { limitations: string[] } };
      expect(report.input.limitations).toContain(
        `${skipped} of ${test.length} test rows have no teacher label (unsure or failed) and are in no held-out figure, accuracy against gold included; the model still answers such rows in use, and they may be the hard ones.`,
      );
    } finally {
      setLogger(restore);
    }
  });
});

