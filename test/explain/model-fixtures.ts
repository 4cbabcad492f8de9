// Hand-written linear and k-NN models implementing the Estimator interfaces, for tests.
import { Matrix, type MatrixLike } from "../../src/data/matrix.ts";
import type { Capabilities, Estimator, Label, LinearModel, NeighborModel } from "../../src/models/estimator.ts";

const caps = (c: Partial<Capabilities>): Capabilities => ({
  task: "classification",
  probabilities: true,
  trees: false,
  coefficients: false,
  neighbors: false,
  handlesMissing: false,
  ...c,
});

/** Binary logistic model p(classes[1]) = σ(b + w·x). */
export class HandLogistic implements Estimator<Label>, LinearModel {
  readonly kind = "HandLogistic";
  readonly capabilities = caps({ coefficients: true });
  readonly options = {};
  readonly classes: Label[];
  readonly featureNames: string[];
  readonly nFeatures: number;
  readonly coefficients: number[][];
  readonly intercepts: number[];
  readonly link = "logistic" as const;
  readonly featureMeans?: Float64Array;
  readonly featureScales?: Float64Array;
  constructor(w: number[], b: number, names: string[], classes: Label[], means?: number[], scales?: number[]) {
    this.coefficients = [w];
    this.intercepts = [b];
    this.featureNames = names;
    this.nFeatures = names.length;
    this.classes = classes;
    if (means) this.featureMeans = Float64Array.from(means);
    if (scales) this.featureScales = Float64Array.from(scales);
  }
  fit(): this {
    return this;
  }
  logit(x: ArrayLike<number>): number {
    let s = this.intercepts[0];
    for (let j = 0; j < this.nFeatures; j++) s += this.coefficients[0][j] * x[j];
    return s;
  }
  predictProba(X: MatrixLike): number[][] {
    const M = Matrix.from(X);
    return Array.from({ length: M.nRows }, (_, i) => {
      const p = 1 / (1 + Math.exp(-this.logit(M.row(i))));
      return [1 - p, p];
    });
  }
  predict(X: MatrixLike): Label[] {
    return this.predictProba(X).map((p) => (p[1] > 0.5 ? this.classes[1] : this.classes[0]));
  }
  toJSON(): never {
    throw new Error("not needed");
  }
}

/** Brute-force k-NN classifier (Euclidean, uniform votes, ties to the lower class index). */
export class HandKnn implements Estimator<Label>, NeighborModel {
  readonly kind = "HandKnn";
  readonly capabilities = caps({ neighbors: true });
  readonly options = {};
  readonly classes: Label[];
  readonly featureNames: string[];
  readonly nFeatures: number;
  readonly trainingX: Matrix;
  readonly trainingY: Label[];
  readonly k: number;
  constructor(rows: number[][], y: Label[], names: string[], classes: Label[], k: number) {
    this.trainingX = Matrix.fromRows(rows, names);
    this.trainingY = y;
    this.featureNames = names;
    this.nFeatures = names.length;
    this.classes = classes;
    this.k = k;
  }
  fit(): this {
    return this;
  }
  kneighbors(X: MatrixLike, k = this.k): { indices: number[][]; distances: number[][] } {
    const M = Matrix.from(X);
    const indices: number[][] = [];
    const distances: number[][] = [];
    for (let i = 0; i < M.nRows; i++) {
      const d = Array.from({ length: this.trainingX.nRows }, (_, t) => {
        let s = 0;
        for (let j = 0; j < this.nFeatures; j++) s += (M.get(i, j) - this.trainingX.get(t, j)) ** 2;
        return { t, d: Math.sqrt(s) };
      }).sort((a, b) => a.d - b.d || a.t - b.t);
      indices.push(d.slice(0, k).map((e) => e.t));
      distances.push(d.slice(0, k).map((e) => e.d));
    }
    return { indices, distances };
  }
  predictProba(X: MatrixLike): number[][] {
    return this.kneighbors(X).indices.map((idx) => this.classes.map((c) => idx.filter((t) => this.trainingY[t] === c).length / idx.length));
  }
  predict(X: MatrixLike): Label[] {
    return this.predictProba(X).map((p) => this.classes[p.indexOf(Math.max(...p))]);
  }
  toJSON(): never {
    throw new Error("not needed");
  }
}
