import type { MatrixLike } from "../data/matrix.ts";
import type { Capabilities, Estimator, FitOptions, ModelJSON } from "./estimator.ts";
import { modelJSON } from "./model-json.ts";
import { checkOptions } from "./option-constraints.ts";
import { checkFitInput, checkRegressionTarget } from "./validate.ts";
import type { AdditiveModel } from "./ebm/additive-model.ts";
import { EBMEstimatorBase } from "./ebm/ebm-estimator-base.ts";
import { EBM_OPTIONS, type EBMOptions } from "./ebm/ebm-options.ts";
import { ebmSettings, stateFromJSON, stateToJSON, type FittedEBM } from "./ebm/ebm-model.ts";
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
export class ExplainableBoostingRegressor extends EBMEstimatorBase<FittedEBM> implements Estimator<number>, AdditiveModel {
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
    return Array.from(scoreRows(this.state().state, this.predictInput(X)));
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
}
