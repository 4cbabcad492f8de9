import { describe, expect, it } from "vitest";
import { Random } from "../../src/core/random.ts";
import { inferSchema } from "../../src/data/infer-schema.ts";
import { fitCandidates } from "../../src/distill/fit-candidates.ts";
import { foldFeaturizer } from "../../src/distill/fold-featurizer.ts";
import { Featurizer } from "../../src/features/featurizer.ts";
import { candidateModels, selectCandidates } from "../../src/understudy/choose-model.ts";

type Row = Record<string, number>;

/** The EBM family tuned alone (model: "ebm") on these rows: the settings its 5-fold CV kept. */
async function tunedEBM(rows: Row[], y: number[]) {
  const features = Object.keys(rows[0]);
  const fitted = new Featurizer({ schema: inferSchema(rows), features, text: [] }).fit(rows);
  const fit = await fitCandidates({ kind: "regression", model: "ebm", seed: 0, labelled: { rows, y }, featurizerOn: foldFeaturizer(fitted, rows, []) });
  return fit.choice.candidates[0];
}

describe("the EBM's grid: pairs over coarse shapes (8 bins per feature) on small sets", () => {
  it("lists main effects only, 10 pairs over 8 bins and 10 pairs over 255 bins, and says which in the model's name", () => {
    const [ebm] = candidateModels("regression", "ebm", 0);
    expect(ebm.grid).toEqual([{ interactions: 0 }, { interactions: 10, maxBins: 8 }, { interactions: 10 }]);
    expect(ebm.make(ebm.grid[1]).options).toMatchObject({ interactions: 10, maxBins: 8 });
    expect(ebm.make(ebm.grid[2]).options).toMatchObject({ interactions: 10, maxBins: 255 });
    expect(ebm.describe(ebm.grid[1])).toBe("explainable boosting machine (main effects + 10 pairwise terms, 8 bins per feature)");
    expect(ebm.describe(ebm.grid[2])).toBe("explainable boosting machine (main effects + 10 pairwise terms)");
  });

  it("keeps the coarse pairs on small noisy sets: 255 quantile bins of 160 training rows hold one row each and follow its noise", async () => {
    // y = a + b + noise (sd 0.3), two more columns of noise alone, 200 rows; six such sets.
    // Whether 8 bins beat main effects over 255 on one set depends on its noise, so the test
    // counts: on all but at most one of the six, cross-validation keeps the coarse pairs.
    const kept = [];
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const rng = new Random(seed);
      const rows = Array.from({ length: 200 }, () => ({ a: rng.next(), b: rng.next(), z0: rng.next(), z1: rng.next() }));
      const y = rows.map((r) => r.a + r.b + 0.3 * rng.normal());
      kept.push(await tunedEBM(rows, y));
    }
    expect(kept.filter((e) => e.settings.maxBins === 8).length).toBeGreaterThanOrEqual(5);
    for (const e of kept.filter((c) => c.settings.maxBins === 8)) expect(e.type).toContain("8 bins per feature");
  });

  it("keeps main effects over 255 bins on a small set where a step falls inside an octile: x < 0.31 against x ≥ 0.31, 1,000 rows, no noise", async () => {
    // Octile cuts of uniform x sit near 0.25 and 0.375, so 8 bins put rows of both sides in one
    // bin (about a twentieth of the rows mispredicted by ~0.5); 255 bins cut within 0.004 of the step.
    const rng = new Random(5);
    const rows = Array.from({ length: 1000 }, () => ({ x: rng.next() }));
    const y = rows.map((r) => (r.x < 0.31 ? 0 : 1));
    const ebm = await tunedEBM(rows, y);
    // One feature has no pairs, so the coarse setting is that feature over 8 bins, which cannot place the step.
    expect(ebm.settings).toEqual({ interactions: 0 });
    expect(ebm.score).toBeGreaterThan(0.98);
  });

  it("fits the pairs over 8 bins up to 2,550 labelled rows (under 10 rows per bin of 255) and over 255 above", () => {
    const features = { nCols: 3, featureNames: ["a", "b", "c"], origins: [] };
    const ebmGrid = (nRows: number) => selectCandidates(candidateModels("classification", "auto", 0), { features, family: "auto", nRows }).kept.find((c) => c.name === "ebm")!.grid;
    expect(ebmGrid(2550)).toEqual([{ interactions: 0 }, { interactions: 10, maxBins: 8 }]);
    expect(ebmGrid(2551)).toEqual([{ interactions: 0 }, { interactions: 10 }]);
  });
});
