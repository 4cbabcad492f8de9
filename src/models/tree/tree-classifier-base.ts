import { UnderstudyError } from "../../core/errors.ts";
import { messages } from "../../core/messages/index.ts";
import type { Matrix, MatrixLike } from "../../data/matrix.ts";
import type { Capabilities, Estimator, FitOptions, Label, ModelJSON, TreeModel, TreeStructure } from "../estimator.ts";
import { classWeights } from "../class-weights.ts";
import { encodeLabels } from "../labels.ts";
import { modelJSON } from "../model-json.ts";
import { requireFitted } from "../require-fitted.ts";
import { checkOptions, type OptionTable } from "../option-constraints.ts";
import { checkFitInput, checkOutputLength, checkPredictInput } from "../validate.ts";
import { growTrees, type EnsemblePlan, type OutOfBag } from "./grow-trees.ts";
import { outOfBagRows } from "./out-of-bag.ts";
import { predictTrees } from "./predict-trees.ts";
import { toNumberArray } from "../to-number-array.ts";
import { presortColumns } from "./presort.ts";
import { checkRestoredModel, copyTree, optionsToJSON, treesFromJSON, treesToJSON } from "./tree-json.ts";
import { treeSettings, type ClassWeight, type TreeShapeOptions } from "./tree-settings.ts";

interface FittedClassifier<Y extends Label> {
  featureNames: string[];
  classes: Y[];
  trees: TreeStructure[];
  treeWeights: Float64Array;
  oobScore?: number;
  /** A single tree's class index per node (−1 inside), filled on the first predict. */
  leafClass?: Int32Array;
}

/**
 * Per node of a lone tree, the class `predictProba` would rank first at that leaf: the argmax
 * (first on ties) of 0 + weight · value, the very sums `predictTrees` forms. −1 for inner nodes.
 */
function leafClasses(tree: TreeStructure, weight: number, K: number): Int32Array {
  const out = new Int32Array(tree.feature.length).fill(-1);
  for (let node = 0; node < out.length; node++) {
    if (tree.feature[node] >= 0) continue;
    let best = 0;
    const o = node * tree.nOutputs;
    let bestP = 0 + weight * tree.value[o];
    for (let k = 1; k < K; k++) {
      const pk = 0 + weight * tree.value[o + k];
      if (pk > bestP) { best = k; bestP = pk; }
    }
    out[node] = best;
  }
  return out;
}

/**
 * What DecisionTreeClassifier and RandomForestClassifier share: fit on presorted columns,
 * predict by averaging leaf class distributions (never vote counts), JSON. Internal.
 */
export abstract class TreeClassifierBase<Y extends Label> implements Estimator<Y>, TreeModel {
  abstract readonly kind: string;
  abstract readonly options: Readonly<Record<string, unknown>>;
  readonly capabilities: Capabilities = {
    task: "classification",
    probabilities: true,
    trees: true,
    coefficients: false,
    neighbors: false,
    handlesMissing: true,
  };
  /** The estimator's option table, checked at the start of fit. */
  protected abstract readonly optionTable: OptionTable;
  private fitted: FittedClassifier<Y> | undefined;

  /** The tree shape, the ensemble plan and class weights, from this estimator's options. */
  protected abstract settings(): { shape: TreeShapeOptions; plan: EnsemblePlan; classWeight?: ClassWeight };

  /** A copy of the names of the features seen in fit. */
  get featureNames(): string[] {
    return [...this.state().featureNames];
  }
  get nFeatures(): number {
    return this.state().featureNames.length;
  }
  /** A copy of the labels seen in fit, sorted. */
  get classes(): Y[] {
    return [...this.state().classes];
  }
  /** Copies of the fitted trees (changing them changes nothing). */
  get trees(): TreeStructure[] {
    return this.state().trees.map(copyTree);
  }
  get treeWeights(): Float64Array {
    return Float64Array.from(this.state().treeWeights);
  }
  /** Forests fitted with `oobScore: true`: accuracy on each row of the trees that did not see it. */
  get oobScore(): number | undefined {
    return this.state().oobScore;
  }

  fit(X: MatrixLike, y: ArrayLike<Y>, options?: FitOptions): this {
    this.fitted = undefined;
    const kind = this.kind;
    checkOptions(kind, this.optionTable, this.options);
    const { shape, plan, classWeight } = this.settings();
    const input = checkFitInput(kind, X, y?.length ?? 0, options, { allowMissing: true });
    const { classes, codes } = encodeLabels(y, kind);
    const settings = treeSettings(shape, input.featureNames, classes.length, kind);
    const cw = classWeights(kind, classWeight, classes, codes);
    const weights = input.weights;
    let total = 0;
    for (let i = 0; i < weights.length; i++) {
      weights[i] *= cw[codes[i]];
      total += weights[i];
    }
    if (!(total > 0)) {
      throw new UnderstudyError("bad_weight", messages.models.weightsSumToZero(kind));
    }
    const n = codes.length;
    const K = classes.length;
    const oob: OutOfBag | undefined = plan.oobScore
      ? { sums: new Float64Array(n * K), counts: new Int32Array(n) }
      : undefined;
    const trees = growTrees(presortColumns(input.X), codes, weights, settings, plan, oob);
    let oobScore: number | undefined;
    if (oob) {
      const rows = outOfBagRows(kind, oob.counts);
      let correct = 0;
      for (const i of rows) {
        let best = 0;
        for (let k = 1; k < K; k++) if (oob.sums[i * K + k] > oob.sums[i * K + best]) best = k;
        if (best === codes[i]) correct++;
      }
      oobScore = correct / rows.length;
    }
    this.fitted = {
      featureNames: input.featureNames,
      classes,
      trees,
      treeWeights: new Float64Array(trees.length).fill(1 / trees.length),
      oobScore,
    };
    return this;
  }

