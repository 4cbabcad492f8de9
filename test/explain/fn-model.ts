// A regressor (or classifier) defined by a plain function, for model-agnostic tests.
import { Matrix, type MatrixLike } from "../../src/data/matrix.ts";
import type { Capabilities, Estimator, Label } from "../../src/models/estimator.ts";

export class FnModel implements Estimator<Label> {
  readonly kind = "FnModel";
  readonly capabilities: Capabilities;
  readonly options = {};
  readonly featureNames: string[];
  readonly nFeatures: number;
  readonly classes?: Label[];
  calls = 0;
  private readonly f: (x: Float64Array) => number;
  /** Regression with f; or binary classification with p(classes[1]) = f(x) when classes are given. */
  constructor(f: (x: Float64Array) => number, names: string[], classes?: Label[]) {
    this.f = f;
    this.featureNames = names;
    this.nFeatures = names.length;
    this.classes = classes;
    this.capabilities = {
      task: classes ? "classification" : "regression",
      probabilities: !!classes,
      trees: false,
      coefficients: false,
      neighbors: false,
      handlesMissing: false,
    };
  }
  fit(): this {
    return this;
  }
  private values(X: MatrixLike): number[] {
    this.calls++;
    const M = Matrix.from(X);
    return Array.from({ length: M.nRows }, (_, i) => this.f(M.row(i)));
  }
  predictProba(X: MatrixLike): number[][] {
    return this.values(X).map((p) => [1 - p, p]);
  }
  predict(X: MatrixLike): Label[] {
    const v = this.values(X);
    return this.classes ? v.map((p) => (p > 0.5 ? this.classes![1] : this.classes![0])) : v;
  }
  toJSON(): never {
    throw new Error("not needed");
  }
}
