import type { Featurizer } from "../features/featurizer.ts";
import type { Estimator, Label } from "../models/estimator.ts";

/**
 * The model's output per row, as monitored: the probability of the first label (or of
 * classes[0] when the labels are unknown); the predicted value for a regressor; for a
 * classifier with no probabilities, 1 where it predicts that label.
 *
 * @example
 * modelOutput(model, featurizer.transform(rows), ["spam", "ham"]); // P(spam) per row
 */
export function modelOutput(model: Estimator<Label>, X: ReturnType<Featurizer["transform"]>, labels?: readonly string[]): number[] {
  if (model.capabilities.task !== "classification") return (model.predict(X) as number[]).map(Number);
  const first = firstClass(model, labels);
  if (model.capabilities.probabilities && model.predictProba) {
    const k = model.classes!.indexOf(first);
    return model.predictProba(X).map((p) => p[k]);
  }
  return model.predict(X).map((y) => (y === first ? 1 : 0));
}

/** The first label as given to distill (the positive class), as the model spells it; else classes[0]. */
export function firstClass(model: Estimator<Label>, labels?: readonly string[]): Label {
  const classes = model.classes ?? [];
  return classes.find((c) => labels?.length && String(c) === labels[0]) ?? classes[0];
}

/** The monitored output's name: "P(spam)", or "prediction" for a regressor. */
export function outputName(model: Estimator<Label>, labels?: readonly string[]): string {
  return model.capabilities.task === "classification" ? `P(${String(firstClass(model, labels))})` : "prediction";
}

