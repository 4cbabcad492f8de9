import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";

/** How {@link chooseCutoff} picks: the least expected cost, or a share of rows predicted positive. */
export type CutoffGoal = { costs: { falsePositive: number; falseNegative: number } } | { targetRate: number };

/** A decision cutoff: predict the positive class when its probability is ≥ `threshold`. */
export interface ChosenCutoff {
  threshold: number;
  /** Rows the cutoff was chosen on. */
  n: number;
  /** Share of those rows predicted positive at the cutoff. */
  positiveRate: number;
  /** With costs: the mean cost per row at the cutoff, and at the 0.5 cutoff (the most probable class). */
  expectedCost?: number;
  expectedCostAtHalf?: number;
}

/**
 * Chooses the cutoff on P(positive) from probabilities of rows the model did not see (out of
 * fold). The cutoffs tried are 0, 0.5, 1 and every midpoint between two consecutive distinct
 * probabilities: every way of splitting the rows by probability, each represented by a
 * point between two rows rather than on one. With costs, the cutoff of least expected cost
 * (false positives × their cost + false negatives × theirs, per row) wins; with `targetRate`,
 * the one whose share of positive predictions is nearest the target. Ties go to the cutoff
 * nearest 0.5 (then the lower one), so a cutoff moves away from the most probable class only
 * when that pays.
 *
 * @example
 * chooseCutoff([0.1, 0.4, 0.6, 0.9], [false, true, false, true], { costs: { falsePositive: 1, falseNegative: 5 } });
 * // { threshold: 0.25, expectedCost: 0.25, expectedCostAtHalf: 1.5, ... }: both positives caught, one false positive
 */
export function chooseCutoff(probability: ArrayLike<number>, positive: ArrayLike<boolean>, goal: CutoffGoal): ChosenCutoff {
  const n = probability.length;
  if (n === 0 || positive.length !== n) throw new UnderstudyError("bad_input", messages.evaluate.scoresLength("chooseCutoff", n, positive.length));
  for (let i = 0; i < n; i++) {
    if (!(probability[i] >= 0 && probability[i] <= 1)) throw new UnderstudyError("bad_input", messages.evaluate.scoreNotFinite("chooseCutoff", i, probability[i]));
  }
  const distinct = [...new Set(Array.from(probability))].sort((a, b) => a - b);
  const tried = [...new Set([0, 0.5, 1, ...distinct.slice(1).map((p, k) => (distinct[k] + p) / 2)])];
  const measure = (t: number) => {
    let predicted = 0, fp = 0, fn = 0;
    for (let i = 0; i < n; i++) {
      const yes = probability[i] >= t;
      if (yes) predicted++;
      if (yes && !positive[i]) fp++;
      if (!yes && positive[i]) fn++;
    }
    const cost = "costs" in goal ? (fp * goal.costs.falsePositive + fn * goal.costs.falseNegative) / n : undefined;
    return { rate: predicted / n, cost };
  };
  const loss = (t: number) => {
    const m = measure(t);
    return "costs" in goal ? m.cost! : Math.abs(m.rate - goal.targetRate);
  };
  let best = tried[0];
  let bestLoss = loss(best);
  for (const t of tried.slice(1)) {
    const l = loss(t);
    const nearer = Math.abs(t - 0.5) < Math.abs(best - 0.5) || (Math.abs(t - 0.5) === Math.abs(best - 0.5) && t < best);
    if (l < bestLoss - 1e-12 || (Math.abs(l - bestLoss) <= 1e-12 && nearer)) { best = t; bestLoss = l; }
  }
  const at = measure(best);
  return {
    threshold: best, n, positiveRate: at.rate,
    ...(at.cost !== undefined ? { expectedCost: at.cost, expectedCostAtHalf: measure(0.5).cost! } : {}),
  };
}
