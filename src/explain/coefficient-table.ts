import { Matrix, type MatrixLike } from "../data/matrix.ts";
import { linearOf, type FittedModel } from "./model-access.ts";
import { linearOutputNames } from "./linear-outputs.ts";

/** One coefficient of a linear model. */
export interface CoefficientRow {
  /** The score it belongs to: classes[1] for logistic, each class for softmax, "prediction" for regression. */
  output: string;
  feature: number;
  name: string;
  /** Change in the score (log-odds for logistic) per unit of the raw feature. */
  coefficient: number;
  /** Change in the score per standard deviation of the feature: comparable across features. */
  standardized: number;
  /** The feature's scale used to standardize (its standard deviation). */
  scale: number;
  /** Logistic only: multiplicative change in the odds per raw unit (exp(coefficient)); else null. */
  oddsRatio: number | null;
  /** Logistic only: multiplicative change in the odds per standard deviation; else null. */
  oddsRatioPerSd: number | null;
}

/** Coefficients of a linear model, with its intercepts. */
export interface CoefficientTable {
  intercepts: { output: string; value: number }[];
  rows: CoefficientRow[];
}

/**
 * The coefficients of a linear model on the raw and the standardized scale, and as odds
 * ratios for logistic models. Scales come from the model (`featureScales`), else from `X`
 * (population standard deviation), else 1.
 *
 * @example
 * const { rows } = coefficientTable(logistic);
 * rows.sort((a, b) => Math.abs(b.standardized) - Math.abs(a.standardized))[0].name;
 */
export function coefficientTable(model: FittedModel, options: { X?: MatrixLike } = {}): CoefficientTable {
  const linear = linearOf(model, "coefficientTable");
  const F = model.nFeatures;
  const scales = new Float64Array(F).fill(1);
  if (linear.featureScales) scales.set(linear.featureScales);
  else if (options.X) {
    const M = Matrix.from(options.X);
    for (let j = 0; j < F; j++) {
      const col = M.column(j).filter((v) => v === v);
      const mean = col.reduce((a, b) => a + b, 0) / (col.length || 1);
      const sd = Math.sqrt(col.reduce((a, b) => a + (b - mean) ** 2, 0) / (col.length || 1));
      scales[j] = sd > 0 ? sd : 1;
    }
  }
  const outputs = linearOutputNames(model, linear);
  const logistic = linear.link === "logistic";
  const rows: CoefficientRow[] = [];
  linear.coefficients.forEach((coefs, k) => {
    for (let j = 0; j < F; j++) {
      const c = coefs[j];
      rows.push({
        output: outputs[k],
        feature: j,
        name: model.featureNames[j] ?? `x${j}`,
        coefficient: c,
        standardized: c * scales[j],
        scale: scales[j],
        oddsRatio: logistic ? Math.exp(c) : null,
        oddsRatioPerSd: logistic ? Math.exp(c * scales[j]) : null,
      });
    }
  });
  return { intercepts: linear.intercepts.map((value, k) => ({ output: outputs[k], value })), rows };
}
