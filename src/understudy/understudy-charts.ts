import { calibrationChart, type CalibrationBin } from "../charts/calibration-chart.ts";
import { cascadeFrontierChart } from "../charts/cascade-frontier-chart.ts";
import { coefficientsChart } from "../charts/coefficients-chart.ts";
import { conceptQualityChart } from "../charts/concept-quality-chart.ts";
import { confusionMatrixChart } from "../charts/confusion-matrix-chart.ts";
import { fairnessChart } from "../charts/fairness-chart.ts";
import { driftChart, type DriftBar, type DriftChartInput } from "../charts/drift-chart.ts";
import { featureImportanceChart } from "../charts/feature-importance-chart.ts";
import { learningCurveChart } from "../charts/learning-curve-chart.ts";
import { partialDependenceChart, type PartialDependenceInput } from "../charts/partial-dependence-chart.ts";
import { reasonCodesChart, type ReasonCodesInput } from "../charts/reason-codes-chart.ts";
import type { CoefficientBar } from "../charts/coefficients-chart.ts";
import { shapeFunctionChart, type ShapeFunctionInput } from "../charts/shape-function-chart.ts";
import { treeRulesChart } from "../charts/tree-rules-chart.ts";
import type { VegaLiteSpec } from "../charts/vega-lite-spec.ts";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { coefficientTable } from "../explain/coefficient-table.ts";
import { partialDependence } from "../explain/partial-dependence.ts";
import { treeRules } from "../explain/tree-rules.ts";
import type { Estimator, Label } from "../models/estimator.ts";
import { isAdditiveModel, type AdditiveModel } from "../models/ebm/additive-model.ts";
import { isTreeModel } from "../models/model-kinds.ts";
import type { Explanation } from "./explain-row.ts";
import { reasonCodesInput } from "./explain-row.ts";
import { positiveClass } from "./positive-class.ts";
import { fromSparseRows } from "./sparse-rows.ts";
import type { UnderstudyMetadata } from "./bundle-types.ts";

/**
 * The charts of a distilled model: each function returns a Vega-Lite v5 spec (pass it to
 * `chart()` in a notebook or `renderSVG` for a file). Optional members exist only where they
 * apply (fairness with a `sensitive` column, tree for a single tree, coefficients for linear
 * models, concepts when LLM concepts were learned, learningCurve when measured).
 */
export interface UnderstudyCharts {
  /** Feature importance measured on held-out rows. */
  importance(): VegaLiteSpec;
  /** Small model (columns) against the teacher (rows) on test rows. Classification only. */
  confusion(): VegaLiteSpec;
  /** Reliability diagram of P(positive) by decile (binary), else of the top-class probability, against the teacher's labels. */
  calibration(): VegaLiteSpec;
  /** Waterfall of one row's reason codes. */
  reasonCodes(row: Record<string, unknown>): VegaLiteSpec;
  /** Partial dependence with ICE curves on held-out rows, for a feature (or the first feature of an input column). */
  partialDependence(feature: string): VegaLiteSpec;
  /** Agreement against the share of rows sent to the teacher, per confidence threshold (out-of-fold predictions on the train + validation rows). */
  cascade(): VegaLiteSpec;
  fairness?(): VegaLiteSpec;
  tree?(): VegaLiteSpec;
  coefficients?(): VegaLiteSpec;
  concepts?(): VegaLiteSpec;
  learningCurve?(): VegaLiteSpec;
  /** EBM: a term's shape function toward the positive class, by feature ("income") or pair ("income × debt"). */
  shape?(term: string): VegaLiteSpec;
  /** PSI of each input column and of the output for `u.monitor(rows)`'s result, with the 0.25 threshold. */
  drift(monitored: DriftChartInput): VegaLiteSpec<DriftBar>;
}

/** What the charts read from an Understudy. */
export interface ChartSource {
  model: Estimator<Label>;
  metadata: UnderstudyMetadata;
  explain(row: Record<string, unknown>): Explanation;
}

