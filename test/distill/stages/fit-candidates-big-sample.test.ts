import { describe, expect, it } from "vitest";
import { inferSchema } from "../../../src/data/infer-schema.ts";
import { fitCandidates } from "../../../src/distill/fit-candidates.ts";
import { foldFeaturizer } from "../../../src/distill/fold-featurizer.ts";
import { Featurizer } from "../../../src/features/featurizer.ts";

describe("fitCandidates on a big sample", () => {
  const choose = async (n: number, folds?: number) => {
    const rows = Array.from({ length: n }, (_, i) => ({ x: (i * 7919) % 1000 }));
    const y = rows.map((r) => (r.x >= 500 ? "high" : "low"));
    const featurizerOn = foldFeaturizer(new Featurizer({ schema: inferSchema(rows.slice(0, 100)), features: ["x"], text: [] }).fit(rows), rows, []);
    return (await fitCandidates({ kind: "classification", model: "logistic", seed: 0, labelled: { rows, y }, featurizerOn, ...(folds ? { folds } : {}) })).choice;
  };

  it("uses 3 folds above 50,000 labelled rows and says why in the reason", async () => {
    const choice = await choose(50_001);
    expect(choice.candidates[0]).toMatchObject({ folds: 3, n: 50_001 });
    expect(choice.reason).toContain("3-fold cross-validated");
    expect(choice.reason).toContain("3 folds rather than 5: 50001 labelled rows (above 50000) leave every held-out fold over 16667 rows");
  });

  it("keeps 5 folds at 50,000 rows, and the folds asked for at any size", async () => {
    expect((await choose(50_000)).candidates[0].folds).toBe(5);
    const asked = await choose(50_001, 5);
    expect(asked.candidates[0].folds).toBe(5);
    expect(asked.reason).not.toContain("folds rather than");
  });
});
