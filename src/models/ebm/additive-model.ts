import type { MatrixLike } from "../../data/matrix.ts";
import type { Estimator, Label } from "../estimator.ts";

/**
 * One term of an additive model, for charts, SQL and scorecards. `cuts[f]` are the cut points
 * of the term's f-th feature: bin 0 holds missing values (NaN / NULL), bin b ≥ 1 the values in
 * (cuts[f][b−2], cuts[f][b−1]] (bin 1 is `x <= cuts[f][0]`, the last bin is above every cut).
 * `scores[cell][k]` is the term's contribution to output k; a main term's cell is its bin, a
 * pair's cell is `binA · bins[1] + binB`.
 */
export interface AdditiveTerm {
  features: number[];
  names: string[];
  cuts: number[][];
  /** Bins per feature (cuts + 2: the missing bin and one above the last cut). */
  bins: number[];
  scores: number[][];
}

/**
 * Models that are a sum of per-term lookups (`capabilities.additive`): output k's score is
 * `intercept[k] + Σ_terms score_k`; `link` turns scores into predictions as for linear models
 * ("logistic": one score, the log-odds of classes[1]; "softmax": one per class; "identity").
 */
export interface AdditiveModel {
  readonly intercept: number[];
  readonly link: "identity" | "logistic" | "softmax";
  /** Every term with its cuts and scores (copies). */
  terms(): AdditiveTerm[];
  /**
   * Each row's contribution of every term: `contributions[row][term][k]`; intercept[k] plus a
   * row's contributions, added in term order, is exactly its score k.
   */
  explainTerms(X: MatrixLike): { intercept: number[]; contributions: number[][][] };
}

/**
 * True when the model declares additive terms (`capabilities.additive`): it is an {@link AdditiveModel}.
 *
 * @example
 * if (isAdditiveModel(model)) for (const t of model.terms()) console.log(t.names.join(" × "), t.scores.length);
 */
export function isAdditiveModel<M extends Estimator<Label>>(model: M): model is M & AdditiveModel {
  return model?.capabilities?.additive === true;
}
