import type { Estimator, Label } from "../models/estimator.ts";

/** Where the positive class is recorded: `positive` (from `distill({ positive })`), else the first of `labels`. */
export interface PositiveSource {
  labels?: readonly string[];
  positive?: string;
}

/**
 * The class every chart, reason code, partial dependence, coefficient, fairness rate, scorecard
 * and AUC is about, as the model spells it: `positive` as recorded at distill time, else the first
 * of `labels` (bundles from before `positive` was recorded), else the model's first class.
 * Undefined for a regressor.
 *
 * @example
 * positiveClass(u.model, { labels: ["spam", "ham"], positive: "ham" }); // "ham"
 * positiveClass(u.model, { labels: ["spam", "ham"] });                  // "spam"
 */
export function positiveClass(model: Estimator<Label>, source: PositiveSource): Label | undefined {
  const classes = model.classes;
  if (model.capabilities.task !== "classification" || !classes?.length) return undefined;
  const wanted = source.positive ?? source.labels?.[0];
  return classes.find((c) => wanted !== undefined && String(c) === wanted) ?? classes[0];
}