/**
 * Builds the chart functions of an Understudy from its model and stored held-out artefacts, so
 * they work the same after `fromJSON`.
 *
 * @example
 * const charts = understudyCharts(u); charts.importance();
 */
export function understudyCharts(source: ChartSource): UnderstudyCharts {
  const { model, metadata: m } = source;
  const a = m.artefacts;
  const notMeasured = (what: string, why: string): never => { throw new UnderstudyError("not_measured", messages.understudy.chartNotMeasured(what, why)); };
  const positive = positiveOutput(m, model);
  const charts: UnderstudyCharts = {
    importance: () => (a.importance?.rows.length
      ? featureImportanceChart(a.importance.rows, { measure: a.importance.measure, subtitle: importanceRows(a.importance) })
      : notMeasured("importance", "importance was not measured for this model")),
    confusion: () => {
      const c = m.metrics.vsTeacher.confusion;
      return c ? confusionMatrixChart({ labels: c.labels.map(String), matrix: c.matrix }, { subtitle: `${m.metrics.vsTeacher.n} held-out test rows` })
        : notMeasured("confusion", "a confusion matrix needs a classification task");
    },
    calibration: () => {
      const own = positiveCalibrationBins(m);
      if (own) return calibrationChart(own.bins, { observedTitle: `Observed share of ${positive.label} (${own.against})`, subtitle: `P(${positive.label}) by decile; test rows, n = ${own.n}` });
      return a.calibrationBins?.length
        ? calibrationChart(a.calibrationBins, { subtitle: "top-class probability, held-out test rows" })
        : notMeasured("calibration", "calibration needs a classifier with probabilities");
    },
    reasonCodes: (row) => reasonCodesChart(towardPositive(reasonCodesInput(source.explain(row).reasons), model.classes, positive.label)),
    partialDependence: (feature) => {
      if (!a.background.length) notMeasured("partialDependence", "no held-out rows were kept to average over");
      const j = featureIndex(model, m, feature);
      const pd = partialDependence(model, fromSparseRows(a.background, model.featureNames), j, { kind: "both", gridResolution: 20 });
      const input: PartialDependenceInput = {
        feature: pd.name, grid: pd.grid, average: pd.average.map((g) => g[positive.k]), ice: pd.individual?.map((c) => c.map((g) => g[positive.k])),
      };
      return partialDependenceChart(input, { output: positive.name });
    },
    // With gold on the labelled rows the curve is accuracy against gold; the target is agreement
    // with the teacher, another measure, so its line is drawn only over an agreement curve.
    cascade: () => (a.cascadeFrontier?.length
      ? cascadeFrontierChart(
        a.cascadeFrontier.map((p) => ({ shareToLLM: 1 - p.coverage, accuracy: p.accuracy ?? p.agreement, threshold: p.threshold })),
        cascadeAgainstGold(a.cascadeFrontier)
          ? { subtitle: "out-of-fold rows; accuracy against gold labels" }
          : { targetAccuracy: m.metrics.cascade?.targetAgreement, subtitle: "out-of-fold rows; agreement with the teacher" },
      )
      : notMeasured("cascade", "a cascade needs a classifier with probabilities")),
    drift: (monitored) => driftChart(monitored),
  };
  const fairness = m.metrics.fairness;
  if (fairness) {
    charts.fairness = () => fairnessChart(
      fairness.groups.map((g) => ({ group: g.group, rate: g.positiveRate, count: g.n })),
      { attribute: fairness.attribute, outcome: `Rate of "${String(fairness.positive)}"` },
    );
  }
  if (isTreeModel(model) && model.trees.length === 1) charts.tree = () => treeRulesChart(treeRules(model));
  if (isAdditiveModel(model)) {
    charts.shape = (name) => {
      const shapes = shapeInputs(model, positive);
      const shape = shapes.find((t) => t.term === name);
      if (!shape) throw new UnderstudyError("unknown_column", messages.understudy.unknownShapeTerm(name, shapes.map((t) => t.term)));
      return shapeFunctionChart(shape);
    };
  }
  if (model.capabilities.coefficients) {
    charts.coefficients = () => {
      const { output, bars } = coefficientsToward(model, positive.label);
      return coefficientsChart(bars, { subtitle: `${output}, per standard deviation; fitted on training rows` });
    };
  }
  // Bundles from before dropped concepts were mapped hold null agreement for concepts never measured.
  const concepts = (a.concepts ?? []).filter((c) => Number.isFinite(c.agreement));
  if (concepts.length) charts.concepts = () => conceptQualityChart(concepts);
  if (a.learningCurve?.length) charts.learningCurve = () => learningCurveChart(a.learningCurve!, { measure: m.taskType === "classification" ? "Validation agreement with teacher" : "Validation R²" });
  return charts;
}

