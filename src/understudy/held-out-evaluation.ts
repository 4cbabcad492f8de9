import { UnderstudyError } from "../core/errors.ts";
import { setLogger } from "../core/logger.ts";
import { positiveClass } from "./positive-class.ts";
import type { FeatureImportanceRow } from "../charts/feature-importance-chart.ts";
import type { PartialDependenceInput } from "../charts/partial-dependence-chart.ts";
import { chooseCascadeThreshold } from "../cascade/choose-cascade-threshold.ts";
import { Random } from "../core/random.ts";
import { Matrix } from "../data/matrix.ts";
import { calibration } from "../evaluate/calibration.ts";
import { classificationMetrics } from "../evaluate/classification-metrics.ts";
import { binaryValidation } from "../evaluate/binary-validation.ts";
import { fairnessByGroup } from "../evaluate/fairness-by-group.ts";
import { groupFairness } from "../evaluate/group-fairness.ts";
import type { SensitiveColumns } from "../evaluate/sensitive-proxies.ts";
import { fidelity } from "../evaluate/fidelity.ts";
import { agreementDifference, type RunnerUpComparison } from "../evaluate/paired-difference.ts";
import { regressionMetrics } from "../evaluate/regression-metrics.ts";
import { coefficientTable } from "../explain/coefficient-table.ts";
import { impurityImportance } from "../explain/impurity-importance.ts";
import { partialDependence } from "../explain/partial-dependence.ts";
import { permutationImportance } from "../explain/permutation-importance.ts";
import type { Featurizer } from "../features/featurizer.ts";
import type { Estimator, Label } from "../models/estimator.ts";
import { isTreeModel } from "../models/model-kinds.ts";
import type { ReportValue } from "../report/report-input.ts";
import { explainRow, reasonCodesInput } from "./explain-row.ts";
import { toSparseRows } from "./sparse-rows.ts";
import type { CascadeSummary, GoldScores, HeldOutArtefacts, UnderstudyMetadata, UnderstudyMetrics } from "./bundle-types.ts";
import { positiveOutput } from "./understudy-charts.ts";
import { validationScore } from "./choose-model.ts";
import { decidedLabels, decidedProba, type DecisionRule } from "./decision-rule.ts";

/** Inputs of {@link heldOutEvaluation}: the chosen model and the labelled parts (row indices with a usable label). */
export interface HeldOutInput {
  model: Estimator<Label>;
  featurizer: Featurizer;
  rows: Record<string, unknown>[];
  kind: "classification" | "regression";
  labels?: string[];
  seed: number;
  parts: { train: number[]; validation: number[]; test: number[] };
  /** The teacher's label per row (null where none). */
  labelOf: (Label | null)[];
  /** Gold labels, only when they are not the teacher. */
  gold?: (Label | null)[];
  goldTeaches: boolean;
  /** Every labelled train + validation row the model was refit on, featurized, and their labels. */
  trainMatrix: Matrix;
  yTrain: Label[];
  /**
   * Out-of-fold probabilities of the chosen family on those rows (columns in the model's
   * `classes` order), with the teacher's and gold labels: the cascade threshold is chosen on them.
   * `teacher`: the teacher's labels of those rows when they are not all of `yTrain` (out-of-time
   * folds leave the earliest rows unpredicted); default `yTrain`.
   */
  outOfFold?: { proba: number[][]; gold?: (Label | null)[]; teacher?: Label[] };
  /** The calibration and cutoff predictions apply: test rows are measured through them. Default: the model's own probabilities, most probable class. */
  decision?: DecisionRule;
  /** The class explained and scored (`distill({ positive })`; default the first of `labels`): fairness rates and AUC are of it. */
  positive?: string;
  /** The best-scoring other family refit on the same rows: its test-row agreement is compared with the chosen model's. Absent: only one family was a candidate. */
  runnerUp?: { name: string; type: string; model: Estimator<Label>; featurizer: Featurizer };
  /** A fresh, unfitted copy of the chosen candidate (learning curve). */
  refit: () => Estimator<Label>;
  idColumn?: string;
  /** Input columns shown in examples and disagreements. */
  fields: string[];
  /** The sensitive attributes (each row's group) and their proxies, when `sensitive` was given. */
  sensitive?: SensitiveColumns;
  cascadeTarget: number;
  onProgress?: (done: number, total: number, message: string) => void;
}

