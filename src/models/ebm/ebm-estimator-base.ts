import type { Matrix, MatrixLike } from "../../data/matrix.ts";
import { storeOptions, type OptionsOf } from "../option-constraints.ts";
import { requireFitted } from "../require-fitted.ts";
import { checkPredictInput } from "../validate.ts";
import type { AdditiveTerm } from "./additive-model.ts";
import { EBM_OPTIONS, type EBMOptions } from "./ebm-options.ts";
import { explainState, publicTerms, type FittedEBM } from "./ebm-model.ts";

/**
 * What the two Explainable Boosting estimators share: the options, the fitted state and its
 * not-fitted check, the input check of predictions, the term tables and their exact split of a
 * row's score. Internal: the public classes are `ExplainableBoostingClassifier` and
 * `ExplainableBoostingRegressor`.
 *
 * @example
 * class ExplainableBoostingRegressor extends EBMEstimatorBase<FittedEBM> { readonly kind = "ExplainableBoostingRegressor"; ... }
 */
export abstract class EBMEstimatorBase<F extends FittedEBM> {
  abstract readonly kind: string;
  readonly options: Readonly<OptionsOf<typeof EBM_OPTIONS>>;
  protected fitted?: F;

  constructor(options: EBMOptions = {}) {
    this.options = storeOptions(EBM_OPTIONS, options);
  }

  get featureNames(): string[] { return [...this.state().featureNames]; }
  get nFeatures(): number { return this.state().featureNames.length; }
  get intercept(): number[] { return Array.from(this.state().state.intercept); }

  terms(): AdditiveTerm[] { return publicTerms(this.state()); }

  explainTerms(X: MatrixLike): { intercept: number[]; contributions: number[][][] } {
    return explainState(this.state().state, this.predictInput(X));
  }

  /** X checked for a prediction: the fitted number of columns; missing values allowed (they have a bin). */
  protected predictInput(X: MatrixLike): Matrix {
    return checkPredictInput(this.kind, X, this.state().featureNames.length, { allowMissing: true });
  }

  protected state(): F {
    return requireFitted(this.fitted, this.kind);
  }
}
