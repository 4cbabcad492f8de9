import { calibrationChart } from "../../src/charts/calibration-chart.ts";
import { cascadeFrontierChart } from "../../src/charts/cascade-frontier-chart.ts";
import { coefficientsChart } from "../../src/charts/coefficients-chart.ts";
import { conceptQualityChart } from "../../src/charts/concept-quality-chart.ts";
import { confusionMatrixChart } from "../../src/charts/confusion-matrix-chart.ts";
import { fairnessChart } from "../../src/charts/fairness-chart.ts";
import { featureImportanceChart } from "../../src/charts/feature-importance-chart.ts";
import { learningCurveChart } from "../../src/charts/learning-curve-chart.ts";
import { partialDependenceChart } from "../../src/charts/partial-dependence-chart.ts";
import { reasonCodesChart } from "../../src/charts/reason-codes-chart.ts";
import { treeRulesChart } from "../../src/charts/tree-rules-chart.ts";
import type { VegaLiteSpec } from "../../src/charts/vega-lite-spec.ts";

// Each fixture is a named chart; its spec is kept under __snapshots__ as the gallery.
export const gallery: Record<string, () => VegaLiteSpec> = {
  "feature-importance": () => featureImportanceChart([
    { feature: "income", importance: 0.31, std: 0.02 },
    { feature: "age", importance: 0.12, std: 0.05 },
    { feature: "postcode", importance: 0.05 },
  ], { measure: "Drop in agreement when shuffled" }),
  "coefficients-standardized": () => coefficientsChart([
    { feature: "has_link", coefficient: 1.2 },
    { feature: "length", coefficient: -0.4 },
    { feature: "caps_ratio", coefficient: 0.7 },
  ]),
  "coefficients-odds-ratio": () => coefficientsChart([
    { feature: "has_link", coefficient: 1.2 },
    { feature: "length", coefficient: -0.4 },
  ], { scale: "odds-ratio", subtitle: "class: spam" }),
  "confusion-matrix": () => confusionMatrixChart({ labels: ["ham", "spam"], matrix: [[50, 3], [4, 43]] }),
  "calibration": () => calibrationChart([
    { meanPredicted: 0.9, observed: 0.85, count: 35 },
    { meanPredicted: 0.1, observed: 0.05, count: 40 },
    { meanPredicted: 0.5, observed: 0.6, count: 10 },
  ]),
  "calibration-two-series": () => calibrationChart([
    { meanPredicted: 0.2, observed: 0.1, count: 30, series: "before" },
    { meanPredicted: 0.8, observed: 0.9, count: 30, series: "before" },
    { meanPredicted: 0.2, observed: 0.18, count: 30, series: "after" },
    { meanPredicted: 0.8, observed: 0.82, count: 30, series: "after" },
  ]),
  "reason-codes": () => reasonCodesChart({
    baseline: 0.4,
    prediction: 0.9,
    output: "P(spam)",
    contributions: [
      { feature: "has_link", value: 1, contribution: 0.35 },
      { feature: "caps_ratio", value: 0.1, contribution: -0.1 },
      { feature: "length", value: 120, contribution: 0.25 },
    ],
  }),
  "partial-dependence": () => partialDependenceChart(
    { feature: "income", grid: [10, 20, 30], average: [0.2, 0.4, 0.5], ice: [[0.1, 0.3, 0.4], [0.3, 0.5, 0.6]] },
    { output: "P(approve)" },
  ),
  "learning-curve": () => learningCurveChart([
    { labels: 100, agreement: 0.9, series: "active", low: 0.88, high: 0.92 },
    { labels: 50, agreement: 0.81, series: "active", low: 0.78, high: 0.84 },
    { labels: 50, agreement: 0.78, series: "random" },
    { labels: 100, agreement: 0.85, series: "random" },
  ]),
  "cascade-frontier": () => cascadeFrontierChart([
    { shareToLLM: 1, accuracy: 0.97, cost: 2, threshold: 1 },
    { shareToLLM: 0, accuracy: 0.88, cost: 0, threshold: 0 },
    { shareToLLM: 0.2, accuracy: 0.95, cost: 0.4, threshold: 0.8 },
  ], { targetAccuracy: 0.95 }),
  "cascade-frontier-no-cost": () => cascadeFrontierChart([
    { shareToLLM: 0, accuracy: 0.88 },
    { shareToLLM: 0.5, accuracy: 0.96 },
  ]),
  "concept-quality": () => conceptQualityChart([
    { concept: "urgent tone", agreement: 0.81, baseline: 0.8, support: 200 },
    { concept: "mentions money", agreement: 0.93, baseline: 0.7, support: 200 },
  ]),
  "fairness": () => fairnessChart([
    { group: "under 30", rate: 0.42, count: 120 },
    { group: "30-60", rate: 0.55, count: 300 },
    { group: "over 60", rate: 0.5, count: 80 },
  ], { outcome: "Approval rate", attribute: "Age band" }),
  "tree-rules": () => treeRulesChart([
    { conditions: [{ name: "income", op: "<=", threshold: 40000, includesMissing: true }], prediction: "deny", samples: 80, value: [0.75, 0.25] },
    { conditions: [{ name: "income", op: ">", threshold: 40000 }, { name: "debt", op: "<=", threshold: 0.35 }], prediction: "approve", samples: 120, value: [0.1, 0.9] },
    { conditions: [{ name: "income", op: ">", threshold: 40000 }, { name: "debt", op: ">", threshold: 0.35 }], prediction: "deny", samples: 30, value: [0.6, 0.4] },
  ]),
};

