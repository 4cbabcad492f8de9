import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { distill } from "../../src/distill.ts";
import { functionTeacher } from "../../src/llm/function-teacher.ts";
import { penguins, PENGUIN_LABELS } from "./datasets.ts";

// Bad input gets one UnderstudyError whose message names the problem and the fix.
const ENV = ["OPENAI_API_KEY", "OPENAI_BASE_URL", "UNDERSTUDY_MODEL"];
const saved: Record<string, string | undefined> = {};
let previousLogger: ReturnType<typeof setLogger>;
beforeAll(() => {
  for (const k of ENV) { saved[k] = process.env[k]; delete process.env[k]; }
  previousLogger = setLogger({ warn: () => {}, info: () => {} });
});
afterAll(() => {
  for (const k of ENV) if (saved[k] !== undefined) process.env[k] = saved[k];
  setLogger(previousLogger);
});

const rows = penguins();
const task = "Which species is this penguin?";

describe("distill rejects bad input clearly", () => {
  it("no teacher and no target: says how to configure a teacher", async () => {
    await expect(distill({ data: rows, task, labels: PENGUIN_LABELS })).rejects.toMatchObject({
      code: "no_teacher",
      message: expect.stringMatching(/OPENAI_API_KEY.*teacher:.*target column/s),
    });
  });

  it("an unknown target (label) column names the columns there are", async () => {
    await expect(distill({ data: rows, task, labels: PENGUIN_LABELS, target: "species" })).rejects.toMatchObject({
      code: "unknown_column",
      message: expect.stringContaining('target column "species" is not in the data; its columns are "Species"'),
    });
  });

  it("the target column named as text: refused, since the answer would become a feature and reach the teacher", async () => {
    await expect(distill({ data: rows, task, labels: PENGUIN_LABELS, target: "Species", text: "Species" })).rejects.toMatchObject({
      code: "target_is_feature",
      message: expect.stringContaining('the target column "Species" is also named in text'),
    });
  });

  it("an id-like column named in features: refused by distill, naming the column and why it looks like an id", async () => {
    const withId = rows.map((r, i) => ({ penguin: `P${i}`, ...r }));
    await expect(distill({ data: withId, task, labels: PENGUIN_LABELS, target: "Species", features: ["penguin", "Island"] })).rejects.toMatchObject({
      code: "id_feature",
      message: expect.stringMatching(/features column "penguin" is an identifier \(unique per row: id-like\)/),
    });
  });

  it("an unknown text or feature column too", async () => {
    await expect(distill({ data: rows, task, labels: PENGUIN_LABELS, target: "Species", features: ["Wingspan"] })).rejects.toMatchObject({ code: "unknown_column" });
    await expect(distill({ data: rows, task, labels: PENGUIN_LABELS, target: "Species", text: "notes" })).rejects.toMatchObject({ code: "unknown_column" });
  });

  it("a classification task without labels says to pass them, listing the classes seen", async () => {
    await expect(distill({ data: rows, task, target: "Species" })).rejects.toMatchObject({
      code: "labels_missing",
      message: expect.stringMatching(/holds classes \("Adelie", "Chinstrap", "Gentoo"\); pass labels/),
    });
    await expect(distill({ data: rows, task, teacher: functionTeacher(() => ({})) })).rejects.toMatchObject({ code: "labels_missing" });
  });

  it("gold values outside the label set are named", async () => {
    await expect(distill({ data: rows, task, labels: ["Adelie", "Gentoo"], target: "Species" })).rejects.toMatchObject({
      code: "unknown_label",
      message: expect.stringContaining('"Chinstrap", which is not in labels'),
    });
  });

  it("bad labels, split, tolerance, model and seed", async () => {
    const base = { data: rows, task, target: "Species" };
    await expect(distill({ ...base, labels: ["Adelie"] })).rejects.toMatchObject({ code: "bad_labels" });
    await expect(distill({ ...base, labels: ["Adelie", "unsure"] })).rejects.toMatchObject({ code: "bad_labels" });
    await expect(distill({ ...base, labels: PENGUIN_LABELS, split: { train: 0.8, validation: 0.2, test: 0 } })).rejects.toMatchObject({ code: "bad_option", message: expect.stringContaining("split") });
    await expect(distill({ ...base, labels: PENGUIN_LABELS, tolerance: 2 })).rejects.toMatchObject({ code: "bad_option" });
    await expect(distill({ ...base, labels: PENGUIN_LABELS, model: "svm" as never })).rejects.toMatchObject({ code: "bad_option", message: expect.stringContaining('"svm"') });
    await expect(distill({ ...base, labels: PENGUIN_LABELS, model: "linear" })).rejects.toMatchObject({ code: "bad_option", message: expect.stringContaining('use model: "logistic"') });
    await expect(distill({ ...base, labels: PENGUIN_LABELS, seed: 0.5 })).rejects.toMatchObject({ code: "bad_option" });
    await expect(distill({ ...base, task: " ", labels: PENGUIN_LABELS })).rejects.toMatchObject({ code: "bad_option", message: expect.stringContaining("task") });
  });

  it("a regression teacher is asked for numbers; one that never gives a usable number: too few labels", async () => {
    const asked: string[] = [];
    const silent = functionTeacher((req) => { asked.push(req.schemaName); return {}; });
    await expect(distill({ data: rows, task: "Body mass?", target: "Body Mass (g)", teacher: silent })).rejects.toMatchObject({ code: "too_few_labels" });
    expect(new Set(asked)).toEqual(new Set(["values"]));
  });

  it("a bad range, or a range for a classification task, is refused", async () => {
    const teacher = functionTeacher(() => ({}));
    for (const range of [[60, 5], [0, Infinity], [1]] as never[]) {
      await expect(distill({ data: rows, task: "Body mass?", target: "Body Mass (g)", range, teacher })).rejects.toMatchObject({ code: "bad_option", message: expect.stringContaining("range") });
    }
    await expect(distill({ data: rows, task, labels: PENGUIN_LABELS, range: [0, 1], teacher })).rejects.toMatchObject({ code: "bad_option", message: expect.stringContaining("range") });
    // Without labels, a teacher and no numeric target is not taken for regression unless a range says so.
    await expect(distill({ data: rows, task, teacher })).rejects.toMatchObject({ code: "labels_missing", message: expect.stringContaining("range: [min, max]") });
  });

  it("a teacher that never gives a usable label: too few labels, said plainly", async () => {
    const silent = functionTeacher(() => { throw new Error("down"); });
    await expect(distill({ data: rows.slice(0, 60), task, labels: PENGUIN_LABELS, teacher: silent })).rejects.toMatchObject({ code: "too_few_labels" });
  });
});
