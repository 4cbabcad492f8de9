import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { Matrix, type MatrixLike } from "../data/matrix.ts";
import type { Label } from "../models/estimator.ts";
import { classIndex, decisionIndex, inputMatrix, inputRow, linearOf, modelOutputs, type FittedModel } from "./model-access.ts";
import { linearContributions } from "./linear-contributions.ts";
import { shapleyValues } from "./shapley-values.ts";
import { treeShap } from "./tree-shap.ts";

/** One feature's push on a prediction. */
export interface ReasonCode {
  feature: number;
  name: string;
  /** The row's value of the feature (NaN when missing). */
  value: number;
  /** Signed push on the explained output, in `scale` units. */
  contribution: number;
  direction: "raises" | "lowers";
}

/** Why a model predicted what it did for one row. */
export interface ReasonCodes {
  /** treeShap (trees, exact), linear (coefficient × (value − baseline)), shapley (any other model). */
  method: "treeShap" | "linear" | "shapley";
  /** The model's prediction for the row. */
  prediction: Label;
  /** The class whose probability (or score) is explained; "prediction" for regressors. */
  output: Label;
  /** Units of `base`, `contribution` and `outputValue`. */
  scale: "probability" | "log-odds" | "score" | "value";
  /** The explained output at the reference point (expected value or baseline row). */
  base: number;
  /** The explained output for this row: base + Σ all contributions. */
  outputValue: number;
  /** The `top` (default 3) features with the largest |contribution|, largest first; zero contributions left out. */
  codes: ReasonCode[];
  /** Every feature, largest |contribution| first. */
  all: ReasonCode[];
}

/**
 * The features that pushed one prediction, with their values and direction, for any model:
 * exact TreeSHAP for trees and forests, coefficient × (value − baseline) on the log-odds for
 * linear models, and baseline Shapley values for the rest (k-NN). The baseline for linear and
 * other models is the column means (linear) or medians (others) of `X` unless given.
 * `row` is an index into X or a row of values. `output` picks the class explained (default:
 * the predicted class); `top` (default 3) how many codes; `seed` seeds sampled Shapley values.
 * Render with `formatReasonCodes`.
 *
 * @example
 * const why = reasonCodes(model, X, 12, { top: 3 });
 * formatReasonCodes(why); // ["links = 7 raises the spam probability by 0.21", ...]
 */
export function reasonCodes(
  model: FittedModel,
  X: MatrixLike,
  row: number | ArrayLike<number>,
  options: { top?: number; baseline?: ArrayLike<number>; output?: Label; seed?: number } = {},
): ReasonCodes {
  const M = inputMatrix(model, X, "reasonCodes");
  let x: Float64Array;
  if (typeof row === "number") {
    if (!Number.isInteger(row) || row < 0 || row >= M.nRows) {
      throw new UnderstudyError("bad_option", messages.explain.rowNotInX("reasonCodes", row, M.nRows));
    }
    x = Float64Array.from(M.row(row));
  } else x = inputRow(model, row, "reasonCodes");
  const top = options.top ?? 3;
  const outputs = modelOutputs(model, new Matrix(x, 1, x.length, M.featureNames))[0];
  const prediction = model.predict([x])[0];
  const classification = model.capabilities.task === "classification";
  const k = classification && options.output !== undefined ? classIndex(model, options.output, "reasonCodes") : decisionIndex(model, outputs);
  const output: Label = classification ? model.classes![k] : "prediction";

  let method: ReasonCodes["method"];
  let scale: ReasonCodes["scale"];
  let base: number;
  let contributions: number[];
  if (model.capabilities.trees) {
    const shap = treeShap(model, [x]);
    method = "treeShap";
    scale = classification ? "probability" : "value";
    base = shap.expected[k];
    contributions = shap.values[0].map((v) => v[k]);
  } else if (model.capabilities.coefficients) {
    const linear = linearOf(model, "reasonCodes");
    const baseline = options.baseline ?? columnStat(M, "mean");
    const parts = linearContributions(model, x, { baseline });
    method = "linear";
    if (linear.link === "logistic") {
      // One logit for classes[1]; the log-odds of classes[0] is its negation.
      const sign = k === 1 ? 1 : -1;
      scale = "log-odds";
      base = sign * parts[0].base;
      contributions = parts[0].terms.map((t) => sign * t.contribution);
    } else {
      scale = linear.link === "softmax" ? "score" : "value";
      base = parts[k].base;
      contributions = parts[k].terms.map((t) => t.contribution);
    }
  } else {
    const baseline = options.baseline ?? columnStat(M, "median");
    const sv = shapleyValues(model, x, { baseline, seed: options.seed });
    method = "shapley";
    scale = classification ? (model.capabilities.probabilities ? "probability" : "score") : "value";
    base = sv.base[k];
    contributions = sv.values.map((v) => v[k]);
  }
  const all: ReasonCode[] = contributions
    .map((c, j) => ({ feature: j, name: model.featureNames[j] ?? `x${j}`, value: x[j], contribution: c, direction: (c >= 0 ? "raises" : "lowers") as ReasonCode["direction"] }))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  const outputValue = base + contributions.reduce((a, b) => a + b, 0);
  return { method, prediction, output, scale, base, outputValue, codes: all.slice(0, top).filter((c) => c.contribution !== 0), all };
}

function columnStat(M: Matrix, stat: "mean" | "median"): Float64Array {
  const out = new Float64Array(M.nCols);
  for (let j = 0; j < M.nCols; j++) {
    const v = Array.from(M.column(j)).filter((a) => a === a);
    if (v.length === 0) continue;
    if (stat === "mean") out[j] = v.reduce((a, b) => a + b, 0) / v.length;
    else {
      v.sort((a, b) => a - b);
      const h = v.length >> 1;
      out[j] = v.length % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
    }
  }
  return out;
}
