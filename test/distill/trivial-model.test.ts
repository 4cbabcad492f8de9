import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { Random } from "../../src/core/random.ts";
import { distill } from "../../src/distill.ts";
import { trivialModelWarning } from "../../src/distill/trivial-model-warning.ts";
import { Featurizer } from "../../src/features/featurizer.ts";
import type { Estimator, Label } from "../../src/models/estimator.ts";
import type { UnderstudyMetrics } from "../../src/understudy/bundle-types.ts";
import { penguins, PENGUIN_LABELS } from "./datasets.ts";

// A model no better than a trivial one is flagged in the warnings (which the CLI prints).
const logged: string[] = [];
let restore: ReturnType<typeof setLogger>;
beforeAll(() => { restore = setLogger({ warn: (m) => logged.push(m), info: () => {} }); });
afterAll(() => { setLogger(restore); });

const trivial = (warnings: readonly string[]) => warnings.filter((w) => w.startsWith("The model is no better than a trivial one"));

describe("distill flags a model no better than a trivial one", () => {
  it("binary labels that are coin flips: flagged, with the figures", async () => {
    const rng = new Random(1);
    const rows = Array.from({ length: 400 }, () => ({ a: rng.next(), b: rng.next(), label: rng.next() < 0.5 ? "yes" : "no" }));
    const u = await distill({ data: rows, task: "Is it yes?", labels: ["yes", "no"], target: "label", teacher: false, model: "logistic" });
    const [w] = trivial(u.metadata.warnings);
    expect(w).toMatch(/AUC for "yes" 0\.\d{3} ≤ 0\.55|balanced accuracy 0\.\d{3} ≤ 0\.520/);
    expect(logged).toContain(w); // the logger is what the CLI writes to stderr
  });

  it("regression whose test rows are unlike its training rows: R² ≤ 0 on test rows is flagged", async () => {
    // Out of time, and the latest 20% of rows (the test rows) sit 100 higher than anything seen
    // in training: whatever the model, its held-out R² is far below 0.
    const rng = new Random(2);
    const rows = Array.from({ length: 300 }, (_, t) => ({ t, a: rng.next(), b: rng.next(), y: rng.next() * 10 + (t >= 240 ? 100 : 0) }));
    const u = await distill({ data: rows, task: "How much?", target: "y", features: ["a", "b"], teacher: false, model: "tree", split: { train: 0.6, validation: 0.2, test: 0.2, by: "t" } });
    expect(u.metrics.vsTeacher.r2!).toBeLessThanOrEqual(0);
    expect(trivial(u.metadata.warnings)).toEqual([expect.stringContaining(`R² = ${u.metrics.vsTeacher.r2!.toFixed(3)} ≤ 0`)]);
  });

  it("a real signal (penguins) is not flagged", async () => {
    const u = await distill({ data: penguins(), task: "Which species?", labels: PENGUIN_LABELS, target: "Species", teacher: false, model: "tree" });
    expect(trivial(u.metadata.warnings)).toEqual([]);
  });
});

describe("trivialModelWarning", () => {
  const metrics = (perClass: [number, number][]): UnderstudyMetrics => ({
    task: "classification",
    vsTeacher: { n: 8, agreement: 0.5, perClass: perClass.map(([n, agreement], k) => ({ label: `l${k}`, n, agreement })) },
  } as UnderstudyMetrics);

  it("compares balanced accuracy with 1/k + 0.02", () => {
    expect(trivialModelWarning({ metrics: metrics([[10, 0.36], [10, 0.3], [10, 0.4]]) })).toContain("balanced accuracy 0.353 ≤ 0.353"); // 1/3 + 0.02
    expect(trivialModelWarning({ metrics: metrics([[10, 0.4], [10, 0.3], [10, 0.4]]) })).toBeUndefined(); // 0.367
  });

  it("computes the AUC of the positive label's probability by ranks, ties counting half", () => {
    // Scores for "pos" on 6 rows; positives at 0.9, 0.4 and 0.3 (tied with a negative); negatives 0.8, 0.3, 0.1.
    // Pairs positive > negative: 0.9 beats 3, 0.4 beats 2, 0.3 beats 1 and ties 1 → 6.5 / 9.
    const scores = [0.9, 0.8, 0.4, 0.3, 0.3, 0.1];
    const y: Label[] = ["pos", "neg", "pos", "pos", "neg", "neg"];
    const model = { classes: ["neg", "pos"], predictProba: () => scores.map((s) => [1 - s, s]) } as unknown as Estimator<Label>;
    const featurizer = { transform: () => [] } as unknown as Featurizer;
    const w = trivialModelWarning({ metrics: metrics([[3, 0.9], [3, 0.9]]), binary: { model, featurizer, rows: [], y, positive: "pos" } });
    expect(w).toBeUndefined(); // 0.722 > 0.55
    const flipped = { ...model, predictProba: () => scores.map((s) => [s, 1 - s]) } as unknown as Estimator<Label>;
    expect(trivialModelWarning({ metrics: metrics([[3, 0.9], [3, 0.9]]), binary: { model: flipped, featurizer, rows: [], y, positive: "pos" } }))
      .toContain(`AUC for "pos" ${(2.5 / 9).toFixed(3)} ≤ 0.55`);
  });
});
