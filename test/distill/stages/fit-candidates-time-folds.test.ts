import { describe, expect, it } from "vitest";
import { setLogger } from "../../../src/core/logger.ts";
import { Random } from "../../../src/core/random.ts";
import { inferSchema } from "../../../src/data/infer-schema.ts";
import { distill } from "../../../src/distill.ts";
import type { DistillOptions } from "../../../src/distill/distill-options.ts";
import { fitCandidates } from "../../../src/distill/fit-candidates.ts";
import { foldFeaturizer } from "../../../src/distill/fold-featurizer.ts";
import { Featurizer } from "../../../src/features/featurizer.ts";

describe("fitCandidates out of time: forward-chained folds", () => {
  // 120 rows, time rank = row index / 2 (two rows per day, given in reverse order).
  const rng = new Random(4);
  const rows = Array.from({ length: 120 }, (_, i) => ({ x: rng.next(), day: Math.floor((119 - i) / 2) }));
  const times = rows.map((r) => r.day);
  const y = rows.map((r) => (r.x > 0.5 ? "up" : "down"));
  const schema = inferSchema(rows);
  const featurizerOn = foldFeaturizer(new Featurizer({ schema, features: ["x"], text: [] }).fit(rows), rows, []);
  const trainedOn: number[][] = [];
  const fitting = fitCandidates({
    kind: "classification", model: "tree", seed: 0, times, labelled: { rows, y },
    featurizerOn: (fitRows, s) => { trainedOn.push(fitRows.map((r) => rows.indexOf(r as (typeof rows)[number]))); return featurizerOn(fitRows, s); },
  });

  it("trains each of 5 folds on the days before the 20 rows it validates (an expanding window)", async () => {
    const fit = await fitting;
    const foldTrains = trainedOn.filter((t) => t.length < rows.length);
    // 6 blocks of 20 rows (10 days each): fold k trains on blocks 0..k-1.
    expect(foldTrains.map((t) => t.length)).toEqual([20, 40, 60, 80, 100]);
    for (const t of foldTrains) {
      const lastDay = Math.max(...t.map((i) => times[i]));
      expect(lastDay).toBe(t.length / 2 - 1);
    }
    expect(fit.choice.candidates[0]).toMatchObject({ folds: 5, n: 100, rows: "cv" });
    expect(fit.choice.reason).toContain("Out of time: each fold trained only on rows earlier than those it scored (forward-chained), so the 20 earliest labelled rows only trained.");
  });

  it("has out-of-fold predictions for every row but the earliest block (days 0–9), which only trains", async () => {
    const fit = await fitting;
    const predicted = fit.chosen.outOfFold.rows!;
    expect(predicted).toEqual(rows.map((_, i) => i).filter((i) => times[i] >= 10));
    expect(fit.chosen.outOfFold.predictions).toHaveLength(100);
    expect(fit.chosen.outOfFold.proba).toHaveLength(100);
    // The model refit on all 120 rows is unchanged by the folds.
    expect(fit.chosen.train.nRows).toBe(120);
  });
});

describe("distill({ split: { by } }) chooses on forward-chained folds", () => {
  // 300 days, two rows a day; the label alternates every 40 days, and the feature t is the day.
  // The 240 labelled (train + validation) days make 6 blocks of 40 that match the alternation:
  // a tree on t interpolates between neighbouring days in random folds, but forward in time it
  // must extrapolate to a block whose label is the opposite of the one before it.
  const day = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  const rows = Array.from({ length: 300 }, (_, i) => ({ t: Math.floor(i / 2), when: day(i), label: i % 80 < 40 ? "up" : "down" }));
  const options: DistillOptions = { data: rows, task: "Up or down?", labels: ["up", "down"], target: "label", teacher: false, model: "tree", features: ["t"], costs: { falsePositive: 1, falseNegative: 2 } };

  it("scores each fold on later days than it trained on, leaving out the fold whose past holds one label", async () => {
    const previous = setLogger({ warn: () => {}, info: () => {} });
    try {
      const forward = await distill({ ...options, split: { by: "when" } });
      const tree = forward.metadata.modelChoice.candidates[0];
      // Fold 1 would train on block 0 alone, all "up": left out. Folds 2–5 validate blocks 2–5 (160 rows).
      expect(tree).toMatchObject({ folds: 4, n: 160 });
      // A tree on t extends the latest trained block's label forward, the opposite of the block
      // it validates: the shuffled folds below score over 0.85 on the same rows.
      expect(tree.score).toBeLessThanOrEqual(0.25);
      // The cutoff and the calibration come from the same 160 out-of-fold rows.
      expect(forward.metadata.cutoff).toMatchObject({ rows: "cv", n: 160 });
      expect(forward.metrics.calibrationCV).toMatchObject({ rows: "cv", n: 160 });
      const shuffled = await distill({ ...options });
      expect(shuffled.metadata.modelChoice.candidates[0]).toMatchObject({ folds: 5, n: 240 });
      expect(shuffled.metadata.modelChoice.candidates[0].score).toBeGreaterThan(0.85);
    } finally {
      setLogger(previous);
    }
  });
});