/**
 * The output every chart follows: P(positive) for classifiers ({@link positiveClass}: `metadata.positive`,
 * else the first of `labels`), the value for regressors.
 *
 * @example
 * positiveOutput(u.metadata, u.model); // { k: 1, name: "P(spam)", label: "spam" }
 */
export function positiveOutput(m: Pick<UnderstudyMetadata, "taskType" | "labels" | "positive">, model: Estimator<Label>): { k: number; name: string; label: string } {
  const positive = m.taskType === "classification" && model.classes ? positiveClass(model, m) : undefined;
  if (positive === undefined) return { k: 0, name: "Predicted value", label: "" };
  const k = Math.max(0, model.classes!.indexOf(positive));
  return { k, name: `P(${String(positive)})`, label: String(positive) };
}

/**
 * Reliability bins of P(positive): the deciles the binary validation measured on the test rows,
 * against the teacher's labels (else gold's); undefined where no binary validation was recorded.
 *
 * @example
 * positiveCalibrationBins(u.metadata)?.bins[9]; // { meanPredicted: 0.93, observed: 0.95, count: 12 }
 */
export function positiveCalibrationBins(m: Pick<UnderstudyMetadata, "metrics">): { bins: CalibrationBin[]; against: "teacher" | "gold"; n: number } | undefined {
  const blocks = m.metrics.binary?.blocks ?? [];
  const block = blocks.find((b) => b.against === "teacher") ?? blocks[0];
  if (!block?.calibrationByDecile.length) return undefined;
  return {
    bins: block.calibrationByDecile.map((d) => ({ meanPredicted: d.meanPredicted, observed: d.observedRate, count: d.n })),
    against: block.against, n: block.n,
  };
}

/**
 * Reason codes of a binary classifier turned toward the positive class, so every waterfall
 * explains the same class: P(other) = 1 − P(positive) and log-odds(other) = −log-odds(positive),
 * so contributions change sign. Other scales (and multiclass) are returned as they are.
 *
 * @example
 * towardPositive({ baseline: 0.3, prediction: 0.9, output: "probability of ham", contributions: [{ feature: "x", contribution: 0.6 }] },
 *   ["ham", "spam"], "spam"); // { baseline: 0.7, prediction: 0.1, output: "probability of spam", contributions: [{ feature: "x", contribution: -0.6 }] }
 */
export function towardPositive(rc: ReasonCodesInput, classes: readonly Label[] | undefined, positive: string): ReasonCodesInput {
  if (!classes || classes.length !== 2) return rc;
  const other = String(classes.find((c) => String(c) !== positive));
  // `output` is "<scale> of <class>" as reasonCodesInput writes it (stored bundles keep only that text).
  const flips: [string, (v: number) => number][] = [["probability", (v) => 1 - v], ["log-odds", (v) => -v]];
  for (const [scale, flip] of flips) {
    if (rc.output !== `${scale} of ${other}`) continue;
    return {
      baseline: flip(rc.baseline), prediction: flip(rc.prediction), output: `${scale} of ${positive}`,
      contributions: rc.contributions.map((c) => ({ ...c, contribution: -c.contribution })),
    };
  }
  return rc;
}

