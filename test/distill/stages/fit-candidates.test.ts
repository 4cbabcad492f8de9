import { describe, expect, it } from "vitest";
import { inferSchema } from "../../../src/data/infer-schema.ts";
import { fitCandidates } from "../../../src/distill/fit-candidates.ts";
import { Featurizer } from "../../../src/features/featurizer.ts";

// One numeric column that decides the label exactly: every candidate agrees 100% on validation,
// so the simplest (the shallow tree) must win, and only k-NN asks for standardized columns.
describe("fitCandidates (stage 6)", () => {
  const rowsOf = (xs: number[]) => xs.map((x) => ({ x }));
  const labelOf = (x: number) => (x >= 50 ? "high" : "low");
  const trainX = Array.from({ length: 60 }, (_, i) => i * (100 / 60));
  const validationX = Array.from({ length: 20 }, (_, i) => 2.5 + i * 5);
  const schema = inferSchema(rowsOf(trainX));
  const plain = new Featurizer({ schema, features: ["x"], text: [] }).fit(rowsOf(trainX));
  const standardized = new Featurizer({ schema, features: ["x"], text: [], standardize: true }).fit(rowsOf(trainX));
  const asked: boolean[] = [];

  const fit = fitCandidates({
    kind: "classification", model: "auto", seed: 0, tolerance: 0.01,
    train: { rows: rowsOf(trainX), y: trainX.map(labelOf) }, validation: { rows: rowsOf(validationX), y: validationX.map(labelOf) },
    featurizerFor: (s) => { asked.push(s); return s ? standardized : plain; },
  });

  it("scores every candidate on validation and keeps the simplest within tolerance", () => {
    expect(fit.choice.candidates.map((c) => c.name)).toEqual(["tree-depth-3", "logistic", "tree-depth-6", "knn", "forest"]);
    expect(fit.choice.candidates.find((c) => c.name === "tree-depth-3")!.score).toBe(1);
    expect(fit.choice.chosen).toBe("tree-depth-3");
    expect(fit.chosen.model.predict(fit.chosen.validation)).toEqual(validationX.map(labelOf));
  });

  it("gives k-NN the standardized featurizer and the others the plain one", () => {
    expect(asked).toContain(true);
    expect(fit.chosen.featurizer).toBe(plain);
  });
});
