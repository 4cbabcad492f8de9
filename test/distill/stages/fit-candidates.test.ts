import { describe, expect, it } from "vitest";
import { inferSchema } from "../../../src/data/infer-schema.ts";
import { fitCandidates } from "../../../src/distill/fit-candidates.ts";
import { foldFeaturizer } from "../../../src/distill/fold-featurizer.ts";
import { Featurizer } from "../../../src/features/featurizer.ts";
import { chooseModel } from "../../../src/understudy/choose-model.ts";

const rowsOf = (xs: number[]) => xs.map((x) => ({ x }));
const labelOf = (x: number) => (x >= 50 ? "high" : "low");

describe("fitCandidates (stage 6)", () => {
  // One numeric column that decides the label exactly: every family reaches 100% out of fold,
  // so the simplest (logistic regression) must win, refit on all 80 labelled rows.
  const xs = Array.from({ length: 80 }, (_, i) => i * 1.25 + 0.3);
  const schema = inferSchema(rowsOf(xs));
  const fitted = new Featurizer({ schema, features: ["x"], text: [] }).fit(rowsOf(xs));
  const fitRows: number[] = [];
  const featurizerOn = foldFeaturizer(fitted, rowsOf(xs), []);
  const fitting = fitCandidates({
    kind: "classification", model: "auto", seed: 0,
    labelled: { rows: rowsOf(xs), y: xs.map(labelOf) },
    featurizerOn: (rows, s) => { fitRows.push(rows.length); return featurizerOn(rows, s); },
  });

  it("tunes every family by 5-fold cross-validation and keeps the simplest within one standard error", async () => {
    const fit = await fitting;
    expect(fit.choice.candidates.map((c) => c.name)).toEqual(["logistic", "tree", "ebm", "knn", "forest"]);
    for (const c of fit.choice.candidates) expect(c).toMatchObject({ rows: "cv", n: 80, folds: 5 });
    // A held-out row next to the boundary can fall on the wrong side of a split placed without it.
    for (const c of fit.choice.candidates) expect(c.score).toBeGreaterThanOrEqual(0.95);
    expect(fit.choice.chosen).toBe("logistic");
    expect(fit.choice.candidates.find((c) => c.chosen)!.settings).toHaveProperty("C");
  });

  it("fits the featurizer inside each fold (64 rows) and once on all labelled rows (80)", async () => {
    const fit = await fitting;
    expect(fitRows.filter((n) => n === 64).length).toBeGreaterThanOrEqual(5);
    expect(fitRows).toContain(80);
    expect(fit.chosen.train.nRows).toBe(80);
    expect(fit.chosen.model.predict(fit.chosen.train)).toEqual(xs.map(labelOf));
  });

  it("refits the runner-up (the best-scoring other family) on the same 80 rows", async () => {
    const fit = await fitting;
    const others = fit.choice.candidates.filter((c) => !c.chosen);
    const top = others.reduce((a, b) => (b.score > a.score || (b.score === a.score && b.simplicity < a.simplicity) ? b : a));
    const r = fit.chosen.runnerUp!;
    expect(r.name).toBe(top.name);
    expect(r.name).not.toBe(fit.choice.chosen);
    const X = r.featurizer.transform(rowsOf(xs));
    expect(X.nRows).toBe(80);
    // The labels follow x exactly: every family fits its 80 training rows without a miss.
    expect(r.model.predict(X)).toEqual(xs.map(labelOf));
  });

  it("has no runner-up when only one family is a candidate", async () => {
    const one = await fitCandidates({ kind: "classification", model: "logistic", seed: 0, labelled: { rows: rowsOf(xs), y: xs.map(labelOf) }, featurizerOn });
    expect(one.chosen.runnerUp).toBeUndefined();
  });

  it("gives out-of-fold predictions for every labelled row", async () => {
    const fit = await fitting;
    expect(fit.chosen.outOfFold.predictions).toEqual(xs.map(labelOf));
    expect(fit.chosen.outOfFold.proba).toHaveLength(80);
  });

  it("leaves k-NN out with exportable: true and says so", async () => {
    const e = await fitCandidates({ kind: "classification", model: "auto", seed: 0, exportable: true, labelled: { rows: rowsOf(xs), y: xs.map(labelOf) }, featurizerOn });
    expect(e.choice.candidates.map((c) => c.name)).toEqual(["logistic", "tree", "ebm", "forest"]);
    expect(e.choice.leftOut).toEqual([{ name: "knn", type: "k-nearest neighbors", reason: "no SQL form (exportable: true)" }]);
  });

  it("keeps every group in one fold", async () => {
    const groups = xs.map((_, i) => Math.floor(i / 4));
    const seen: number[][] = [];
    await fitCandidates({
      kind: "classification", model: "logistic", seed: 1, groups, labelled: { rows: rowsOf(xs), y: xs.map(labelOf) },
      featurizerOn: (rows, s) => { seen.push(rows.map((r) => xs.indexOf(r.x as number))); return featurizerOn(rows, s); },
    });
    for (const train of seen.filter((r) => r.length < 80)) {
      const inTrain = new Set(train.map((i) => groups[i]));
      for (const g of inTrain) expect(train.filter((i) => groups[i] === g)).toHaveLength(4);
    }
  });
});

describe("chooseModel", () => {
  const c = (name: string, simplicity: number, score: number, standardError: number) => ({
    name, type: name, family: name, simplicity, score, standardError, metric: "agreement" as const, rows: "cv" as const, n: 100, folds: 5, settings: {}, options: {},
  });
  it("takes the simplest within one standard error of the best", () => {
    expect(chooseModel([c("logistic", 0, 0.951, 0.004), c("forest", 4, 0.955, 0.003)]).chosen).toBe("forest"); // 0.951 < 0.955 − 0.003
    expect(chooseModel([c("logistic", 0, 0.953, 0.004), c("forest", 4, 0.955, 0.003)]).chosen).toBe("logistic");
  });
  it("caps the margin at 0.005 when the standard error is larger", () => {
    const r = chooseModel([c("logistic", 0, 0.90, 0.01), c("forest", 4, 0.94, 0.02)]);
    expect(r.tolerance).toBe(0.005);
    expect(r.chosen).toBe("forest");
  });
  it("uses a given tolerance instead", () => {
    expect(chooseModel([c("logistic", 0, 0.90, 0.01), c("forest", 4, 0.94, 0.02)], 0.05).chosen).toBe("logistic");
  });
});
