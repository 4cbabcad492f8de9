import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { MatrixLike } from "../data/matrix.ts";
import { argmaxLabels } from "./argmax-labels.ts";
import type { Capabilities, Estimator, FitOptions, Label, ModelJSON } from "./estimator.ts";
import { encodeLabels } from "./labels.ts";
import { modelJSON } from "./model-json.ts";
import { checkOptions } from "./option-constraints.ts";
import { checkFitInput } from "./validate.ts";
import type { AdditiveModel } from "./ebm/additive-model.ts";
import { EBMEstimatorBase } from "./ebm/ebm-estimator-base.ts";
import { sigmoid } from "./ebm/ebm-loss.ts";
import { EBM_OPTIONS, type EBMOptions } from "./ebm/ebm-options.ts";
import { ebmSettings, stateFromJSON, stateToJSON, type FittedEBM } from "./ebm/ebm-model.ts";
import { scoreRows } from "./ebm/ebm-state.ts";
import { fitEBM } from "./ebm/fit-ebm.ts";
import { wrongKind } from "./ebm/wrong-kind.ts";

const KIND = "ExplainableBoostingClassifier";

/**
 * Explainable Boosting Machine for classification: binary (one log-odds score, of classes[1])
 * or multiclass (one score per class, softmax). Each score is an intercept plus one binned
 * shape function per feature plus a few pairwise terms (`terms()`), so every prediction splits
 * exactly into its terms (`explainTerms`). Missing values (NaN) get a bin of their own.
 * Options: see {@link EBM_OPTIONS}; `monotone` "increasing" means the probability of
 * classes[0] never decreases as the feature grows.
 *
 * @example
 * const m = new ExplainableBoostingClassifier({ monotone: { income: "increasing" } })
 *   .fit(X, y, { featureNames: ["age", "income"] });
 * m.predictProba([[40, 52000]]); // [[p(classes[0]), p(classes[1])]]
 */
export class ExplainableBoostingClassifier<Y extends Label = Label> extends EBMEstimatorBase<FittedEBM & { classes: Y[] }> implements Estimator<Y>, AdditiveModel {
  readonly kind = KIND;
  readonly capabilities: Capabilities = {
    task: "classification",
    probabilities: true,
    trees: false,
    coefficients: false,
    neighbors: false,
    handlesMissing: true,
    additive: true,
  };
  get classes(): Y[] { return [...this.state().classes]; }
  /** "logistic" for two classes (one score: the log-odds of classes[1]), "softmax" for more. */
  get link(): "logistic" | "softmax" { return this.state().classes.length === 2 ? "logistic" : "softmax"; }

  fit(X: MatrixLike, y: ArrayLike<Y>, options?: FitOptions): this {
    this.fitted = undefined;
    checkOptions(KIND, EBM_OPTIONS, this.options);
    const input = checkFitInput(KIND, X, y.length, options, { allowMissing: true });
    const { classes, codes } = encodeLabels(y, KIND);
    if (!input.weights.some((w) => w > 0)) throw new UnderstudyError("bad_weight", messages.models.weightsSumToZero(KIND));
    const settings = ebmSettings(KIND, this.options, input.featureNames);
    const state = fitEBM(input.X, Float64Array.from(codes), input.weights, classes.length, settings);
    this.fitted = { state, featureNames: input.featureNames, classes };
    return this;
  }

  predictProba(X: MatrixLike): number[][] {
    const s = this.state();
    const scores = scoreRows(s.state, this.predictInput(X));
    const K = s.state.nOutputs;
    const out: number[][] = [];
    for (let i = 0; i < scores.length / K; i++) {
      if (K === 1) {
        const p1 = sigmoid(scores[i]);
        out.push([1 - p1, p1]);
        continue;
      }
      const row = Array.from(scores.subarray(i * K, i * K + K));
      const max = Math.max(...row);
      const e = row.map((v) => Math.exp(v - max));
      const sum = e.reduce((a, b) => a + b, 0);
      out.push(e.map((v) => v / sum));
    }
    return out;
  }

  predict(X: MatrixLike): Y[] {
    return argmaxLabels(this.predictProba(X), this.state().classes);
  }

  toJSON(): ModelJSON {
    const s = this.state();
    return modelJSON({ kind: KIND, options: { ...this.options }, featureNames: s.featureNames, classes: s.classes, state: stateToJSON(s.state) });
  }

  /** Restores a model saved with `toJSON()`, checking the saved state's shapes. */
  static fromJSON<Y extends Label = Label>(json: ModelJSON): ExplainableBoostingClassifier<Y> {
    if (json.kind !== KIND) throw wrongKind(KIND, json.kind);
    const classes = json.classes as Y[] | undefined;
    if (!Array.isArray(classes) || classes.length < 2) {
      throw new UnderstudyError("bad_model_json", messages.models.missingSavedPart(`${KIND}.fromJSON`, "classes"));
    }
    const m = new ExplainableBoostingClassifier<Y>(json.options as EBMOptions);
    const state = stateFromJSON(`${KIND}.fromJSON`, json.state, json.featureNames.length, classes.length === 2 ? 1 : classes.length);
    m.fitted = { state, featureNames: [...json.featureNames], classes: [...classes] };
    return m;
  }
}