/**
 * Standardized coefficients toward the positive class: a binary logistic model stores one row
 * of coefficients, for its second class; toward the first they change sign.
 *
 * @example
 * coefficientsToward(logistic, "spam"); // { output: "log-odds of spam", bars: [...] }
 */
export function coefficientsToward(model: Estimator<Label>, positive: string): { output: string; bars: CoefficientBar[] } {
  const rows = coefficientTable(model).rows;
  const outputs = [...new Set(rows.map((r) => r.output))];
  if (model.capabilities.task !== "classification") {
    return { output: "the predicted value", bars: rows.filter((r) => r.output === outputs[0]).map((r) => ({ feature: r.name, coefficient: r.standardized })) };
  }
  const own = outputs.includes(positive) ? positive : outputs[0];
  const sign = own !== positive && outputs.length === 1 && model.classes?.length === 2 ? -1 : 1;
  return {
    output: `${outputs.length > 1 ? "score" : "log-odds"} of ${sign === 1 ? own : positive}`,
    bars: rows.filter((r) => r.output === own).map((r) => ({ feature: r.name, coefficient: sign * r.standardized })),
  };
}

/**
 * The rows importance was measured on; older bundles only say it inside the measure.
 *
 * @example
 * importanceRows({ measure: "Drop in agreement", measuredOn: "test rows, n = 400" }); // "test rows, n = 400"
 */
export function importanceRows(importance: { measure: string; measuredOn?: string }): string {
  if (importance.measuredOn) return importance.measuredOn;
  if (/training rows/.test(importance.measure)) return "training rows";
  if (/coefficient/i.test(importance.measure) && !/test rows/.test(importance.measure)) return "the model's coefficients";
  return "held-out test rows";
}

function featureIndex(model: Estimator<Label>, m: UnderstudyMetadata, feature: string): number {
  const exact = model.featureNames.indexOf(feature);
  if (exact >= 0) return exact;
  // An input column name: its first encoded feature (a numeric column encodes to itself).
  const prefix = model.featureNames.findIndex((n) => n.startsWith(`${feature} `) || n.startsWith(`${feature}=`));
  if (prefix >= 0 && m.features.includes(feature)) return prefix;
  throw new UnderstudyError("unknown_column", messages.understudy.unknownChartFeature(feature, model.featureNames));
}

/**
 * Whether the stored cascade frontier is scored against gold labels (accuracy) rather than the
 * teacher (agreement), the measure the cascade target is stated in.
 *
 * @example
 * cascadeAgainstGold([{ threshold: 0.9, coverage: 0.8, agreement: 0.99, accuracy: 0.93 }]); // true
 */
export function cascadeAgainstGold(frontier: readonly { accuracy?: number }[]): boolean {
  return frontier.some((p) => p.accuracy !== undefined);
}

/**
 * Every term of an additive model (EBM) as its shape-function chart input, turned toward the
 * positive class, largest spread of scores first (the terms that move the output most).
 *
 * @example
 * shapeInputs(ebm, { label: "approve", k: 0 })[0].term; // "income"
 */
export function shapeInputs(model: AdditiveModel, positive: { label: Label; k: number }): (ShapeFunctionInput & { term: string })[] {
  // Binary: one score, the log-odds of classes[1]; toward classes[0] it changes sign.
  const k = model.link === "softmax" ? positive.k : 0;
  const sign = model.link === "logistic" && positive.k === 0 ? -1 : 1;
  const output = model.link === "identity" ? "predicted value" : `${model.link === "logistic" ? "log-odds" : "score"} of ${String(positive.label)}`;
  const spread = (scores: number[]) => Math.max(...scores) - Math.min(...scores);
  return model.terms()
    .map((t) => ({ term: t.names.join(" × "), names: t.names, cuts: t.cuts, scores: t.scores.map((s) => sign * s[k] + 0), output }))
    .sort((a, b) => spread(b.scores) - spread(a.scores));
}
