import { ExplainableBoostingClassifier } from "../explainable-boosting-classifier.ts";
import { ExplainableBoostingRegressor } from "../explainable-boosting-regressor.ts";
import { EBM_OPTIONS } from "./ebm-options.ts";

/**
 * The registry entries of the two EBMs, spread into `estimatorRegistry` (kept here so the
 * registry gains one line).
 *
 * @example
 * const registry = { ...otherEntries, ...ebmRegistryEntries };
 */
export const ebmRegistryEntries = {
  ExplainableBoostingClassifier: {
    create: (o?: Record<string, unknown>) => new ExplainableBoostingClassifier(o),
    fromJSON: ExplainableBoostingClassifier.fromJSON,
    optionTable: EBM_OPTIONS,
    task: "classification" as const,
  },
  ExplainableBoostingRegressor: {
    create: (o?: Record<string, unknown>) => new ExplainableBoostingRegressor(o),
    fromJSON: ExplainableBoostingRegressor.fromJSON,
    optionTable: EBM_OPTIONS,
    task: "regression" as const,
  },
};
