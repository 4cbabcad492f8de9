import type { Featurizer } from "../features/featurizer.ts";
import type { Estimator, Label } from "../models/estimator.ts";
import { positiveClass, type PositiveSource } from "./positive-class.ts";

/**
 * The model's output per row, as monitored: the probability of the positive class
 * ({@link positiveClass}); the predicted value for a regressor; for a classifier with no
 * probabilities, 1 where it predicts that class.
 *
 * @example
 * modelOutput(model, featurizer.transform(rows), { labels: ["spam", "ham"] }); // P(spam) per row
 */
export function modelOutput(model: Estimator<Label>, X: ReturnType<Featurizer["transform"]>, source: PositiveSource = {}): number[] {
  if (model.capabilities.task !== "classification") return (model.predict(X) as number[]).map(Number);
  const positive = positiveClass(model, source);
  if (model.capabilities.probabilities && model.predictProba) {
    const k = model.classes!.indexOf(positive!);
    return model.predictProba(X).map((p) => p[k]);
  }
  return model.predict(X).map((y) => (y === positive ? 1 : 0));
}

/** The monitored output's name: "P(spam)", or "prediction" for a regressor. */
export function outputName(model: Estimator<Label>, source: PositiveSource = {}): string {
  return model.capabilities.task === "classification" ? `P(${String(positiveClass(model, source))})` : "prediction";
}
