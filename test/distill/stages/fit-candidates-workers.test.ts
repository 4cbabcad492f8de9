// The model choice on worker threads must be the choice without them, bit for bit: the same
// scores, settings, chosen and runner-up models (a forest travels back as JSON), and
// out-of-fold predictions, whatever the number of workers and whichever thread ran a fit.
import { describe, expect, it } from "vitest";
import { setLogger } from "../../../src/core/logger.ts";
import { Random } from "../../../src/core/random.ts";
import { inferSchema } from "../../../src/data/infer-schema.ts";
import { fitCandidates, type FitCandidatesInput, type FittedCandidates } from "../../../src/distill/fit-candidates.ts";
import { foldFeaturizer } from "../../../src/distill/fold-featurizer.ts";
import { Featurizer } from "../../../src/features/featurizer.ts";

// 400 rows, two numeric columns and a categorical one; the label is an interaction (a square
// in the middle, flipped in one region) with 8% noise: trees and forests beat logistic regression.
const rng = new Random(11);
const regions = ["north", "south", "east"];
const rows = Array.from({ length: 400 }, () => ({ a: rng.next(), b: rng.next(), region: regions[rng.int(3)], c: rng.normal() }));
const y = rows.map((r) => {
  const inside = Math.abs(r.a - 0.5) < 0.25 && Math.abs(r.b - 0.5) < 0.25;
  return (r.region === "east" ? !inside : inside) !== rng.next() < 0.08 ? "yes" : "no";
});
const schema = inferSchema(rows);
const fitted = new Featurizer({ schema, features: ["a", "b", "region", "c"], text: [] }).fit(rows);

async function choose(extra: Partial<FitCandidatesInput>, warnings: string[] = []): Promise<FittedCandidates> {
  const previous = setLogger({ warn: (m) => warnings.push(m) });
  try {
    return await fitCandidates({ kind: "classification", model: "auto", seed: 3, labelled: { rows, y }, featurizerOn: foldFeaturizer(fitted, rows, []), ...extra });
  } finally {
    setLogger(previous);
  }
}

/** Everything a choice gives, as plain data. */
function everything(f: FittedCandidates): unknown {
  return {
    choice: f.choice,
    settings: f.chosen.settings,
    model: f.chosen.model.toJSON(),
    outOfFold: f.chosen.outOfFold,
    runnerUp: f.chosen.runnerUp ? { name: f.chosen.runnerUp.name, type: f.chosen.runnerUp.type, model: f.chosen.runnerUp.model.toJSON() } : undefined,
    predictions: f.chosen.model.predictProba!(f.chosen.train),
  };
}

describe("fitCandidates on worker threads", () => {
  const sequential = choose({ workers: 0 });

  it("chooses a forest or keeps one as the runner-up here, so a forest comes back from a worker", async () => {
    const s = await sequential;
    expect([s.choice.chosen, s.chosen.runnerUp?.name]).toContain("forest");
    expect(s.choice.candidates.map((c) => c.name)).toEqual(["logistic", "tree", "ebm", "knn", "forest"]);
  });

  it("gives the sequential choice bit for bit with every fit in one worker", async () => {
    const warnings: string[] = [];
    const pooled = await choose({ workers: 1, mainThreadFits: false }, warnings);
    // No warning: the worker started and ran every fit (a worker that fails says so once).
    expect(warnings).toEqual([]);
    expect(everything(pooled)).toEqual(everything(await sequential));
  });

  it("gives the same with two workers and the main thread sharing the fits", async () => {
    expect(everything(await choose({ workers: 2 }))).toEqual(everything(await sequential));
  });

  it("falls back to the main thread when a worker cannot start, and says so once", async () => {
    const warnings: string[] = [];
    const broken = new URL("./no-such-worker.js", import.meta.url);
    const pooled = await choose({ workers: 2, mainThreadFits: false, workerEntry: broken }, warnings);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^the model choice fits on the main thread alone: a worker thread could not run/);
    expect(everything(pooled)).toEqual(everything(await sequential));
  });

  it("recovers from a worker that dies mid-choice: its fits, and a forest it kept, are fitted again on the main thread", async () => {
    const warnings: string[] = [];
    const dying = new URL("./exiting-fit-worker.ts", import.meta.url);
    const pooled = await choose({ workers: 1, mainThreadFits: false, workerEntry: dying }, warnings);
    expect(warnings).toEqual(["the model choice fits on the main thread alone: a worker thread could not run (the worker exited)."]);
    expect(everything(pooled)).toEqual(everything(await sequential));
  });
});