/** Features up to which permutation importance of every feature is affordable. */
const PERMUTATION_UP_TO = 60;
/** Features permuted (and shown) for wider feature sets. */
const PERMUTED_WIDE = 30;
/** Held-out feature rows kept in the bundle for partial dependence. */
const BACKGROUND_ROWS = 50;
/** What `vsGold` says when the gold labels also taught. */
const GOLD_TEACHES_NOTE = "The gold labels taught, so accuracy against gold is the agreement with the teacher on the same test rows, not a second, independent measurement.";
/** Why the difference between the chosen model and the runner-up has no interval. */
const NO_RUNNER_UP = "only one model family was a candidate, so there is no runner-up to compare with (model: \"auto\" compares several)";
/** When the cascade cannot meet its target, its threshold is this: no row is ever confident enough (JSON has no Infinity). */
const NEVER = Number.MAX_VALUE;

/** The chosen model's answers on the test rows, decided by the run's rule: what every measure below reads. */
interface TestPredictions {
  rows: Record<string, unknown>[];
  X: Matrix;
  /** The teacher's labels. */
  y: Label[];
  predicted: Label[];
  /** Classifiers with probabilities: through the rule's calibration; columns in `classes` order. */
  proba?: number[][];
  classes: Label[];
  rule: DecisionRule;
  calibration?: ReturnType<typeof testCalibration>;
}

/**
 * Everything distill measures on held-out rows with the chosen model: metrics on test rows
 * (against the teacher, gold, calibration, fairness), the cascade threshold on out-of-fold
 * predictions of the labelled rows and its test coverage, and the artefacts charts and the report read later (importance,
 * reliability bins, frontier, disagreements, worked examples, partial dependence, learning curve).
 *
 * @example
 * const { metrics, artefacts } = heldOutEvaluation({ model, featurizer, rows, kind: "classification", ... });
 */
export function heldOutEvaluation(input: HeldOutInput): { metrics: UnderstudyMetrics; artefacts: HeldOutArtefacts } {
  const cls = input.kind === "classification";
  const step = (done: number, message: string) => input.onProgress?.(done, 5, message);
  step(0, "measuring on test rows");
  const test = testPredictions(input);
  const metrics = cls ? classificationOnTest(input, test) : regressionOnTest(input, test);
  const artefacts: HeldOutArtefacts = { baseline: columnStats(input.trainMatrix), background: toSparseRows(test.X, BACKGROUND_ROWS) };
  step(1, "cascade threshold on out-of-fold predictions");
  const cascade = cls ? cascadeOnTest(input, test) : undefined;
  if (cascade) {
    metrics.cascade = cascade.summary;
    artefacts.cascadeFrontier = cascade.frontier;
  }
  step(2, "feature importance");
  artefacts.importance = importance(input.model, test.X, test.y, input.seed);
  if (test.calibration) {
    artefacts.calibrationBins = test.calibration.bins.filter((b) => b.count > 0).map((b) => ({ meanPredicted: b.confidence, observed: b.accuracy, count: b.count }));
  }
  step(3, "examples and disagreements");
  if (cls) artefacts.disagreements = disagreementsOnTest(input, test);
  artefacts.examples = examplesOnTest(input, test, artefacts.baseline);
  step(4, "partial dependence and learning curve");
  const pd = partialDependenceOnTest(input, test.X, artefacts.importance);
  if (pd) { artefacts.partialDependence = pd.curves; artefacts.partialDependenceOutput = pd.output; }
  if (cls) artefacts.learningCurve = learningCurve(input, test.X, test.y);
  step(5, "done");
  return { metrics, artefacts };
}

