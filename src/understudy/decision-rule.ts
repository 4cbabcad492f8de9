import { applyProbabilityCalibration, type ProbabilityCalibration } from "../evaluate/probability-calibrator.ts";
import { argmaxLabels } from "../models/argmax-labels.ts";
import type { Label } from "../models/estimator.ts";
import type { StoredCutoff } from "./bundle-types.ts";

/** What turns a model's probabilities into the Understudy's: an optional calibration, then an optional binary cutoff. */
export interface DecisionRule {
  calibrator?: ProbabilityCalibration;
  cutoff?: Pick<StoredCutoff, "positive" | "threshold">;
}

/**
 * The probabilities `predictProba` returns: the model's, calibrated when the run calibrated.
 *
 * @example
 * decidedProba({ calibrator }, model.predictProba(X));
 */
export function decidedProba(rule: DecisionRule, proba: number[][]): number[][] {
  return rule.calibrator ? applyProbabilityCalibration(rule.calibrator, proba) : proba;
}

/**
 * The labels `predict` returns from (decided) probabilities: the positive class when its
 * probability is ≥ the cutoff, else the other class; without a cutoff the most probable class
 * (ties to the first in `classes` order).
 *
 * @example
 * decidedLabels({ cutoff: { positive: "default", threshold: 0.2 } }, [[0.75, 0.25]], ["default", "paid"]); // ["default"]
 */
export function decidedLabels(rule: DecisionRule, proba: number[][], classes: Label[]): Label[] {
  const cutoff = rule.cutoff;
  if (!cutoff) return argmaxLabels(proba, classes);
  const k = classes.findIndex((c) => String(c) === cutoff.positive);
  const other = classes[1 - k];
  return proba.map((p) => (p[k] >= cutoff.threshold ? classes[k] : other));
}

/**
 * True when the rule changes anything; otherwise a model's own predict is used as it is.
 *
 * @example
 * hasDecisionRule(u.metadata); // true after distill({ costs }) or distill({ calibrate: true })
 */
export function hasDecisionRule(rule: DecisionRule): boolean {
  return rule.calibrator !== undefined || rule.cutoff !== undefined;
}
