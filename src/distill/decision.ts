import { calibration } from "../evaluate/calibration.ts";
import { chooseCutoff } from "../evaluate/choose-cutoff.ts";
import { applyProbabilityCalibration, fitProbabilityCalibration, type ProbabilityCalibration } from "../evaluate/probability-calibrator.ts";
import type { Label } from "../models/estimator.ts";
import type { CalibrationScores, StoredCutoff } from "../understudy/bundle-types.ts";
import type { CheckedOptions } from "./check-options.ts";
import type { ChosenModel } from "./fit-candidates.ts";

/** How the run turns probabilities into predictions, all chosen on out-of-fold probabilities. */
export interface Decision {
  /** Classification: the class explained and scored. */
  positive?: string;
  calibrator?: ProbabilityCalibration;
  cutoff?: StoredCutoff;
  /** Calibration of the uncalibrated out-of-fold probabilities against the teacher's labels. */
  calibrationCV?: CalibrationScores;
  /** The out-of-fold probabilities as predictions see them (calibrated when `calibrator` is). */
  outOfFoldProba?: number[][];
}

/** The options {@link decision} reads. */
export type DecisionInput = Pick<CheckedOptions, "labels" | "positive" | "costs" | "targetRate" | "calibrate">;

/**
 * The decision rule of a classifier, from the chosen family's out-of-fold probabilities of
 * the labelled train + validation rows (never the test rows): the positive class (`positive`,
 * else the first of `labels`), their calibration measured (always), a Platt calibration fitted
 * on them (`calibrate: true`), and a binary cutoff on P(positive) (`costs` or `targetRate`),
 * chosen on the calibrated probabilities when there is a calibration, since predict compares
 * those with it.
 *
 * @example
 * decision({ labels: ["default", "paid"], costs: { falsePositive: 1, falseNegative: 5 } }, fit.chosen).cutoff?.threshold; // 0.18
 */
export function decision(o: DecisionInput, chosen: ChosenModel): Decision {
  const classes = chosen.model.classes;
  if (!o.labels || !classes) return {};
  const positive = o.positive ?? o.labels[0];
  const raw = chosen.outOfFold.proba;
  if (!raw?.length) return { positive };
  // Out of time the earliest rows only train and have no out-of-fold probability.
  const y = chosen.outOfFold.rows ? chosen.outOfFold.rows.map((r) => chosen.y[r]) : chosen.y;
  const cal = calibration(raw, classes, y, { bins: 10 });
  const calibrationCV: CalibrationScores = { rows: "cv", n: y.length, ece: cal.ece, mce: cal.mce, brier: cal.brier, logLoss: cal.logLoss, against: "teacher", probabilities: "uncalibrated" };
  const k = classes.findIndex((c) => String(c) === positive);
  // One class only among the labelled rows: nothing to calibrate or cut.
  if (k < 0 || classes.length < 2) return { positive, calibrationCV, outOfFoldProba: raw };
  const calibrator = o.calibrate ? fitProbabilityCalibration(raw, classes, y, classes[k]) : undefined;
  const proba = calibrator ? applyProbabilityCalibration(calibrator, raw) : raw;
  const goal = o.costs ? { costs: o.costs } : o.targetRate !== undefined ? { targetRate: o.targetRate } : undefined;
  if (!goal || classes.length !== 2) return { positive, calibrationCV, outOfFoldProba: proba, ...(calibrator ? { calibrator } : {}) };
  const c = chooseCutoff(proba.map((p) => p[k]), y.map((l: Label) => String(l) === positive), goal);
  const cutoff: StoredCutoff = {
    positive, threshold: c.threshold, from: o.costs ? "costs" : "targetRate", rows: "cv", n: c.n, positiveRate: c.positiveRate,
    ...(o.costs ? { costs: { ...o.costs }, expectedCost: c.expectedCost!, expectedCostAtHalf: c.expectedCostAtHalf! } : { targetRate: o.targetRate! }),
    text: cutoffText(positive, c, o, calibrator !== undefined),
  };
  return { positive, calibrationCV, outOfFoldProba: proba, cutoff, ...(calibrator ? { calibrator } : {}) };
}

function cutoffText(positive: string, c: ReturnType<typeof chooseCutoff>, o: DecisionInput, calibrated: boolean): string {
  const p = (v: number) => `${(v * 100).toFixed(1)}%`;
  const rule = `Predicts "${positive}" when its ${calibrated ? "calibrated " : ""}probability is at least ${+c.threshold.toFixed(4)}`;
  const where = `chosen on ${c.n} out-of-fold rows`;
  if (o.costs) {
    const { falsePositive, falseNegative } = o.costs;
    return `${rule} (${where} to minimize the expected cost with a false positive costing ${falsePositive} and a false negative ${falseNegative}: ${+c.expectedCost!.toFixed(4)} per row, against ${+c.expectedCostAtHalf!.toFixed(4)} at 0.5; ${p(c.positiveRate)} of the rows predicted "${positive}").`;
  }
  return `${rule} (${where} so that ${p(c.positiveRate)} of the rows are predicted "${positive}", for a target of ${p(o.targetRate!)}).`;
}
