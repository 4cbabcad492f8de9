import type { Label } from "../models/estimator.ts";
import { bootstrapIntervals, type BootstrapInterval } from "./bootstrap-intervals.ts";
import { calibrationByDecile, type ScoreBand } from "./calibration-by-decile.ts";
import { checkRanking, rankingScores, rankOrder } from "./ranking-curve.ts";

/** The metrics a model validator reads for a binary classifier, on one set of rows. */
export interface BinaryValidation {
  rows: "test";
  n: number;
  /** The labels the scores are measured against. */
  against: "teacher" | "gold";
  /** The class the score is the probability of. */
  positive: Label;
  /** Share of rows whose reference label is `positive`. */
  prevalence: number;
  auc: number;
  /** 2·AUC − 1. */
  gini: number;
  ks: number;
  /** Average precision (area under the precision–recall curve). */
  prAuc: number;
  /** Share of rows where the model's label equals the reference label. */
  agreement: number;
  /** Deciles of the predicted probability: predicted against observed rate. */
  calibrationByDecile: ScoreBand[];
  /** Seeded percentile bootstrap intervals (same resamples for every metric). */
  intervals: Record<"auc" | "gini" | "ks" | "prAuc" | "agreement", BootstrapInterval>;
}

/**
 * AUC, Gini, KS, PR-AUC, agreement and calibration by decile of one binary classifier's
 * probabilities against reference labels, with 95% bootstrap intervals (1,000 seeded
 * resamples of the rows by default).
 *
 * @example
 * const v = binaryValidation({ scores: proba.map((p) => p[0]), reference: gold, predicted, positive: "default", against: "gold", seed: 0 });
 * v.auc; v.intervals.auc; // 0.81, { low: 0.77, high: 0.85, ... }
 */
export function binaryValidation(input: {
  scores: ArrayLike<number>;
  reference: ArrayLike<Label>;
  predicted: ArrayLike<Label>;
  positive: Label;
  against: "teacher" | "gold";
  seed: number;
  resamples?: number;
}): BinaryValidation {
  const { scores, positive } = input;
  const positives = Array.from(input.reference, (y) => y === positive);
  checkRanking("binaryValidation", scores, positives);
  const order = rankOrder(scores);
  const right = Array.from(input.predicted, (p, i) => p === input.reference[i]);
  const rank = (w?: ArrayLike<number>) => rankingScores(order, scores, positives, w);
  const share = (hits: boolean[], w: ArrayLike<number>) => {
    let s = 0, t = 0;
    for (let i = 0; i < hits.length; i++) { t += w[i]; if (hits[i]) s += w[i]; }
    return s / t;
  };
  const full = rank();
  const ones = new Float64Array(positives.length).fill(1);
  const intervals = bootstrapIntervals(positives.length, ["auc", "gini", "ks", "prAuc", "agreement"], (w) => {
    const r = rank(w);
    return { auc: r.auc, gini: 2 * r.auc - 1, ks: r.ks, prAuc: r.averagePrecision, agreement: share(right, w) };
  }, { seed: input.seed, ...(input.resamples ? { resamples: input.resamples } : {}) });
  return {
    rows: "test", n: positives.length, against: input.against, positive, prevalence: share(positives, ones),
    auc: full.auc, gini: 2 * full.auc - 1, ks: full.ks, prAuc: full.averagePrecision, agreement: share(right, ones),
    calibrationByDecile: calibrationByDecile(scores, positives), intervals,
  };
}
