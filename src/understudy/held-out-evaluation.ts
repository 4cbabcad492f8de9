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
  const { model, featurizer, rows, parts, labelOf } = input;
  const total = 5;
  const step = (done: number, message: string) => input.onProgress?.(done, total, message);
  step(0, "measuring on test rows");
  const testRows = parts.test.map((i) => rows[i]);
  const Xtest = featurizer.transform(testRows);
  const yTest = parts.test.map((i) => labelOf[i]!);
  const cls = input.kind === "classification";
  const rule = input.decision ?? {};
  const proba = cls && model.capabilities.probabilities && model.predictProba ? decidedProba(rule, model.predictProba(Xtest)) : undefined;
  const classes = model.classes ?? [];
  // A classifier's predict is argmaxLabels of its predictProba (the common checks hold every
  // estimator to it), and u.predict decides from the same probabilities by the run's rule
  // (calibration, cutoff): derive the labels instead of a second pass over the rows.
  const predicted = proba ? decidedLabels(rule, proba, classes) : model.predict(Xtest);
  const confidenceOf = (p: number[], label: Label) => p[classes.indexOf(label)] ?? 0;
  const testCal = proba && yTest.length ? testCalibration(proba, classes, yTest) : undefined;

  let metrics: UnderstudyMetrics;
  let r: ReturnType<typeof regressionMetrics> | undefined;
  if (cls) {
    const fid = fidelity(predicted, yTest);
    const cm = classificationMetrics(yTest, predicted);
    metrics = {
      task: "classification",
      vsTeacher: {
        rows: "test", n: fid.n, agreement: fid.agreement, kappa: cm.kappa, macroF1: cm.macroF1,
        perClass: fid.perClass.map((c) => ({ label: String(c.label), n: c.n, agreement: c.agreement })), confusion: fid.confusion,
      },
    };
    if (input.gold) {
      const k = parts.test.map((_, t) => t).filter((t) => input.gold![parts.test[t]] !== null);
      if (k.length) {
        const g = k.map((t) => input.gold![parts.test[t]]!);
        const gm = classificationMetrics(g, k.map((t) => predicted[t]));
        metrics.vsGold = {
          rows: "test", n: gm.n, accuracy: gm.accuracy, macroF1: gm.macroF1, kappa: gm.kappa, confusion: gm.confusion,
          perClass: gm.perClass.map((c) => ({ label: String(c.label), precision: c.precision, recall: c.recall, f1: c.f1, support: c.support })),
        };
        metrics.teacherVsGold = { rows: "test", n: k.length, accuracy: k.filter((t) => yTest[t] === g[k.indexOf(t)]).length / k.length };
      }
    }
    if (input.goldTeaches) metrics.vsGold = goldTeachesScores(cm, fid.n);
    if (testCal) metrics.calibration = { rows: "test", n: yTest.length, ece: testCal.ece, mce: testCal.mce, brier: testCal.brier, logLoss: testCal.logLoss, against: "teacher", probabilities: rule.calibrator ? "calibrated" : "uncalibrated" };
    const positive = positiveClass(model, input)!;
    if (input.sensitive) metrics.fairness = fairnessOnTest(input, input.sensitive, predicted, yTest, positive);
    if (proba && classes.length === 2 && classes.includes(positive)) {
      metrics.binary = { ...binaryOnTest(input, proba.map((p) => p[classes.indexOf(positive)]), predicted, yTest, positive), runnerUp: runnerUpOnTest(input, testRows, predicted, yTest) };
    }
  } else {
    r = regressionMetrics(yTest as number[], predicted as number[]);
    metrics = { task: "regression", vsTeacher: { rows: "test", n: r.n, agreement: r.r2, r2: r.r2, mae: r.mae, rmse: r.rmse } };
    if (input.gold) {
      const k = parts.test.map((_, t) => t).filter((t) => input.gold![parts.test[t]] !== null);
      // R² needs spread in the gold values; fewer than two rows have none.
      if (k.length >= 2) {
        const g = k.map((t) => input.gold![parts.test[t]] as number);
        const gm = regressionMetrics(g, k.map((t) => predicted[t] as number));
        metrics.vsGold = { rows: "test", n: gm.n, accuracy: gm.r2, r2: gm.r2, mae: gm.mae, rmse: gm.rmse };
        const tm = regressionMetrics(g, k.map((t) => yTest[t] as number));
        metrics.teacherVsGold = { rows: "test", n: tm.n, accuracy: tm.r2, r2: tm.r2, mae: tm.mae, rmse: tm.rmse };
      }
    }
  }

  if (!cls && input.goldTeaches) metrics.vsGold = { rows: "test", n: r!.n, accuracy: r!.r2, r2: r!.r2, mae: r!.mae, rmse: r!.rmse, goldTeaches: true, note: GOLD_TEACHES_NOTE };

  const artefacts: HeldOutArtefacts = { baseline: columnStats(input.trainMatrix), background: toSparseRows(Xtest, BACKGROUND_ROWS) };
  step(1, "cascade threshold on out-of-fold predictions");
  if (cls && model.predictProba && model.capabilities.probabilities && input.outOfFold?.proba.length) {
    const pv = input.outOfFold.proba;
    const sv = decidedLabels(rule, pv, classes);
    const gv = input.outOfFold.gold;
    const withGold = gv && gv.every((g) => g !== null) ? (gv as Label[]) : undefined;
    const choice = chooseCascadeThreshold(
      { confidence: pv.map((p, i) => confidenceOf(p, sv[i])), student: sv, teacher: input.outOfFold.teacher ?? input.yTrain, ...(withGold ? { gold: withGold } : {}) },
      { targetAgreement: input.cascadeTarget },
    );
    const threshold = choice.met ? choice.threshold : NEVER;
    const conf = proba!.map((p, t) => confidenceOf(p, predicted[t]));
    let covered = 0, agree = 0, right = 0, withGoldRows = 0;
    yTest.forEach((y, t) => {
      const small = conf[t] >= threshold;
      if (small) covered++;
      const answer = small ? predicted[t] : y;
      if (answer === y) agree++;
      const g = input.gold?.[parts.test[t]];
      if (g !== undefined && g !== null) { withGoldRows++; if (answer === g) right++; }
    });
    const n = yTest.length;
    const summary: CascadeSummary = {
      threshold, targetAgreement: input.cascadeTarget, met: choice.met,
      validation: { rows: "cv", n: pv.length, coverage: choice.coverage, agreement: choice.agreement },
      test: { n, coverage: covered / n, agreement: agree / n, ...(withGoldRows ? { accuracy: right / withGoldRows } : {}) },
    };
    metrics.cascade = summary;
    artefacts.cascadeFrontier = choice.frontier.filter((p) => Number.isFinite(p.threshold))
      .map((p) => ({ threshold: p.threshold, coverage: p.coverage, agreement: p.agreement, ...(p.accuracy !== undefined ? { accuracy: p.accuracy } : {}) }));
  }

  step(2, "feature importance");
  artefacts.importance = importance(model, Xtest, yTest, input.seed);
  if (testCal) {
    artefacts.calibrationBins = testCal.bins.filter((b) => b.count > 0).map((b) => ({ meanPredicted: b.confidence, observed: b.accuracy, count: b.count }));
  }

  step(3, "examples and disagreements");
  const idOf = (t: number) => (input.idColumn ? String(testRows[t][input.idColumn]) : String(parts.test[t]));
  const goldOf = (t: number) => input.gold?.[parts.test[t]] ?? undefined;
  if (cls) {
    const conf = proba ? proba.map((p, t) => confidenceOf(p, predicted[t])) : predicted.map(() => 1);
    const differ = yTest.map((_, t) => t).filter((t) => predicted[t] !== yTest[t]).sort((a, b) => conf[b] - conf[a] || a - b);
    artefacts.disagreements = differ.slice(0, 10).map((t) => ({
      id: idOf(t), input: summarize(testRows[t], input.fields), prediction: predicted[t], teacherLabel: yTest[t],
      ...(goldOf(t) !== undefined ? { goldLabel: goldOf(t)! } : {}), confidence: conf[t],
      reason: conf[t] >= 0.8 ? "the small model is confident and disagrees: check the teacher's label" : "near the decision boundary",
    }));
    const agreeing = yTest.map((_, t) => t).filter((t) => predicted[t] === yTest[t]);
    const picks = [...new Set([
      agreeing.reduce((a, b) => (conf[b] > conf[a] ? b : a), agreeing[0] ?? 0),
      yTest.map((_, t) => t).reduce((a, b) => (conf[b] < conf[a] ? b : a), 0),
      ...(differ.length ? [differ[0]] : []),
    ])].filter((t) => t < testRows.length);
    artefacts.examples = picks.map((t) => exampleOf(t));
  } else {
    artefacts.examples = [0, 1, 2].filter((t) => t < testRows.length).map((t) => exampleOf(t));
  }
  function exampleOf(t: number) {
    const e = explainRow(model, Xtest.selectRows([t]), artefacts.baseline, 5);
    return {
      id: idOf(t), input: excerpt(testRows[t], input.fields), prediction: predicted[t] as ReportValue, teacherLabel: yTest[t] as ReportValue,
      ...(goldOf(t) !== undefined ? { goldLabel: goldOf(t)! as ReportValue } : {}),
      ...(e.probability !== undefined ? { confidence: e.probability } : {}),
      reasonCodes: reasonCodesInput(e.reasons),
    };
  }

  step(4, "partial dependence and learning curve");
  const positive = positiveOutput({ taskType: input.kind, labels: input.labels, positive: input.positive } as UnderstudyMetadata, model);
  const background = Xtest.selectRows(Array.from({ length: Math.min(BACKGROUND_ROWS, Xtest.nRows) }, (_, t) => t));
  const pd: PartialDependenceInput[] = [];
  for (const row of artefacts.importance?.rows ?? []) {
    if (pd.length >= 2) break;
    const j = model.featureNames.indexOf(row.feature);
    if (j < 0 || new Set(background.column(j)).size < 3) continue;
    const r = partialDependence(model, background, j, { kind: "both", gridResolution: 20 });
    pd.push({ feature: r.name, grid: r.grid, average: r.average.map((g) => g[positive.k]), ice: r.individual?.map((c) => c.map((g) => g[positive.k])) });
  }
  if (pd.length) { artefacts.partialDependence = pd; artefacts.partialDependenceOutput = positive.name; }
  if (cls) artefacts.learningCurve = learningCurve(input, Xtest, yTest);
  step(5, "done");
  return { metrics, artefacts };
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
