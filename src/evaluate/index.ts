// Public API of src/evaluate (re-exports only).
export { confusionMatrix, type ConfusionMatrix } from "./confusion-matrix.ts";
export { classificationMetrics, type ClassificationMetrics, type ClassMetrics } from "./classification-metrics.ts";
export { regressionMetrics, type RegressionMetrics } from "./regression-metrics.ts";
export type { Metric } from "./metric.ts";
export { fidelity, type Fidelity } from "./fidelity.ts";
export { confidentDisagreements, type Disagreement } from "./confident-disagreements.ts";
export { calibration, type Calibration, type ReliabilityBin } from "./calibration.ts";
export type { Calibrator } from "./calibrator.ts";
export { plattScaling } from "./platt-scaling.ts";
export { isotonicCalibration } from "./isotonic-calibration.ts";
export { crossValidate, type CrossValidation, type CrossValidateOptions } from "./cross-validate.ts";
export { fairnessByGroup, type FairnessByGroup, type GroupOutcome } from "./fairness-by-group.ts";