function testPredictions(input: HeldOutInput): TestPredictions {
  const { model, featurizer, rows, parts, labelOf } = input;
  const testRows = parts.test.map((i) => rows[i]);
  const X = featurizer.transform(testRows);
  const y = parts.test.map((i) => labelOf[i]!);
  const rule = input.decision ?? {};
  const proba = input.kind === "classification" && model.capabilities.probabilities && model.predictProba ? decidedProba(rule, model.predictProba(X)) : undefined;
  const classes = model.classes ?? [];
  // A classifier's predict is argmaxLabels of its predictProba (the common checks hold every
  // estimator to it), and u.predict decides from the same probabilities by the run's rule
  // (calibration, cutoff): derive the labels instead of a second pass over the rows.
  const predicted = proba ? decidedLabels(rule, proba, classes) : model.predict(X);
  const calibrationOnTest = proba && y.length ? testCalibration(proba, classes, y) : undefined;
  return { rows: testRows, X, y, predicted, classes, rule, ...(proba ? { proba } : {}), ...(calibrationOnTest ? { calibration: calibrationOnTest } : {}) };
}

/** The probability a row's predicted label got (1 for a classifier without probabilities). */
function confidences(test: TestPredictions): number[] {
  return test.proba ? test.proba.map((p, t) => p[test.classes.indexOf(test.predicted[t])] ?? 0) : test.predicted.map(() => 1);
}

/** Classification on the test rows: against the teacher, gold, calibration, fairness, and the binary validation figures. */
function classificationOnTest(input: HeldOutInput, test: TestPredictions): UnderstudyMetrics {
  const { predicted, y, proba, classes } = test;
  const fid = fidelity(predicted, y);
  const cm = classificationMetrics(y, predicted);
  const metrics: UnderstudyMetrics = {
    task: "classification",
    vsTeacher: {
      rows: "test", n: fid.n, agreement: fid.agreement, kappa: cm.kappa, macroF1: cm.macroF1,
      perClass: fid.perClass.map((c) => ({ label: String(c.label), n: c.n, agreement: c.agreement })), confusion: fid.confusion,
    },
  };
  const gold = goldOnTest(input);
  if (gold.length) {
    const g = gold.map((k) => k.gold);
    const gm = classificationMetrics(g, gold.map((k) => predicted[k.t]));
    metrics.vsGold = {
      rows: "test", n: gm.n, accuracy: gm.accuracy, macroF1: gm.macroF1, kappa: gm.kappa, confusion: gm.confusion,
      perClass: gm.perClass.map((c) => ({ label: String(c.label), precision: c.precision, recall: c.recall, f1: c.f1, support: c.support })),
    };
    metrics.teacherVsGold = { rows: "test", n: gold.length, accuracy: gold.filter((k) => y[k.t] === k.gold).length / gold.length };
  }
  if (input.goldTeaches) metrics.vsGold = goldTeachesScores(cm, fid.n);
  const cal = test.calibration;
  if (cal) metrics.calibration = { rows: "test", n: y.length, ece: cal.ece, mce: cal.mce, brier: cal.brier, logLoss: cal.logLoss, against: "teacher", probabilities: test.rule.calibrator ? "calibrated" : "uncalibrated" };
  const positive = positiveClass(input.model, input)!;
  if (input.sensitive) metrics.fairness = fairnessOnTest(input, input.sensitive, predicted, y, positive);
  if (proba && classes.length === 2 && classes.includes(positive)) {
    metrics.binary = { ...binaryOnTest(input, proba.map((p) => p[classes.indexOf(positive)]), predicted, y, positive), runnerUp: runnerUpOnTest(input, test.rows, predicted, y) };
  }
  return metrics;
}

