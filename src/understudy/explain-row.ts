import type { ReasonCodesInput } from "../charts/reason-codes-chart.ts";
import { Matrix } from "../data/matrix.ts";
import { counterfactual, type Counterfactual } from "../explain/counterfactual.ts";
import { decisionPath, type DecisionPath } from "../explain/decision-path.ts";
import { formatReasonCodes } from "../explain/format-reason-codes.ts";
import { neighbourExplanation, type NeighbourExplanation } from "../explain/neighbour-explanation.ts";
import { reasonCodes, type ReasonCodes } from "../explain/reason-codes.ts";
import type { Estimator, Label, TreeModel } from "../models/estimator.ts";

/** Why the small model decided what it did for one row. */
export interface Explanation {
  prediction: Label;
  /** Classifiers with probabilities: the probability of the predicted class. */
  probability?: number;
  /** Every class's probability, in `classes` order. */
  probabilities?: number[];
  /** Structured reason codes (TreeSHAP for trees, exact contributions for linear models, Shapley values otherwise). */
  reasons: ReasonCodes;
  /** The top reasons as sentences, e.g. "Flipper Length (mm) = 215 raises the Gentoo probability by 0.41". */
  text: string[];
  /** Single decision trees: the tests the row passed from root to leaf. */
  path?: DecisionPath;
  /** k-NN: the training rows behind the vote. */
  neighbours?: NeighbourExplanation;
  /** Classifiers, where it can be computed exactly or cheaply: the smallest change that flips the decision. */
  counterfactual?: Counterfactual;
}

/** Features at or below which the bounded counterfactual search is cheap enough to run per row. */
const SEARCH_UP_TO = 30;

/**
 * Explains one featurized row of a fitted model: reason codes against the training baseline,
 * their sentences, and what the model type adds (path, neighbours, counterfactual).
 *
 * @example
 * explainRow(model, featurizer.transform([row]), { mean, median }, 5).text;
 */
export function explainRow(model: Estimator<Label>, X: Matrix, baseline: { mean: number[]; median: number[] }, top = 5): Explanation {
  const x = Array.from(X.row(0));
  const linear = model.capabilities.coefficients;
  const reasons = reasonCodes(model, X, x, { top, baseline: linear ? baseline.mean : baseline.median });
  const out: Explanation = { prediction: model.predict(X)[0], reasons, text: formatReasonCodes(reasons) };
  if (model.capabilities.task === "classification" && model.capabilities.probabilities && model.predictProba) {
    const p = model.predictProba(X)[0];
    out.probabilities = p;
    out.probability = p[model.classes!.indexOf(out.prediction)];
  }
  const trees = model.capabilities.trees ? (model as unknown as TreeModel).trees.length : 0;
  if (trees === 1) out.path = decisionPath(model, x);
  if (model.capabilities.neighbours) out.neighbours = neighbourExplanation(model, x);
  if (model.capabilities.task === "classification" && (trees === 1 || linear || model.nFeatures <= SEARCH_UP_TO)) {
    out.counterfactual = counterfactual(model, x);
  }
  return out;
}

/** The reason-codes chart input of an explanation (every feature, so the waterfall adds up). */
export function reasonCodesInput(reasons: ReasonCodes): ReasonCodesInput {
  return {
    baseline: reasons.base,
    prediction: reasons.outputValue,
    output: reasons.scale === "value" ? "Predicted value" : `${reasons.scale} of ${String(reasons.output)}`,
    contributions: reasons.all.filter((c) => c.contribution !== 0).map((c) => ({ feature: c.name, value: Number.isNaN(c.value) ? null : c.value, contribution: c.contribution })),
  };
}
