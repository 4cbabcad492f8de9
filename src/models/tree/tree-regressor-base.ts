import { UnderstudyError } from "../../core/errors.ts";
import { messages } from "../../core/messages/index.ts";
import type { MatrixLike } from "../../data/matrix.ts";
import type { Capabilities, Estimator, FitOptions, ModelJSON, TreeModel, TreeStructure } from "../estimator.ts";
import { modelJSON } from "../model-json.ts";
import { requireFitted } from "../require-fitted.ts";
import { checkOptions, type OptionTable } from "../option-constraints.ts";
import { checkFitInput, checkOutputLength, checkPredictInput, checkRegressionTarget } from "../validate.ts";
import { growTrees, type EnsemblePlan, type OutOfBag } from "./grow-trees.ts";
import { outOfBagRows } from "./out-of-bag.ts";
import { predictTrees } from "./predict-trees.ts";
import { toNumberArray } from "../to-number-array.ts";
import { presortColumns } from "./presort.ts";
import { checkRestoredModel, copyTree, optionsToJSON, treesFromJSON, treesToJSON } from "./tree-json.ts";
import { treeSettings, type TreeShapeOptions } from "./tree-settings.ts";

interface FittedRegressor {
  featureNames: string[];
  trees: TreeStructure[];
  treeWeights: Float64Array;
  oobScore?: number;
}

/**
 * What DecisionTreeRegressor and RandomForestRegressor share: fit on presorted columns,
 * predict the (tree-averaged) leaf means, JSON. Internal.
 */
export abstract class TreeRegressorBase implements Estimator<number>, TreeModel {
  abstract readonly kind: string;
  abstract readonly options: Readonly<Record<string, unknown>>;
  readonly capabilities: Capabilities = {
    task: "regression",
    probabilities: false,
    trees: true,
    coefficients: false,
    neighbors: false,
    handlesMissing: true,
  };
  /** The estimator's option table, checked at the start of fit. */
  protected abstract readonly optionTable: OptionTable;
  private fitted: FittedRegressor | undefined;

  /** The tree shape and ensemble plan, from this estimator's options. */
  protected abstract settings(): { shape: TreeShapeOptions; plan: EnsemblePlan };

  /** A copy of the names of the features seen in fit. */
  get featureNames(): string[] {
    return [...this.state().featureNames];
  }
  get nFeatures(): number {
    return this.state().featureNames.length;
  }
  /** Copies of the fitted trees (changing them changes nothing). */
  get trees(): TreeStructure[] {
    return this.state().trees.map(copyTree);
  }
  get treeWeights(): Float64Array {
    return Float64Array.from(this.state().treeWeights);
  }
  /** Forests fitted with `oobScore: true`: R² on each row of the trees that did not see it. */
  get oobScore(): number | undefined {
    return this.state().oobScore;
  }

  fit(X: MatrixLike, y: ArrayLike<number>, options?: FitOptions): this {
    this.fitted = undefined;
    const kind = this.kind;
    checkOptions(kind, this.optionTable, this.options);
    const { shape, plan } = this.settings();
    const input = checkFitInput(kind, X, y?.length ?? 0, options, { allowMissing: true });
    const target = checkRegressionTarget(kind, y);
    const settings = treeSettings(shape, input.featureNames, 0, kind);
    let total = 0;
    for (let i = 0; i < input.weights.length; i++) total += input.weights[i];
    if (!(total > 0)) {
      throw new UnderstudyError("bad_weight", messages.models.weightsSumToZero(kind));
    }
    const n = target.length;
    const oob: OutOfBag | undefined = plan.oobScore ? { sums: new Float64Array(n), counts: new Int32Array(n) } : undefined;
    const trees = growTrees(presortColumns(input.X), target, input.weights, settings, plan, oob);
    let oobScore: number | undefined;
    if (oob) {
      const rows = outOfBagRows(kind, oob.counts);
      let mean = 0;
      for (const i of rows) mean += target[i] / rows.length;
      let residual = 0;
      let totalSq = 0;
      for (const i of rows) {
        residual += (target[i] - oob.sums[i] / oob.counts[i]) ** 2;
        totalSq += (target[i] - mean) ** 2;
      }
      oobScore = totalSq > 0 ? 1 - residual / totalSq : residual === 0 ? 1 : 0;
    }
    this.fitted = {
      featureNames: input.featureNames,
      trees,
      treeWeights: new Float64Array(trees.length).fill(1 / trees.length),
      oobScore,
    };
    return this;
  }

  predict(X: MatrixLike): number[] {
    const f = requireFitted(this.fitted, this.kind);
    const M = checkPredictInput(this.kind, X, f.featureNames.length, { allowMissing: true });
    if (M.nRows === 0) return [];
    return toNumberArray(predictTrees(f.trees, f.treeWeights, M));
  }

  /**
   * `predict` written into a buffer the caller keeps (length ≥ rows); returns `out`. Checks X
   * once per call and allocates nothing.
   *
   * @example
   * const out = new Float64Array(X.nRows);
   * model.predictInto(X, out);
   */
  predictInto(X: MatrixLike, out: Float64Array): Float64Array {
    const f = requireFitted(this.fitted, this.kind);
    const M = checkPredictInput(this.kind, X, f.featureNames.length, { allowMissing: true });
    checkOutputLength(this.kind, M.nRows, out.length);
    if (M.nRows === 0) return out;
    return predictTrees(f.trees, f.treeWeights, M, out);
  }

  toJSON(): ModelJSON {
    const f = requireFitted(this.fitted, this.kind);
    return modelJSON({
      kind: this.kind,
      options: optionsToJSON(this.options),
      featureNames: f.featureNames,
      state: { trees: treesToJSON(f.trees), treeWeights: Array.from(f.treeWeights), oobScore: f.oobScore },
    });
  }

  /** Installs the fitted state of `json` (used by the subclasses' static fromJSON). */
  protected restore(json: ModelJSON): this {
    checkRestoredModel(this.kind, json);
    this.fitted = {
      featureNames: [...json.featureNames],
      trees: treesFromJSON(this.kind, json, "regression"),
      treeWeights: Float64Array.from(json.state.treeWeights as number[]),
      oobScore: typeof json.state.oobScore === "number" ? json.state.oobScore : undefined,
    };
    return this;
  }

  private state(): FittedRegressor {
    return requireFitted(this.fitted, this.kind);
  }
}
