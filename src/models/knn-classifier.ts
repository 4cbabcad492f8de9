import { Matrix, type MatrixLike } from "../data/matrix.ts";
import type { Capabilities, Estimator, FitOptions, Label, ModelJSON, NeighborModel } from "./estimator.ts";
import { argmaxLabels } from "./argmax-labels.ts";
import { encodeLabels } from "./labels.ts";
import { modelJSON } from "./model-json.ts";
import { requireFitted } from "./require-fitted.ts";
import { checkFitInput, checkPredictInput, rejectSampleWeight } from "./validate.ts";
import { checkOptions, storeOptions, type OptionsOf } from "./option-constraints.ts";
import { checkKAgainstRows, KNN_OPTIONS, type KNNOptions } from "./neighbors/knn-options.ts";
import { NeighborIndex } from "./neighbors/neighbor-index.ts";
import { neighborWeights } from "./neighbors/neighbor-weights.ts";
import { checkNeighborState, checkSavedModel } from "./check-saved-model.ts";

const KIND = "KNNClassifier";

/**
 * k-nearest-neighbors classifier with exact search (k-d tree, brute force or dot products).
 * `predictProba` gives each class's share of the (weighted) votes of the k nearest training
 * rows; `predict` is the class with the largest share. Ties between equal distances go to the
 * lower training-row index; ties between equal votes go to the first class in `classes`
 * order. With weights "distance", neighbors at distance 0 take all the weight. Row weights
 * (`sampleWeight`) are rejected: k-NN cannot use them. Rejects NaN and infinite inputs.
 *
 * Defaults: k 5, weights "uniform", metric "euclidean".
 *
 * @example
 * const m = new KNNClassifier({ k: 3 }).fit([[0], [1], [2], [10], [11]], ["a", "a", "a", "b", "b"]);
 * m.predict([[1.5], [10.4]]);         // ["a", "b"]
 * m.kneighbors([[10.4]], 2).indices;  // [[3, 4]]
 */
export class KNNClassifier<Y extends Label = Label> implements Estimator<Y>, NeighborModel {
  readonly kind = KIND;
  readonly capabilities: Capabilities = {
    task: "classification",
    probabilities: true,
    trees: false,
    coefficients: false,
    neighbors: true,
    handlesMissing: false,
  };
  readonly options: Readonly<OptionsOf<typeof KNN_OPTIONS>>;

  private fitted?: { index: NeighborIndex; featureNames: string[]; classes: Y[]; labels: Y[]; codes: Int32Array };

  constructor(options: KNNOptions = {}) {
    this.options = storeOptions(KNN_OPTIONS, options);
  }

  get featureNames(): string[] { return [...this.state().featureNames]; }
  get nFeatures(): number { return this.state().featureNames.length; }
  get classes(): Y[] { return [...this.state().classes]; }
  /** A copy of the stored training rows. */
  get trainingX(): Matrix {
    const X = this.state().index.X;
    return new Matrix(X.data.slice(), X.nRows, X.nCols, [...X.featureNames], X.origins);
  }
  /** The training labels, in row order. */
  get trainingY(): Y[] { return [...this.state().labels]; }

  fit(X: MatrixLike, y: ArrayLike<Y>, options?: FitOptions): this {
    this.fitted = undefined;
    checkOptions(KIND, KNN_OPTIONS, this.options);
    rejectSampleWeight(KIND, options);
    const input = checkFitInput(KIND, X, y.length, options, { allowMissing: false });
    const { classes, codes } = encodeLabels(y, KIND);
    checkKAgainstRows(KIND, this.options.k, input.X.nRows);
    const M = new Matrix(input.X.data, input.X.nRows, input.X.nCols, input.featureNames, input.X.origins);
    this.fitted = { index: new NeighborIndex(M, this.options.metric, { owned: input.X.data !== (X as Partial<Matrix>).data }), featureNames: input.featureNames, classes, labels: Array.from(y), codes };
    return this;
  }

  /** The k nearest training rows of each query row (default k from the options), nearest first. */
  kneighbors(X: MatrixLike, k: number = this.options.k): { indices: number[][]; distances: number[][] } {
    const s = this.state();
    return s.index.queryRows(checkPredictInput(KIND, X, s.featureNames.length, { allowMissing: false }), k, KIND);
  }

  /** Weighted class shares among the k nearest training rows; columns in `classes` order. */
  predictProba(X: MatrixLike): number[][] {
    const s = this.state();
    const Q = checkPredictInput(KIND, X, s.featureNames.length, { allowMissing: false });
    const { k, weights } = this.options;
    const { indices, distances } = s.index.query(Q, k, KIND);
    const nClasses = s.classes.length;
    const w = new Float64Array(k);
    const out: number[][] = [];
    for (let i = 0; i < Q.nRows; i++) {
      neighborWeights(distances, i * k, k, weights, w);
      const votes = new Array<number>(nClasses).fill(0);
      let total = 0;
      for (let c = 0; c < k; c++) {
        votes[s.codes[indices[i * k + c]]] += w[c];
        total += w[c];
      }
      for (let c = 0; c < nClasses; c++) votes[c] /= total;
      out.push(votes);
    }
    return out;
  }

  /** The class with the most (weighted) votes; equal votes go to the first class in `classes`. */
  predict(X: MatrixLike): Y[] {
    return argmaxLabels(this.predictProba(X), this.state().classes);
  }

  toJSON(): ModelJSON {
    const s = this.state();
    return modelJSON({
      kind: KIND,
      options: { ...this.options },
      featureNames: s.featureNames,
      classes: s.classes,
      state: { nRows: s.index.X.nRows, data: Array.from(s.index.X.data), labels: [...s.labels] },
    });
  }

  /** Restores a model saved with `toJSON()`. */
  static fromJSON(json: ModelJSON): KNNClassifier {
    checkSavedModel(json, "classification");
    checkNeighborState(json, "labels");
    const m = new KNNClassifier(json.options as KNNOptions);
    const st = json.state as { nRows: number; data: number[]; labels: Label[] };
    const X = new Matrix(Float64Array.from(st.data), st.nRows, json.featureNames.length, [...json.featureNames]);
    const classes = [...(json.classes ?? [])];
    const position = new Map(classes.map((c, k) => [c, k]));
    const codes = Int32Array.from(st.labels, (l) => position.get(l)!);
    m.fitted = { index: new NeighborIndex(X, m.options.metric, { owned: true }), featureNames: [...json.featureNames], classes, labels: [...st.labels], codes };
    return m;
  }

  private state(): NonNullable<typeof this.fitted> {
    return requireFitted(this.fitted, KIND);
  }
}