  predictProba(X: MatrixLike): number[][] {
    const f = requireFitted(this.fitted, this.kind);
    const M = checkPredictInput(this.kind, X, f.featureNames.length, { allowMissing: true });
    if (M.nRows === 0) return [];
    const K = f.classes.length;
    const out = predictTrees(f.trees, f.treeWeights, M);
    const rows: number[][] = new Array(M.nRows);
    for (let i = 0; i < M.nRows; i++) rows[i] = toNumberArray(out, i * K, (i + 1) * K);
    return rows;
  }

  /**
   * `predictProba` written into a buffer the caller keeps: `out[i · nClasses + k]` (row-major,
   * length ≥ rows × nClasses); returns `out`. Checks X once per call and allocates nothing.
   *
   * @example
   * const out = new Float64Array(X.nRows * model.classes.length);
   * model.predictProbaInto(X, out);
   */
  predictProbaInto(X: MatrixLike, out: Float64Array): Float64Array {
    const f = requireFitted(this.fitted, this.kind);
    const M = checkPredictInput(this.kind, X, f.featureNames.length, { allowMissing: true });
    checkOutputLength(this.kind, M.nRows * f.classes.length, out.length);
    if (M.nRows === 0) return out;
    return predictTrees(f.trees, f.treeWeights, M, out);
  }

  /**
   * The class of the largest `predictProba` entry (ties: first in `classes`), without building
   * the probability rows: a single tree walks straight to its leaf's class, a forest sums into
   * one flat array. Same classes as `argmaxLabels(predictProba(X))`.
   */
  predict(X: MatrixLike): Y[] {
    const f = requireFitted(this.fitted, this.kind);
    const M = checkPredictInput(this.kind, X, f.featureNames.length, { allowMissing: true });
    return this.labelsInto(M, new Array(M.nRows));
  }

  /**
   * `predict` written into an array the caller keeps (length ≥ rows); returns `out`.
   *
   * @example
   * const labels = new Array(X.nRows);
   * model.predictInto(X, labels);
   */
  predictInto(X: MatrixLike, out: Y[]): Y[] {
    const f = requireFitted(this.fitted, this.kind);
    const M = checkPredictInput(this.kind, X, f.featureNames.length, { allowMissing: true });
    checkOutputLength(this.kind, M.nRows, out.length);
    return this.labelsInto(M, out);
  }

  private labelsInto(M: Matrix, out: Y[]): Y[] {
    const f = requireFitted(this.fitted, this.kind);
    if (f.trees.length === 1) {
      const { feature, threshold, left, right, missingGoesLeft } = f.trees[0];
      const leafClass = (f.leafClass ??= leafClasses(f.trees[0], f.treeWeights[0], f.classes.length));
      const data = M.data;
      const p = M.nCols;
      for (let i = 0; i < M.nRows; i++) {
        const r = i * p;
        let node = 0;
        let feat = feature[0];
        while (feat >= 0) {
          const v = data[r + feat];
          const thr = threshold[node];
          node = v <= thr ? left[node] : v > thr ? right[node] : missingGoesLeft[node] === 1 ? left[node] : right[node];
          feat = feature[node];
        }
        out[i] = f.classes[leafClass[node]];
      }
      return out;
    }
    const K = f.classes.length;
    const proba = predictTrees(f.trees, f.treeWeights, M);
    for (let i = 0; i < M.nRows; i++) {
      const o = i * K;
      let best = 0;
      for (let k = 1; k < K; k++) if (proba[o + k] > proba[o + best]) best = k;
      out[i] = f.classes[best];
    }
    return out;
  }

  toJSON(): ModelJSON {
    const f = requireFitted(this.fitted, this.kind);
    return modelJSON({
      kind: this.kind,
      options: optionsToJSON(this.options),
      featureNames: f.featureNames,
      classes: f.classes,
      state: { trees: treesToJSON(f.trees), treeWeights: Array.from(f.treeWeights), oobScore: f.oobScore },
    });
  }

  /** Installs the fitted state of `json` (used by the subclasses' static fromJSON). */
  protected restore(json: ModelJSON): this {
    checkRestoredModel(this.kind, json);
    if (!Array.isArray(json.classes) || json.classes.length < 2) {
      throw new UnderstudyError("bad_model_json", messages.models.missingSavedPart(`${this.kind}.fromJSON`, "classes"));
    }
    const trees = treesFromJSON(this.kind, json, "classification");
    this.fitted = {
      featureNames: [...json.featureNames],
      classes: [...json.classes] as Y[],
      trees,
      treeWeights: Float64Array.from(json.state.treeWeights as number[]),
      oobScore: typeof json.state.oobScore === "number" ? json.state.oobScore : undefined,
    };
    return this;
  }

  private state(): FittedClassifier<Y> {
    return requireFitted(this.fitted, this.kind);
  }
}
