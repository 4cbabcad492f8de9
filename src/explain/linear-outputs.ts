import type { LinearModel } from "../models/estimator.ts";
import type { FittedModel } from "./model-access.ts";

/** What each linear score is for: classes[1] (logistic), each class (softmax), or "prediction". */
export function linearOutputNames(model: FittedModel, linear: LinearModel): string[] {
  const classes = (model.classes ?? []).map(String);
  if (linear.link === "logistic") return [classes[1] ?? "1"];
  if (linear.link === "softmax") return classes;
  return ["prediction"];
}
