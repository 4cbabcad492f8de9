import type { MatrixLike } from "../data/matrix.ts";
import type { Capabilities, Estimator, FitOptions, ModelJSON } from "./estimator.ts";
import { modelJSON } from "./model-json.ts";
import { checkOptions, storeOptions, type OptionsOf } from "./option-constraints.ts";
import { requireFitted } from "./require-fitted.ts";
import { checkFitInput, checkPredictInput, checkRegressionTarget } from "./validate.ts";
import type { AdditiveModel, AdditiveTerm } from "./ebm/additive-model.ts";
import { EBM_OPTIONS, type EBMOptions } from "./ebm/ebm-options.ts";
import { ebmSettings, explainState, publicTerms, stateFromJSON, stateToJSON, type FittedEBM } from "./ebm/ebm-model.ts";
import { scoreRows } from "./ebm/ebm-state.ts";
import { fitEBM } from "./ebm/fit-ebm.ts";
import { wrongKind } from "./ebm/wrong-kind.ts";

const KIND = "ExplainableBoostingRegressor";

/**
 * Explainable Boosting Machine for regression (squared error): the prediction is an intercept
 * plus one binned shape function per feature plus a few pairwise terms, each read from a table
 * (`terms()`), so every prediction splits exactly into its terms (`explainTerms`). Missing
 * values (NaN) get a bin of their own. Options: see {@link EBM_OPTIONS}.
 *
 * @example
 * const m = new ExplainableBoostingRegressor({ interactions: 0 }).fit(X, y, { featureNames: ["age", "income"] });
 * m.predict([[40, 52000]]);
 * m.explainTerms([[40, 52000]]).contributions[0]; // [[age's part], [income's part]]
 */
export class ExplainableBoostingRegressor implements Estimator<number>, AdditiveModel {
  readonly kind = KIND;
  readonly capabilities: Capabilities = {
    task: "regression",
    probabilities: false,
    trees: false,
    coefficients: false,
    neighbors: false,
    handlesMissing: true,
    additive: true,
  };
  readonly link = "identity" as const;
  readonly options: Readonly<OptionsOf<typeof EBM_OPTIONS>>;

  private fitted?: FittedEBM;

  constructor(options: EBMOptions = {}) {
    this.options = storeOptions(EBM_OPTIONS, options);
  }

  get featureNames(): string[] { return [...this.state().featureNames]; }
  get nFeatures(): number { return this.state().featureNames.length; }
  get intercept(): number[] { return Array.from(this.state().state.intercept); }

  fit(X: MatrixLike, y: ArrayLike<number>, options?: FitOptions): this {
    this.fitted = undefined;
    checkOptions(KIND, EBM_OPTIONS, this.options);
    const input = checkFitInput(KIND, X, y.length, options, { allowMissing: true });
    const targets = checkRegressionTarget(KIND, y);
    const settings = ebmSettings(KIND, this.options, input.featureNames);
    this.fitted = { state: fitEBM(input.X, targets, input.weights, undefined, settings), featureNames: input.featureNames };
    return this;
  }

  predict(X: MatrixLike): number[] {
    const s = this.state();
    return Array.from(scoreRows(s.state, checkPredictInput(KIND, X, s.featureNames.length, { allowMissing: true })));
  }

  terms(): AdditiveTerm[] { return publicTerms(this.state()); }

  explainTerms(X: MatrixLike): { intercept: number[]; contributions: number[][][] } {
    const s = this.state();
    return explainState(s.state, checkPredictInput(KIND, X, s.featureNames.length, { allowMissing: true }));
  }

  toJSON(): ModelJSON {
    const s = this.state();
    return modelJSON({ kind: KIND, options: { ...this.options }, featureNames: s.featureNames, state: stateToJSON(s.state) });
  }

  /** Restores a model saved with `toJSON()`, checking the saved state's shapes. */
  static fromJSON(json: ModelJSON): ExplainableBoostingRegressor {
    if (json.kind !== KIND) throw wrongKind(KIND, json.kind);
    const m = new ExplainableBoostingRegressor(json.options as EBMOptions);
    const state = stateFromJSON(`${KIND}.fromJSON`, json.state, json.featureNames.length, 1);
    m.fitted = { state, featureNames: [...json.featureNames] };
    return m;
  }

  private state(): FittedEBM {
    return requireFitted(this.fitted, KIND);
  }
}