/** Regression on the test rows: R², MAE and RMSE against the teacher, and against gold where at least two rows have it. */
function regressionOnTest(input: HeldOutInput, test: TestPredictions): UnderstudyMetrics {
  const r = regressionMetrics(test.y as number[], test.predicted as number[]);
  const metrics: UnderstudyMetrics = { task: "regression", vsTeacher: { rows: "test", n: r.n, agreement: r.r2, r2: r.r2, mae: r.mae, rmse: r.rmse } };
  const gold = goldOnTest(input);
  // R² needs spread in the gold values; fewer than two rows have none.
  if (gold.length >= 2) {
    const g = gold.map((k) => k.gold as number);
    const gm = regressionMetrics(g, gold.map((k) => test.predicted[k.t] as number));
    metrics.vsGold = { rows: "test", n: gm.n, accuracy: gm.r2, r2: gm.r2, mae: gm.mae, rmse: gm.rmse };
    const tm = regressionMetrics(g, gold.map((k) => test.y[k.t] as number));
    metrics.teacherVsGold = { rows: "test", n: tm.n, accuracy: tm.r2, r2: tm.r2, mae: tm.mae, rmse: tm.rmse };
  }
  if (input.goldTeaches) metrics.vsGold = { rows: "test", n: r.n, accuracy: r.r2, r2: r.r2, mae: r.mae, rmse: r.rmse, goldTeaches: true, note: GOLD_TEACHES_NOTE };
  return metrics;
}

/** The test rows that have a gold label (only when gold is not the teacher): position among the test rows, and the label. */
function goldOnTest(input: HeldOutInput): { t: number; gold: Label }[] {
  if (!input.gold) return [];
  return input.parts.test.flatMap((i, t) => (input.gold![i] === null ? [] : [{ t, gold: input.gold![i]! }]));
}

/**
 * The cascade threshold chosen on the out-of-fold predictions of the labelled rows, and what it
 * does on the test rows (coverage, agreement, accuracy against gold): the headline is the test rows'.
 */
function cascadeOnTest(input: HeldOutInput, test: TestPredictions): { summary: CascadeSummary; frontier: NonNullable<HeldOutArtefacts["cascadeFrontier"]> } | undefined {
  const { model } = input;
  if (!model.predictProba || !model.capabilities.probabilities || !input.outOfFold?.proba.length) return undefined;
  const { classes, predicted, y } = test;
  const confidenceOf = (p: number[], label: Label) => p[classes.indexOf(label)] ?? 0;
  const pv = input.outOfFold.proba;
  const sv = decidedLabels(test.rule, pv, classes);
  const gv = input.outOfFold.gold;
  const withGold = gv && gv.every((g) => g !== null) ? (gv as Label[]) : undefined;
  const choice = chooseCascadeThreshold(
    { confidence: pv.map((p, i) => confidenceOf(p, sv[i])), student: sv, teacher: input.outOfFold.teacher ?? input.yTrain, ...(withGold ? { gold: withGold } : {}) },
    { targetAgreement: input.cascadeTarget },
  );
  const threshold = choice.met ? choice.threshold : NEVER;
  const conf = test.proba!.map((p, t) => confidenceOf(p, predicted[t]));
  let covered = 0, agree = 0, right = 0, withGoldRows = 0;
  y.forEach((label, t) => {
    const small = conf[t] >= threshold;
    if (small) covered++;
    const answer = small ? predicted[t] : label;
    if (answer === label) agree++;
    const g = input.gold?.[input.parts.test[t]];
    if (g !== undefined && g !== null) { withGoldRows++; if (answer === g) right++; }
  });
  const n = y.length;
  return {
    summary: {
      threshold, targetAgreement: input.cascadeTarget, met: choice.met,
      validation: { rows: "cv", n: pv.length, coverage: choice.coverage, agreement: choice.agreement },
      test: { n, coverage: covered / n, agreement: agree / n, ...(withGoldRows ? { accuracy: right / withGoldRows } : {}) },
    },
    frontier: choice.frontier.filter((p) => Number.isFinite(p.threshold))
      .map((p) => ({ threshold: p.threshold, coverage: p.coverage, agreement: p.agreement, ...(p.accuracy !== undefined ? { accuracy: p.accuracy } : {}) })),
  };
}

