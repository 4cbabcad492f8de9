import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { crossValidate } from "../../src/evaluate/cross-validate.ts";
import { Matrix, type MatrixLike } from "../../src/data/matrix.ts";
import type { Capabilities, Estimator, Label } from "../../src/models/estimator.ts";

/** Predicts the most common training label (ties: the first seen); records what it was fitted on. */
class Majority implements Estimator<Label> {
  static fitted: number[][] = [];
  readonly kind = "Majority";
  readonly capabilities: Capabilities = { task: "classification", probabilities: false, trees: false, coefficients: false, neighbors: false, handlesMissing: true };
  readonly options = {};
  featureNames: string[] = [];
  nFeatures = 0;
  private label: Label = "";
  fit(X: MatrixLike, y: ArrayLike<Label>): this {
    const M = Matrix.from(X);
    Majority.fitted.push(Array.from(M.column(0)));
    const counts = new Map<Label, number>();
    for (let i = 0; i < y.length; i++) counts.set(y[i], (counts.get(y[i]) ?? 0) + 1);
    this.label = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    this.nFeatures = M.nCols;
    return this;
  }
  predict(X: MatrixLike): Label[] {
    return Array.from({ length: Matrix.from(X).nRows }, () => this.label);
  }
  toJSON(): never {
    throw new Error("not needed");
  }
}

// Row i holds its own index, so the test can see which rows each fit saw.
const X = Array.from({ length: 30 }, (_, i) => [i]);
const y = X.map(([i]) => (i < 20 ? "a" : "b"));

describe("crossValidate", () => {
  it("holds out every row exactly once, stratified, and never trains on the held-out fold", () => {
    Majority.fitted = [];
    const cv = crossValidate(() => new Majority(), X, y, { folds: 5, seed: 1 });
    expect(cv.folds.flat().sort((a, b) => a - b)).toEqual(X.map((_, i) => i));
    for (const fold of cv.folds) {
      expect(fold).toHaveLength(6);
      expect(fold.filter((i) => y[i] === "a")).toHaveLength(4); // 20 a / 10 b dealt evenly
    }
    cv.folds.forEach((fold, f) => {
      expect(Majority.fitted[f].some((i) => fold.includes(i))).toBe(false);
      expect(Majority.fitted[f]).toHaveLength(24);
    });
    // The majority of every training split is "a": each fold scores 4/6.
    expect(cv.scores).toEqual([4 / 6, 4 / 6, 4 / 6, 4 / 6, 4 / 6]);
    expect(cv.mean).toBeCloseTo(4 / 6, 15);
    expect(cv.std).toBeCloseTo(0, 15);
    expect(cv.predictions.every((p) => p === "a")).toBe(true);
  });

  it("is reproducible with a seed and changes with it", () => {
    const a = crossValidate(() => new Majority(), X, y, { folds: 3, seed: 2 });
    const b = crossValidate(() => new Majority(), X, y, { folds: 3, seed: 2 });
    const c = crossValidate(() => new Majority(), X, y, { folds: 3, seed: 3 });
    expect(a.folds).toEqual(b.folds);
    expect(a.folds).not.toEqual(c.folds);
  });

  it("rejects bad fold counts and mismatched labels", () => {
    expect(() => crossValidate(() => new Majority(), X, y, { folds: 1 })).toThrow(messages.evaluate.foldCount(1, 30));
    expect(() => crossValidate(() => new Majority(), X, y.slice(1))).toThrow(messages.evaluate.xyLength(30, 29));
  });
});
