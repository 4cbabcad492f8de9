import { Matrix, type MatrixLike } from "../data/matrix.ts";
import type { Capabilities, Estimator, FitOptions, ModelJSON, NeighborModel } from "./estimator.ts";
import { modelJSON } from "./model-json.ts";
import { requireFitted } from "./require-fitted.ts";
import { checkFitInput, checkPredictInput, rejectSampleWeight, checkRegressionTarget } from "./validate.ts";
import { checkOptions, storeOptions, type OptionsOf } from "./option-constraints.ts";
import { checkKAgainstRows, KNN_OPTIONS, type KNNOptions } from "./neighbors/knn-options.ts";
import { NeighborIndex } from "./neighbors/neighbor-index.ts";
import { neighborWeights } from "./neighbors/neighbor-weights.ts";
import { checkNeighborState, checkSavedModel } from "./check-saved-model.ts";

const KIND = "KNNRegressor";

/**
 * k-nearest-neighbors regressor with exact search (k-d tree, brute force or dot products):
 * the prediction is the (weighted) mean target of the k nearest training rows. Ties between
 * equal distances go to the lower training-row index. With weights "distance", neighbors at
 * distance 0 take all the weight. Row weights (`sampleWeight`) are rejected. Rejects NaN and
 * infinite inputs.
 *
 * Defaults: k 5, weights "uniform", metric "euclidean".
 *
 * @example
 * const m = new KNNRegressor({ k: 2 }).fit([[0], [1], [10]], [0, 2, 50]);
 * m.predict([[0.4]]); // [1]
 */
export class KNNRegressor implements Estimator<number>, NeighborModel {
  readonly kind = KIND;
  readonly capabilities: Capabilities = {
    task: "regression",
    probabilities: false,
    trees: false,
    coefficients: false,
    neighbors: true,
    handlesMissing: false,
  };
  readonly options: Readonly<OptionsOf<typeof KNN_OPTIONS>>;

  private fitted?: { index: NeighborIndex; featureNames: string[]; targets: Float64Array };

  constructor(options: KNNOptions = {}) {
    this.options = storeOptions(KNN_OPTIONS, options);
  }

  get featureNames(): string[] { return [...this.state().featureNames]; }
  get nFeatures(): number { return this.state().featureNames.length; }
  /** A copy of the stored training rows. */
  get trainingX(): Matrix {
    const X = this.state().index.X;
    return new Matrix(X.data.slice(), X.nRows, X.nCols, [...X.featureNames], X.origins);
  }
  /** The training targets, in row order. */
  get trainingY(): number[] { return Array.from(this.state().targets); }

  fit(X: MatrixLike, y: ArrayLike<number>, options?: FitOptions): this {
    this.fitted = undefined;
    checkOptions(KIND, KNN_OPTIONS, this.options);
    rejectSampleWeight(KIND, options);
    const input = checkFitInput(KIND, X, y.length, options, { allowMissing: false });
    const targets = checkRegressionTarget(KIND, y);
    checkKAgainstRows(KIND, this.options.k, input.X.nRows);
    const M = new Matrix(input.X.data, input.X.nRows, input.X.nCols, input.featureNames, input.X.origins);
    this.fitted = { index: new NeighborIndex(M, this.options.metric, { owned: input.X.data !== (X as Partial<Matrix>).data }), featureNames: input.featureNames, targets };
    return this;
  }

  /** The k nearest training rows of each query row (default k from the options), nearest first. */
  kneighbors(X: MatrixLike, k: number = this.options.k): { indices: number[][]; distances: number[][] } {
    const s = this.state();
    return s.index.queryRows(checkPredictInput(KIND, X, s.featureNames.length, { allowMissing: false }), k, KIND);
  }

  predict(X: MatrixLike): number[] {
    const s = this.state();
    const Q = checkPredictInput(KIND, X, s.featureNames.length, { allowMissing: false });
    const { k, weights } = this.options;
    const { indices, distances } = s.index.query(Q, k, KIND);
    const w = new Float64Array(k);
    const out: number[] = [];
    for (let i = 0; i < Q.nRows; i++) {
      neighborWeights(distances, i * k, k, weights, w);
      let sum = 0;
      let total = 0;
      for (let c = 0; c < k; c++) {
        sum += w[c] * s.targets[indices[i * k + c]];
        total += w[c];
      }
      out.push(sum / total);
    }
    return out;
  }

  toJSON(): ModelJSON {
    const s = this.state();
    return modelJSON({
      kind: KIND,
      options: { ...this.options },
      featureNames: s.featureNames,
      state: { nRows: s.index.X.nRows, data: Array.from(s.index.X.data), targets: Array.from(s.targets) },
    });
  }

  /** Restores a model saved with `toJSON()`. */
  static fromJSON(json: ModelJSON): KNNRegressor {
    checkSavedModel(json, "regression");
    checkNeighborState(json, "targets");
    const m = new KNNRegressor(json.options as KNNOptions);
    const st = json.state as { nRows: number; data: number[]; targets: number[] };
    const X = new Matrix(Float64Array.from(st.data), st.nRows, json.featureNames.length, [...json.featureNames]);
    m.fitted = { index: new NeighborIndex(X, m.options.metric, { owned: true }), featureNames: [...json.featureNames], targets: Float64Array.from(st.targets) };
    return m;
  }

  private state(): NonNullable<typeof this.fitted> {
    return requireFitted(this.fitted, KIND);
  }
}
