import { inputRow, linearOf, type FittedModel } from "./model-access.ts";
import { linearOutputNames } from "./linear-outputs.ts";

/** One feature's term in a linear score. */
export interface LinearTerm {
  feature: number;
  name: string;
  value: number;
  /** coefficient · (value − baseline). */
  contribution: number;
}

/** The decomposition of one linear score (a logit for logistic models). */
export interface LinearContribution {
  output: string;
  /** The score at the baseline row: intercept + Σ coefficient · baseline. */
  base: number;
  terms: LinearTerm[];
  /** base + Σ contributions: the model's score (logit, class score or prediction). */
  score: number;
}

/**
 * Splits each score of a linear model into one term per feature, so that
 * `base + Σ terms[j].contribution === score` (the logit for logistic models). With the default
 * baseline of zeros, base is the intercept; pass `baseline: "mean"` to measure each term from
 * the training mean (the model's `featureMeans`), or a row of your own.
 *
 * @example
 * const [logit] = linearContributions(logistic, row);
 * logit.terms.sort((a, b) => b.contribution - a.contribution)[0].name; // strongest push toward classes[1]
 */
export function linearContributions(
  model: FittedModel,
  x: ArrayLike<number>,
  options: { baseline?: "zero" | "mean" | ArrayLike<number> } = {},
): LinearContribution[] {
  const linear = linearOf(model, "linearContributions");
  const row = inputRow(model, x, "linearContributions");
  const F = model.nFeatures;
  const b = options.baseline ?? "zero";
  const baseline =
    b === "zero" ? new Float64Array(F) : b === "mean" ? Float64Array.from(linear.featureMeans ?? new Float64Array(F)) : inputRow(model, b, "linearContributions baseline");
  const outputs = linearOutputNames(model, linear);
  return linear.coefficients.map((coefs, k) => {
    let base = linear.intercepts[k];
    const terms: LinearTerm[] = [];
    for (let j = 0; j < F; j++) {
      base += coefs[j] * baseline[j];
      terms.push({ feature: j, name: model.featureNames[j] ?? `x${j}`, value: row[j], contribution: coefs[j] * (row[j] - baseline[j]) + 0 }); // + 0 turns -0 into 0
    }
    const score = base + terms.reduce((s, t) => s + t.contribution, 0);
    return { output: outputs[k], base, terms, score };
  });
}