/** A test row's id: its id column's value, else its row number in the data. */
function testRowId(input: HeldOutInput, test: TestPredictions, t: number): string {
  return input.idColumn ? String(test.rows[t][input.idColumn]) : String(input.parts.test[t]);
}

function goldOfTestRow(input: HeldOutInput, t: number): Label | undefined {
  return input.gold?.[input.parts.test[t]] ?? undefined;
}

/** The ten most confident test rows where the model and the teacher disagree. */
function disagreementsOnTest(input: HeldOutInput, test: TestPredictions): NonNullable<HeldOutArtefacts["disagreements"]> {
  const { predicted, y } = test;
  const conf = confidences(test);
  return disagreeing(test, conf).slice(0, 10).map((t) => ({
    id: testRowId(input, test, t), input: summarize(test.rows[t], input.fields), prediction: predicted[t], teacherLabel: y[t],
    ...(goldOfTestRow(input, t) !== undefined ? { goldLabel: goldOfTestRow(input, t)! } : {}), confidence: conf[t],
    reason: conf[t] >= 0.8 ? "the small model is confident and disagrees: check the teacher's label" : "near the decision boundary",
  }));
}

/** Test rows where the model and the teacher disagree, most confident first (ties: row order). */
function disagreeing(test: TestPredictions, conf: number[]): number[] {
  return test.y.map((_, t) => t).filter((t) => test.predicted[t] !== test.y[t]).sort((a, b) => conf[b] - conf[a] || a - b);
}

/**
 * Worked examples with their reason codes. Classification: the most confident agreeing row, the
 * least confident row and the most confident disagreement; regression: the first three test rows.
 */
function examplesOnTest(input: HeldOutInput, test: TestPredictions, baseline: HeldOutArtefacts["baseline"]): NonNullable<HeldOutArtefacts["examples"]> {
  const { predicted, y } = test;
  let picks: number[];
  if (input.kind === "classification") {
    const conf = confidences(test);
    const differ = disagreeing(test, conf);
    const agreeing = y.map((_, t) => t).filter((t) => predicted[t] === y[t]);
    picks = [...new Set([
      agreeing.reduce((a, b) => (conf[b] > conf[a] ? b : a), agreeing[0] ?? 0),
      y.map((_, t) => t).reduce((a, b) => (conf[b] < conf[a] ? b : a), 0),
      ...(differ.length ? [differ[0]] : []),
    ])].filter((t) => t < test.rows.length);
  } else {
    picks = [0, 1, 2].filter((t) => t < test.rows.length);
  }
  return picks.map((t) => {
    const e = explainRow(input.model, test.X.selectRows([t]), baseline, 5);
    const gold = goldOfTestRow(input, t);
    return {
      id: testRowId(input, test, t), input: excerpt(test.rows[t], input.fields), prediction: predicted[t] as ReportValue, teacherLabel: y[t] as ReportValue,
      ...(gold !== undefined ? { goldLabel: gold as ReportValue } : {}),
      ...(e.probability !== undefined ? { confidence: e.probability } : {}),
      reasonCodes: reasonCodesInput(e.reasons),
    };
  });
}

/** Partial dependence (with ICE curves) of the two most important features that take at least three values among the first test rows. */
function partialDependenceOnTest(input: HeldOutInput, X: Matrix, importanceOnTest: HeldOutArtefacts["importance"]): { curves: PartialDependenceInput[]; output: string } | undefined {
  const { model } = input;
  const positive = positiveOutput({ taskType: input.kind, labels: input.labels, positive: input.positive } as UnderstudyMetadata, model);
  const background = X.selectRows(Array.from({ length: Math.min(BACKGROUND_ROWS, X.nRows) }, (_, t) => t));
  const curves: PartialDependenceInput[] = [];
  for (const row of importanceOnTest?.rows ?? []) {
    if (curves.length >= 2) break;
    const j = model.featureNames.indexOf(row.feature);
    if (j < 0 || new Set(background.column(j)).size < 3) continue;
    const r = partialDependence(model, background, j, { kind: "both", gridResolution: 20 });
    curves.push({ feature: r.name, grid: r.grid, average: r.average.map((g) => g[positive.k]), ice: r.individual?.map((c) => c.map((g) => g[positive.k])) });
  }
  return curves.length ? { curves, output: positive.name } : undefined;
}

