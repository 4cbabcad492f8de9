import type { QuantileBins } from "./quantile-bins.ts";

/** One input column's training distribution. */
export type ColumnReference =
  | ({ column: string; kind: "numeric" } & QuantileBins)
  /** `levels` (the most frequent, at most 50) with their `shares`; `other` is the share of the rest. */
  | { column: string; kind: "categorical"; levels: string[]; shares: number[]; other: number; missing: number };

/**
 * The training rows' distributions, stored in the bundle at distill time: what drift is
 * measured against (`u.monitor`) and where a scorecard's bins come from (`u.scorecard`).
 */
export interface TrainingReference {
  /** Training rows profiled. */
  rows: number;
  /** Every input column the model reads (encoded, or read by an expression or rule); text and id columns are not profiled. */
  columns: ColumnReference[];
  /** Features that are not an input column (LLM concepts, expressions, rules): deciles of their values. */
  features: ({ feature: string } & QuantileBins)[];
  /** The model's output on the training rows: the probability of `output` (the first label) or the predicted value. */
  prediction: { output: string } & QuantileBins;
  /** The largest |points table total − score(row)| over the test rows, for the default scorecard (binary logistic or additive models). */
  scorecardCheck?: { maxDifference: number; rows: "test"; n: number };
}
