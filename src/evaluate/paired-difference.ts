import { bootstrapIntervals, type BootstrapOptions } from "./bootstrap-intervals.ts";

/** Two models' agreement with one set of reference labels on the same rows, and the difference with its paired bootstrap interval. */
export interface AgreementDifference {
  /** Whose labels the agreement is with. */
  against: "teacher" | "gold";
  rows: "test";
  n: number;
  /** Share of the rows where the chosen model's prediction equals the reference label. */
  chosen: number;
  /** The same share for the runner-up model. */
  runnerUp: number;
  /** `chosen − runnerUp`: positive when the chosen model agrees more often. */
  difference: number;
  /** Percentile interval of the difference over paired resamples of the rows: `[low, high]`. */
  interval: [number, number];
  level: number;
  resamples: number;
}

/**
 * `metrics.binary.runnerUp`: the chosen model against the best-scoring other family (refit on the
 * same labelled rows), on the test rows; a second block against gold when gold exists and did not teach.
 */
export type RunnerUpComparison =
  | ({ measured: true; name: string; type: string } & AgreementDifference & { vsGold?: AgreementDifference })
  | { measured: false; reason: string };

/** Options of {@link agreementDifference}: the labels compared against, and the bootstrap's (1,000 resamples, seed 0, 95% by default). */
export interface AgreementDifferenceOptions extends BootstrapOptions {
  against: "teacher" | "gold";
}

/**
 * The difference in agreement with `reference` between two models' predictions of the same rows,
 * with a paired, seeded percentile bootstrap interval: each resample draws the rows once and
 * scores both models on that draw, so what the two models share (hard rows, easy rows) cancels.
 * Identical predictions give a difference of 0 and the interval [0, 0].
 *
 * @example
 * const d = agreementDifference(["a", "b", "b"], ["a", "a", "b"], ["a", "b", "b"], { against: "teacher", seed: 0 });
 * d.difference; // 1/3 (the chosen model is right on row 2, the runner-up is not)
 * d.interval;   // [0, 1] or narrower: the share of row 2 in each resample
 */
export function agreementDifference<L>(chosen: readonly L[], runnerUp: readonly L[], reference: readonly L[], options: AgreementDifferenceOptions): AgreementDifference {
  const n = reference.length;
  // Per row: +1 when only the chosen model is right, −1 when only the runner-up is, 0 otherwise.
  const gain = reference.map((y, i) => Number(chosen[i] === y) - Number(runnerUp[i] === y));
  const share = (preds: readonly L[]) => (n ? reference.filter((y, i) => preds[i] === y).length / n : NaN);
  const { difference: ci } = bootstrapIntervals(n, ["difference"], (w) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += w[i] * gain[i];
    return { difference: sum / n };
  }, options);
  const a = share(chosen), b = share(runnerUp);
  return { against: options.against, rows: "test", n, chosen: a, runnerUp: b, difference: n ? a - b : NaN, interval: [ci.low, ci.high], level: ci.level, resamples: ci.resamples };
}
