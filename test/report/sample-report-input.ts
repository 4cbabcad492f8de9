import { binaryValidation } from "../../src/evaluate/binary-validation.ts";
import { groupFairness } from "../../src/evaluate/group-fairness.ts";
import { sensitiveProxies } from "../../src/evaluate/sensitive-proxies.ts";
import type { ReportInput, ReportValidation } from "../../src/report/report-input.ts";

/**
 * A realistic, hand-made report input: a loan pre-screening task distilled from an LLM into a
 * depth-3 tree. Figures are consistent with each other (confusion matrices sum to the row
 * counts, agreement = diagonal / rows, reason codes add up) so the report can be checked.
 * One feature name carries a script tag to prove the report escapes it.
 */
export const SAMPLE_FEATURE_XSS = "<script>alert(1)</script>";

export function sampleReportInput(): ReportInput {
  return {
    generatedAt: "2026-11-23T06:00:00Z",
    task: {
      description: "Should this loan application go to manual review?",
      intendedUse: "Pre-screening of consumer loan applications before a human underwriter decides.",
      outOfScope: ["Final credit decisions without a human", "Business loans"],
      kind: "classification",
      labels: ["approve", "review"],
      owner: "Credit risk team",
    },
    teacher: {
      model: "gpt-4o-mini",
      provider: "OpenAI-compatible server at 127.0.0.1 (test)",
      promptVersions: { label: "label@3 (sha256:9f2c…)", concepts: "concepts@1" },
      firstCall: "2026-11-20T09:12:00Z",
      lastCall: "2026-11-20T09:31:00Z",
      temperature: 0,
    },
    data: {
      source: "applications-2025.csv",
      rows: 1000,
      splits: [
        { name: "train", rows: 600, labelledBy: "teacher" },
        { name: "validation", rows: 200, labelledBy: "teacher" },
        { name: "test", rows: 200, labelledBy: "teacher and gold" },
      ],
      columns: [
        { name: "application_id", role: "identifier", reason: "unique per row; never a feature" },
        { name: "income", role: "feature", reason: "numeric" },
        { name: "debt_ratio", role: "feature", reason: "numeric" },
        { name: "employment", role: "feature", reason: "categorical, 4 values" },
        { name: "notes", role: "text", reason: "free text over 40 characters on average" },
        { name: "decision", role: "target", reason: "named as target (gold labels)" },
      ],
    },
    features: [
      { name: "income", kind: "raw numeric", lineage: "column income" },
      { name: "debt_ratio", kind: "raw numeric", lineage: "column debt_ratio" },
      { name: "employment=contract", kind: "one-hot", lineage: "column employment" },
      { name: "mentions_arrears", kind: "LLM concept", lineage: "question 'Do the notes mention missed payments?' learned by a TF-IDF detector" },
      { name: SAMPLE_FEATURE_XSS, kind: "LLM expression", lineage: "debt_ratio * 2 (proposed by the LLM, kept: +1.5 points CV)" },
    ],
    model: {
      type: "decision tree",
      size: "depth 3, 5 leaves",
      hyperparameters: { maxDepth: 3, minSamplesLeaf: 10, criterion: "gini", seed: 0 },
      candidates: [
        { type: "decision tree", score: 0.93, metric: "agreement", chosen: true },
        { type: "logistic regression", score: 0.925, metric: "agreement" },
        { type: "random forest", score: 0.94, metric: "agreement", note: "100 trees" },
      ],
      choiceReason: "simplest candidate within 1 point of the best",
      leftOut: [{ type: "k-nearest neighbors", reason: "no SQL form (exportable: true)" }],
    },
    decision: {
      positive: "review",
      cutoff: "Predict review when P(review) ≥ 0.3, chosen on 400 out-of-fold rows for costs 1:5.",
      calibrated: false,
      calibrationCV: { on: "cv", rows: 400, ece: 0.041, brier: 0.07, logLoss: 0.24, probabilities: "uncalibrated" },
      calibrationTest: { on: "test", rows: 200, ece: 0.05, brier: 0.061, logLoss: 0.22, probabilities: "uncalibrated" },
    },
    scorecard: {
      pdo: 20, points: 600, odds: 50, factor: 20 / Math.LN2, offset: 600 - (20 / Math.LN2) * Math.log(50), positive: "review",
      // 34 lines: the first 30 open, the other 4 folded.
      table: Array.from({ length: 34 }, (_, i) => ({ column: i < 10 ? "income" : i < 20 ? "debt_ratio" : `employment ${i}`, condition: `bin ${i + 1}`, points: 40 - 3 * i })),
      check: { maxDifference: 9.5, n: 200 },
    },
    performance: {
      vsTeacher: {
        value: 186 / 200,
        rows: 200,
        kappa: 0.84,
        macroF1: 0.92,
        confusion: { labels: ["approve", "review"], matrix: [[118, 6], [8, 68]] },
      },
      vsGold: {
        value: 178 / 200,
        rows: 200,
        kappa: 0.77,
        confusion: { labels: ["approve", "review"], matrix: [[112, 10], [12, 66]] },
      },
      teacherVsGold: { value: 182 / 200, rows: 200 },
      learningCurve: [
        { labels: 100, agreement: 0.84, series: "active" },
        { labels: 200, agreement: 0.89, series: "active" },
        { labels: 400, agreement: 0.92, series: "active" },
        { labels: 100, agreement: 0.8, series: "random" },
        { labels: 200, agreement: 0.85, series: "random" },
        { labels: 400, agreement: 0.9, series: "random" },
      ],
      cascade: {
        points: [
          { shareToLLM: 0, accuracy: 0.89, cost: 0 },
          { shareToLLM: 0.1, accuracy: 0.92, cost: 0.06 },
          { shareToLLM: 0.25, accuracy: 0.94, cost: 0.15 },
          { shareToLLM: 1, accuracy: 0.91, cost: 0.6 },
        ],
        targetAccuracy: 0.93,
      },
    },
    monitoring: { rows: 500, columns: [{ column: "income", psi: 0.31 }, { column: "debt_ratio", psi: 0.04 }], predictionPsi: 0.12, predictionOutput: "P(review)", drifted: ["income"] },
    calibration: {
      positiveLabel: "review",
      bins: [
        { meanPredicted: 0.05, observed: 0.04, count: 90 },
        { meanPredicted: 0.3, observed: 0.35, count: 20 },
        { meanPredicted: 0.7, observed: 0.6, count: 25 },
        { meanPredicted: 0.95, observed: 0.97, count: 65 },
      ],
      brier: 0.061,
    },
    fairness: [
      {
        attribute: "Age band",
        outcome: "Approval rate",
        groups: [
          { group: "under 30", rate: 0.44, count: 50 },
          { group: "30-60", rate: 0.66, count: 110 },
          { group: "over 60", rate: 0.6, count: 40 },
        ],
      },
    ],
    validation: sampleValidation(),
    explanations: {
      importance: [
        { feature: "debt_ratio", importance: 0.21, std: 0.02 },
        { feature: "income", importance: 0.12, std: 0.015 },
        { feature: "mentions_arrears", importance: 0.07, std: 0.01 },
        { feature: SAMPLE_FEATURE_XSS, importance: 0.01, std: 0.005 },
        { feature: "employment=contract", importance: 0.004, std: 0.003 },
      ],
      importanceMeasure: "Drop in agreement when shuffled",
      importanceRows: "test rows, n = 200",
      rules: [
        { conditions: [{ name: "debt_ratio", op: "<=", threshold: 0.35 }, { name: "income", op: ">", threshold: 32000 }], prediction: "approve", samples: 290, value: [0.95, 0.05] },
        { conditions: [{ name: "debt_ratio", op: "<=", threshold: 0.35 }, { name: "income", op: "<=", threshold: 32000, includesMissing: true }], prediction: "review", samples: 70, value: [0.3, 0.7] },
        { conditions: [{ name: "debt_ratio", op: ">", threshold: 0.35 }, { name: "mentions_arrears", op: "<=", threshold: 0.5 }], prediction: "approve", samples: 90, value: [0.62, 0.38] },
        { conditions: [{ name: "debt_ratio", op: ">", threshold: 0.35 }, { name: "mentions_arrears", op: ">", threshold: 0.5 }], prediction: "review", samples: 150, value: [0.08, 0.92] },
      ],
      partialDependenceOutput: "P(review)",
      partialDependence: [{
        feature: "debt_ratio",
        grid: [0.1, 0.2, 0.3, 0.4, 0.5],
        average: [0.12, 0.15, 0.22, 0.61, 0.7],
        ice: [[0.05, 0.05, 0.05, 0.92, 0.92], [0.3, 0.3, 0.38, 0.38, 0.7], [0.05, 0.1, 0.25, 0.55, 0.55]],
      }],
      concepts: [
        { concept: "mentions missed payments", agreement: 0.91, baseline: 0.72, support: 200 },
        { concept: "self-employed", agreement: 0.86, baseline: 0.81, support: 200 },
      ],
    },
    examples: [
      {
        id: "A-1042",
        input: { income: 28500, debt_ratio: 0.41, employment: "contract", notes: "Two missed payments in 2024." },
        prediction: "review",
        teacherLabel: "review",
        goldLabel: "review",
        confidence: 0.92,
        reasonCodes: {
          baseline: 0.38,
          prediction: 0.92,
          output: "P(review)",
          contributions: [
            { feature: "debt_ratio", value: 0.41, contribution: 0.21 },
            { feature: "mentions_arrears", value: 1, contribution: 0.3 },
            { feature: "income", value: 28500, contribution: 0.03 },
            { feature: SAMPLE_FEATURE_XSS, value: 0.82, contribution: 0 },
          ],
        },
      },
    ],
    disagreements: [
      { id: "A-0077", input: "income 51,000; debt 0.52; notes: 'paid off car loan early'", prediction: "review", teacherLabel: "approve", goldLabel: "approve", confidence: 0.9, reason: "confident and wrong against gold" },
      { id: "A-0311", input: "income 19,000; debt 0.2; notes: <b>none</b>", prediction: "approve", teacherLabel: "review", confidence: 0.55, reason: "near the threshold" },
    ],
    cost: {
      teacherCalls: 812,
      cacheHits: 188,
      promptTokens: 243600,
      completionTokens: 8120,
      costUSD: 0.0414,
      budget: { maxCalls: 1000, maxUSD: 1 },
      llmUSDPer1000Rows: 0.051,
    },
    limitations: ["Trained on 2025 applications only; re-check after policy changes."],
    reproducibility: {
      seed: 0,
      runtime: "Node 20.20.0",
      packageVersions: { "understudy-ml": "0.1.0", "vega-lite": "6.4.3" },
      dataHash: "sha256:3b7e…",
      modelHash: "sha256:a91f…",
      command: "understudy distill applications-2025.csv --task '…' --seed 0",
    },
  };
}