/**
 * Fairness on the test rows: per attribute and intersection (selection rates, impact ratios
 * with bootstrap intervals, agreement, accuracy), the proxies found at load, and whether the
 * attributes were features. The top-level fields keep the first attribute's summary as before.
 */
function fairnessOnTest(input: HeldOutInput, s: SensitiveColumns, predicted: Label[], yTest: Label[], positive: Label): NonNullable<UnderstudyMetrics["fairness"]> {
  const groupsOf = (a: SensitiveColumns["attributes"][number]) => input.parts.test.map((i) => a.groups[i]);
  // Accuracy needs gold: the gold column when an LLM taught, the teacher's labels when gold taught.
  const gold = input.goldTeaches ? yTest : input.gold ? input.parts.test.map((i) => input.gold![i]) : undefined;
  const first = s.attributes[0];
  const summary = fairnessByGroup({
    groups: groupsOf(first), predictions: predicted, teacherLabels: yTest, positive,
    ...(gold?.every((g) => g !== null) ? { gold: gold as Label[] } : {}),
  });
  const detail = groupFairness({
    attributes: s.attributes.map((a) => ({ name: a.name, groups: groupsOf(a) })), predictions: predicted, teacherLabels: yTest, positive, seed: input.seed,
    ...(gold ? { gold } : {}),
  });
  return { ...summary, attribute: first.name, ...detail, useSensitiveAsFeature: s.asFeature, proxies: s.proxies };
}

/** AUC, Gini, KS, PR-AUC and calibration by decile of P(positive) on the test rows, against the teacher and against gold. */
function binaryOnTest(input: HeldOutInput, scores: number[], predicted: Label[], yTest: Label[], positive: Label): Omit<NonNullable<UnderstudyMetrics["binary"]>, "runnerUp"> {
  const blocks = [binaryValidation({ scores, reference: yTest, predicted, positive, against: input.goldTeaches ? "gold" : "teacher", seed: input.seed })];
  const withGold = input.gold ? input.parts.test.map((i, t) => (input.gold![i] === null ? -1 : t)).filter((t) => t >= 0) : [];
  if (withGold.length) {
    blocks.push(binaryValidation({
      scores: withGold.map((t) => scores[t]), reference: withGold.map((t) => input.gold![input.parts.test[t]]!), predicted: withGold.map((t) => predicted[t]),
      positive, against: "gold", seed: input.seed,
    }));
  }
  return { blocks };
}

/**
 * The chosen model's agreement on the test rows (as predictions decide) against the runner-up's
 * (its own most probable class), with a paired bootstrap interval of the difference: against
 * the teacher, then against gold on the rows that have it when gold did not teach.
 */
function runnerUpOnTest(input: HeldOutInput, testRows: Record<string, unknown>[], predicted: Label[], yTest: Label[]): RunnerUpComparison {
  const second = input.runnerUp;
  if (!second) return { measured: false, reason: NO_RUNNER_UP };
  const other = second.model.predict(second.featurizer.transform(testRows));
  const teacher = agreementDifference(predicted, other, yTest, { against: input.goldTeaches ? "gold" : "teacher", seed: input.seed });
  const withGold = input.gold ? input.parts.test.map((i, t) => (input.gold![i] === null ? -1 : t)).filter((t) => t >= 0) : [];
  const vsGold = withGold.length
    ? agreementDifference(withGold.map((t) => predicted[t]), withGold.map((t) => other[t]), withGold.map((t) => input.gold![input.parts.test[t]]!), { against: "gold", seed: input.seed })
    : undefined;
  return { measured: true, name: second.name, type: second.type, ...teacher, ...(vsGold ? { vsGold } : {}) };
}

