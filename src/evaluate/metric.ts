import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { Label } from "../models/estimator.ts";
import { classificationMetrics } from "./classification-metrics.ts";
import { regressionMetrics } from "./regression-metrics.ts";

/**
 * A score where higher is better: a name, or your own function of (reference, predicted).
 * Errors are negated ("negMAE", "negRMSE") so that every metric grows with quality.
 */
export type Metric =
  | "accuracy"
  | "macroF1"
  | "weightedF1"
  | "r2"
  | "negMAE"
  | "negRMSE"
  | ((yTrue: Label[], yPred: Label[]) => number);

/** The scoring function for a metric name or function, checked. */
export function metricFunction(metric: Metric, method: string): (yTrue: Label[], yPred: Label[]) => number {
  if (typeof metric === "function") return metric;
  switch (metric) {
    case "accuracy":
      return (a, b) => classificationMetrics(a, b).accuracy;
    case "macroF1":
      return (a, b) => classificationMetrics(a, b).macroF1;
    case "weightedF1":
      return (a, b) => classificationMetrics(a, b).weightedF1;
    case "r2":
      return (a, b) => regressionMetrics(a as number[], b as number[]).r2;
    case "negMAE":
      return (a, b) => -regressionMetrics(a as number[], b as number[]).mae;
    case "negRMSE":
      return (a, b) => -regressionMetrics(a as number[], b as number[]).rmse;
    default:
      throw new UnderstudyError("bad_option", messages.evaluate.unknownMetric(method, metric));
  }
}