/**
 * The validation section's input for the same story, measured by the library's own functions on
 * 200 made-up test rows: P(approve) rises with the row's position, age band cycles, income
 * follows age band (a proxy).
 */
export function sampleValidation(): ReportValidation {
  const n = 200;
  const age = Array.from({ length: n }, (_, i) => (i === 7 ? null : ["under 30", "30-60", "over 60"][i % 3]));
  const scores = Array.from({ length: n }, (_, i) => Math.round(((i * 37) % n) / n * 100) / 100);
  const gold = scores.map((p, i) => (p + ((i * 13) % 7) / 10 > 0.6 ? "approve" : "review"));
  const predicted = scores.map((p) => (p >= 0.5 ? "approve" : "review"));
  const f = groupFairness({ attributes: [{ name: "Age band", groups: age }], predictions: predicted, gold, positive: "approve", seed: 0, resamples: 200 });
  const income = age.map((a, i) => (a === "under 30" ? 20 : 40) + (i % 10));
  return {
    binary: [binaryValidation({ scores, reference: gold, predicted, positive: "approve", against: "gold", seed: 0, resamples: 200 })],
    runnerUp: { measured: false, reason: "the runner-up has no test predictions" },
    fairness: { positive: "approve", minGroupShare: f.minGroupShare, impactThreshold: f.impactThreshold, byAttribute: f.byAttribute },
    useSensitiveAsFeature: false,
    proxies: {
      rows: "all", n,
      ...sensitiveProxies({
        attributes: [{ name: "Age band", groups: age }],
        features: [{ name: "income", kind: "numeric", values: income }, { name: "employment", kind: "categorical", values: age.map((_, i) => (i % 2 ? "salaried" : "contract")) }],
      }),
    },
  };
}