/** vsGold when the gold labels taught: the same test rows and labels as vsTeacher, said plainly. */
function goldTeachesScores(cm: ReturnType<typeof classificationMetrics>, n: number): GoldScores {
  return {
    rows: "test", n, accuracy: cm.accuracy, macroF1: cm.macroF1, kappa: cm.kappa, confusion: cm.confusion,
    perClass: cm.perClass.map((c) => ({ label: String(c.label), precision: c.precision, recall: c.recall, f1: c.f1, support: c.support })),
    goldTeaches: true, note: GOLD_TEACHES_NOTE,
  };
}

/**
 * Importance measured on the held-out test rows: the drop in agreement (R²) when a feature's
 * values are shuffled. Wide feature sets (TF-IDF) permute only the features the model leans on
 * most, chosen by its own measure: for trees, the features they split on (any other feature
 * cannot change a prediction, so its drop is exactly 0); for linear models, the largest
 * |standardized coefficient|; for k-NN, the most varying features.
 */
function importance(model: Estimator<Label>, X: Matrix, y: Label[], seed: number): HeldOutArtefacts["importance"] {
  const top = (rows: FeatureImportanceRow[]) => rows.sort((a, b) => Math.abs(b.importance) - Math.abs(a.importance)).slice(0, PERMUTED_WIDE);
  const what = model.capabilities.task === "classification" ? "agreement with the teacher" : "R²";
  const measuredOn = `${X.nRows} held-out test rows`;
  if (model.nFeatures <= PERMUTATION_UP_TO) {
    const p = permutationImportance(model, X, y, { nRepeats: 5, seed });
    return { rows: top(p.features.map((f) => ({ feature: f.name, importance: f.mean, std: f.std }))), measure: `Drop in ${what} when shuffled (test rows)`, measuredOn };
  }
  let chosen: number[];
  let which: string;
  if (isTreeModel(model)) {
    const trees = model.trees;
    const split = new Set<number>();
    for (const t of trees) for (let n = 0; n < t.left.length; n++) if (t.left[n] !== -1) split.add(t.feature[n]);
    const impurity = impurityImportance(model).map((f) => f.importance);
    chosen = [...split].sort((a, b) => impurity[b] - impurity[a] || a - b).slice(0, PERMUTED_WIDE);
    which = chosen.length < split.size
      ? `the ${chosen.length} features with the most impurity decrease`
      : `the ${chosen.length} features the model splits on; the others cannot change a prediction`;
  } else if (model.capabilities.coefficients) {
    const size = new Map<string, number>();
    for (const r of coefficientTable(model).rows) size.set(r.name, (size.get(r.name) ?? 0) + Math.abs(r.standardized));
    const weight = model.featureNames.map((name) => size.get(name) ?? 0);
    chosen = weight.map((_, j) => j).sort((a, b) => weight[b] - weight[a] || a - b).slice(0, PERMUTED_WIDE);
    which = `the ${chosen.length} features with the largest |standardized coefficient|`;
  } else {
    const variance = Array.from({ length: X.nCols }, (_, j) => {
      const c = X.column(j);
      const mean = c.reduce((a, b) => a + b, 0) / c.length;
      return c.reduce((a, b) => a + (b - mean) ** 2, 0);
    });
    chosen = variance.map((_, j) => j).sort((a, b) => variance[b] - variance[a] || a - b).slice(0, PERMUTED_WIDE);
    which = `the ${chosen.length} most varying features`;
  }
  // k-NN predicts slowly (distances to every training row), so it gets fewer repeats.
  const rows = permuteColumns(model, X, y, chosen, model.capabilities.trees || model.capabilities.coefficients ? 5 : 3, seed);
  return { rows: top(rows), measure: `Drop in ${what} when shuffled (test rows; ${which})`, measuredOn };
}

