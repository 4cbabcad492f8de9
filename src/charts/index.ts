// Public API of src/charts (re-exports only).
export { VEGA_LITE_V5_SCHEMA, type VegaLiteSpec } from "./vega-lite-spec.ts";
export { featureImportanceChart, type FeatureImportanceRow, type FeatureImportanceChartOptions } from "./feature-importance-chart.ts";
export { coefficientsChart, type CoefficientBar, type CoefficientsChartOptions } from "./coefficients-chart.ts";
export { confusionMatrixChart, type ConfusionMatrixInput, type ConfusionMatrixChartOptions } from "./confusion-matrix-chart.ts";
export { calibrationChart, type CalibrationBin, type CalibrationChartOptions } from "./calibration-chart.ts";
export { reasonCodesChart, type ReasonCodesInput, type ReasonCodeContribution, type ReasonCodesChartOptions } from "./reason-codes-chart.ts";
export { partialDependenceChart, type PartialDependenceInput, type PartialDependenceChartOptions } from "./partial-dependence-chart.ts";
export { learningCurveChart, type LearningCurvePoint, type LearningCurveChartOptions } from "./learning-curve-chart.ts";
export { cascadeFrontierChart, type CascadeFrontierPoint, type CascadeFrontierChartOptions } from "./cascade-frontier-chart.ts";
export { conceptQualityChart, type ConceptQualityRow, type ConceptQualityChartOptions } from "./concept-quality-chart.ts";
export { fairnessChart, type FairnessGroupRow, type FairnessChartOptions } from "./fairness-chart.ts";
export { treeRulesChart, type RuleListRow, type RuleListCondition, type TreeRulesChartOptions } from "./tree-rules-chart.ts";
export { renderSVG, renderPNG, type RenderPNGOptions } from "./render.ts";
export { Chart, chart } from "./display.ts";
export { displayCard, type CardSummary, type CardItem } from "./display-card.ts";
export { VEGA_LITE_MIME, type MimeBundle } from "./mime-bundle.ts";
export { driftChart, type DriftChartInput, type DriftChartOptions, type DriftBar } from "./drift-chart.ts";
export { benchmarkChart, type BenchmarkChartRow, type BenchmarkChartOptions } from "./benchmark-chart.ts";