/** Permutation importance of some columns only: one work copy of X, each column restored after its repeats. */
function permuteColumns(model: Estimator<Label>, X: Matrix, y: Label[], columns: number[], repeats: number, seed: number): FeatureImportanceRow[] {
  const baseline = validationScore(model, X, y);
  const rng = new Random(seed);
  const work = Float64Array.from(X.data);
  const shuffled = new Matrix(work, X.nRows, X.nCols, X.featureNames, X.origins);
  return columns.map((j) => {
    const column = X.column(j);
    const drops: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const order = rng.shuffle(Array.from({ length: X.nRows }, (_, i) => i)) as number[];
      order.forEach((from, i) => { work[i * X.nCols + j] = column[from]; });
      drops.push(baseline - validationScore(model, shuffled, y));
    }
    column.forEach((v, i) => { work[i * X.nCols + j] = v; });
    const mean = drops.reduce((a, b) => a + b, 0) / drops.length;
    return { feature: X.featureNames[j], importance: mean, std: Math.sqrt(drops.reduce((a, b) => a + (b - mean) ** 2, 0) / drops.length) };
  });
}

/**
 * Calibration against the teacher on every test row. A label the model never saw in training
 * gets probability 0 (a miss), rather than the row being dropped, which would flatter the scores.
 */
function testCalibration(proba: number[][], classes: Label[], yTest: Label[]) {
  const unseen = [...new Set(yTest.filter((y) => !classes.includes(y)))];
  const padded = unseen.length ? proba.map((p) => [...p, ...unseen.map(() => 0)]) : proba;
  return calibration(padded, [...classes, ...unseen], yTest, { bins: 10 });
}

/** Agreement on the test rows of the chosen family refit on growing shares of the labelled rows. */
function learningCurve(input: HeldOutInput, Xtest: Matrix, yTest: Label[]): { labels: number; agreement: number; series: string }[] {
  const n = input.yTrain.length;
  const order = new Random(input.seed).shuffle(Array.from({ length: n }, (_, i) => i)) as number[];
  const sizes = [...new Set([0.2, 0.4, 0.6, 0.8, 1].map((f) => Math.max(10, Math.round(f * n))))].filter((s) => s <= n);
  const out: { labels: number; agreement: number; series: string }[] = [];
  for (const size of sizes) {
    const subset = order.slice(0, size);
    const y = subset.map((i) => input.yTrain[i]);
    if (new Set(y).size < 2) continue;
    // A diagnostic refit on a share of the rows: a solver stopping early there says nothing about the model.
    const previous = setLogger({ warn: () => {} });
    let m: Estimator<Label>;
    try {
      m = input.refit().fit(input.trainMatrix.selectRows(subset), y);
    } catch (error) {
      // A share too small for the chosen settings (k-NN's k above its rows) has no point on the curve.
      if (error instanceof UnderstudyError && error.code === "bad_option") continue;
      throw error;
    } finally {
      setLogger(previous);
    }
    out.push({ labels: size, agreement: validationScore(m, Xtest, yTest), series: "chosen model" });
  }
  return out;
}

function columnStats(X: Matrix): { mean: number[]; median: number[] } {
  const mean: number[] = [];
  const median: number[] = [];
  for (let j = 0; j < X.nCols; j++) {
    const v = Array.from(X.column(j)).filter((a) => a === a).sort((a, b) => a - b);
    mean.push(v.length ? v.reduce((a, b) => a + b, 0) / v.length : 0);
    const h = v.length >> 1;
    median.push(v.length === 0 ? 0 : v.length % 2 ? v[h] : (v[h - 1] + v[h]) / 2);
  }
  return { mean, median };
}

function cell(v: unknown, max: number): ReportValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "boolean") return v;
  const s = v instanceof Date ? v.toISOString() : String(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function excerpt(row: Record<string, unknown>, fields: string[]): Record<string, ReportValue> {
  return Object.fromEntries(fields.map((f) => [f, cell(row[f], 200)]));
}

function summarize(row: Record<string, unknown>, fields: string[]): string {
  const s = fields.map((f) => `${f}: ${String(cell(row[f], 80))}`).join("; ");
  return s.length > 240 ? `${s.slice(0, 239)}…` : s;
}
