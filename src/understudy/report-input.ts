import { isAdditiveModel } from "../models/ebm/additive-model.ts";
import type { FeatureLineage, FeaturizerJSON } from "../features/featurizer.ts";
import { treeRules } from "../explain/tree-rules.ts";
import type { Estimator, Label } from "../models/estimator.ts";
import { isTreeModel } from "../models/model-kinds.ts";
import type { ReportCalibrationScores, ReportInput, ReportValue } from "../report/report-input.ts";
import type { CalibrationScores, HeldOutArtefacts, UnderstudyMetadata } from "./bundle-types.ts";
import type { MonitorResult } from "./monitor.ts";
import type { Scorecard } from "./scorecard.ts";
import { shapeInputs, cascadeAgainstGold, coefficientsToward, importanceRows, positiveCalibrationBins, positiveOutput, towardPositive } from "./understudy-charts.ts";

/** What the report reads from an Understudy. */
export interface ReportSource {
  model: Estimator<Label>;
  featurizer: FeaturizerJSON;
  metadata: UnderstudyMetadata;
  hashes: { data: string; model: string };
  /** The default scorecard, when the model has one. */
  scorecard?: Scorecard;
  /** `u.monitor(rows)` of rows from use: adds the drift section. */
  monitor?: MonitorResult;
}

/** What every section builder reads: the source, and the facts several of them share. */
interface Context extends ReportSource {
  m: UnderstudyMetadata;
  a: HeldOutArtefacts;
  cls: boolean;
  gold: boolean;
  positive: ReturnType<typeof positiveOutput>;
  notMeasured: NonNullable<ReportInput["notMeasured"]>;
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/**
 * Maps a distilled model into the audit report's input: every section gets the real figures
 * measured at distill time (kept in the bundle, so it works after `fromJSON`); a section with
 * nothing measured says why. One builder per section, each reading the stored metadata.
 *
 * @example
 * await buildReport(understudyReportInput(u, "2026-11-23T08:00:00Z"), { format: "md" });
 */
export function understudyReportInput(source: ReportSource, generatedAt: string): ReportInput {
  const m = source.metadata;
  const c: Context = {
    ...source, m, a: m.artefacts, cls: m.taskType === "classification", gold: m.teacher.kind === "gold",
    positive: positiveOutput(m, source.model), notMeasured: {},
  };
  const input: ReportInput = {
    generatedAt,
    task: taskPart(c),
    warnings: [...m.warnings],
    teacher: teacherPart(c),
    data: dataPart(c),
    features: [
      ...featureRows(source.featurizer.lineage, c.a.rules),
      ...(c.a.droppedConcepts ?? []).map((d) => ({ name: d.question, kind: "LLM concept, dropped (not a feature)", lineage: `proposed by the teacher; dropped: ${d.reason}` })),
    ],
    model: modelPart(c),
    ...optional("decision", decisionPart(c)),
    ...optional("scorecard", scorecardPart(c)),
    performance: c.cls ? classificationPerformance(c) : regressionPerformance(c),
    ...optional("calibration", calibrationPart(c)),
    ...optional("fairness", fairnessPart(c)),
    ...optional("validation", validationPart(c)),
    explanations: explanationsPart(c),
    ...optional("examples", examplesPart(c)),
    ...optional("disagreements", disagreementsPart(c)),
    cost: costPart(c),
    ...optional("monitoring", monitoringPart(c)),
    limitations: limitationsPart(c),
    reproducibility: reproducibilityPart(c),
    notMeasured: c.notMeasured,
  };
  return input;
}

/** `{ [key]: value }`, or nothing when the value is absent, so absent parts stay absent keys. */
function optional<K extends keyof ReportInput>(key: K, value: ReportInput[K] | undefined): Partial<ReportInput> {
  return value === undefined ? {} : { [key]: value };
}

/** The task, its labels and the class every explanation is about. */
function taskPart({ m, cls, positive }: Context): ReportInput["task"] {
  return {
    description: m.task,
    kind: m.taskType,
    ...(m.intendedUse ? { intendedUse: m.intendedUse } : {}),
    ...(m.labels ? { labels: m.labels } : {}),
    ...(cls ? { positive: positive.label } : {}),
  };
}

/** Who taught, with which prompts, and when. */
function teacherPart({ m }: Context): ReportInput["teacher"] {
  return {
    model: m.teacher.model,
    promptVersions: m.teacher.promptVersions,
    ...(m.teacher.kind === "llm" ? { provider: "OpenAI-compatible chat/completions", temperature: 0 } : {}),
    ...(m.teacher.note ? { note: m.teacher.note } : {}),
    ...(m.teacher.firstCall ? { firstCall: m.teacher.firstCall, lastCall: m.teacher.lastCall } : {}),
  };
}

/** Rows per split and who labelled them, every column's role, missing cells and duplicate rows. */
function dataPart({ m, gold }: Context): ReportInput["data"] {
  const labelledBy = gold ? `gold labels (${m.target})` : `teacher (${m.teacher.model})`;
  return {
    ...(m.source ? { source: m.source } : {}),
    rows: m.split.rows.train + m.split.rows.validation + m.split.rows.test,
    splits: (["train", "validation", "test"] as const).map((name) => ({
      name, rows: m.split.rows[name],
      labelledBy: `${labelledBy}: ${m.split.labelled[name]} rows${name === "train" && m.split.activeLearning ? " chosen by active learning" : ""}${name === "test" && m.metrics.vsGold ? "; gold labels too" : ""}`,
    })),
    columns: m.schema.columns.map((c) => ({
      name: c.name,
      role: c.name === m.target ? "target" : m.text.includes(c.name) ? "text" : m.features.includes(c.name) ? `feature (${c.role})` : c.role === "id" ? "identifier" : `not used (${c.role})`,
      reason: c.reason,
    })),
    ...(m.missingCells ? { missingCells: m.missingCells.map((x) => ({ ...x })) } : {}),
    ...(m.split.duplicates ? { duplicates: { ...m.split.duplicates } } : {}),
  };
}

/** The chosen model, its options, every candidate family at its tuned settings (CV score ± standard error), and those left out. */
function modelPart({ m, model }: Context): ReportInput["model"] {
  const choice = m.modelChoice;
  const metricName = (c: { metric: string }) => (c.metric === "agreement" ? "agreement with the teacher" : "R²");
  return {
    type: choice.candidates.find((c) => c.chosen)?.type ?? model.kind,
    size: modelSize(model),
    hyperparameters: Object.fromEntries(Object.entries(model.options).filter(([, v]) => isReportValue(v)).map(([k, v]) => [k, Number.isFinite(v as number) || typeof v !== "number" ? (v as ReportValue) : String(v)])),
    candidates: choice.candidates.map((c) => {
      const note = [candidateStanding(c, choice), c.converged === false ? "the solver stopped at its iteration limit" : undefined].filter((x) => x !== undefined).join("; ");
      return {
        type: c.type, score: c.score, metric: metricName(c), chosen: c.chosen,
        // Bundles from before cross-validated choice hold validation scores without a standard error.
        ...(Number.isFinite(c.standardError) ? { standardError: c.standardError, on: c.rows ?? "cv", rows: c.n, folds: c.folds } : { on: "validation" as const }),
        ...(note ? { note } : {}),
      };
    }),
    choiceReason: choice.reason,
    ...(choice.leftOut?.length ? { leftOut: choice.leftOut.map((l) => ({ type: l.type, reason: l.reason })) } : {}),
  };
}

/**
 * Where a candidate stood in the choice, in the words of the rule: the best score, within the
 * margin of it (chosen when simplest), or below it. Nothing for a lone candidate or for bundles
 * without a recorded margin.
 */
function candidateStanding(c: { score: number; chosen: boolean }, choice: Context["m"]["modelChoice"]): string | undefined {
  if (choice.candidates.length < 2 || !Number.isFinite(choice.tolerance)) return undefined;
  const best = Math.max(...choice.candidates.map((x) => x.score));
  if (c.score === best) return c.chosen ? "best score" : "best score; a simpler candidate came within the margin";
  if (c.score >= best - choice.tolerance - 1e-12) return c.chosen ? "simplest within the margin of the best" : "within the margin of the best; a simpler one was chosen";
  return "below the best by more than the margin";
}

/** Classifiers: the positive class, the cutoff sentence, calibration measured out of fold and on test rows, applied or not. */
function decisionPart({ m, cls, positive, notMeasured }: Context): ReportInput["decision"] {
  if (!cls) {
    notMeasured.decision = "a regression predicts the value itself: there is no class, cutoff or calibration";
    return undefined;
  }
  const scores = (s: CalibrationScores | undefined, on: "cv" | "test"): ReportCalibrationScores | undefined => (s === undefined ? undefined : {
    on: s.rows ?? on, ...(s.n !== undefined ? { rows: s.n } : {}), ece: s.ece, brier: s.brier, logLoss: s.logLoss, ...(s.probabilities ? { probabilities: s.probabilities } : {}),
  });
  const cv = scores(m.metrics.calibrationCV, "cv");
  const test = scores(m.metrics.calibration, "test");
  return {
    positive: positive.label,
    ...(m.cutoff ? { cutoff: m.cutoff.text } : {}),
    calibrated: m.calibrator !== undefined,
    ...(cv ? { calibrationCV: cv } : {}),
    ...(test ? { calibrationTest: test } : {}),
  };
}

/** The default scorecard's points table and its check on test rows, when the model has one. */
function scorecardPart({ m, scorecard, notMeasured }: Context): ReportInput["scorecard"] {
  if (!scorecard) {
    notMeasured.scorecard = "a scorecard needs a binary logistic or additive model over table columns (no TF-IDF terms)";
    return undefined;
  }
  const check = m.reference?.scorecardCheck;
  return {
    pdo: scorecard.pdo, points: scorecard.points, odds: scorecard.odds, factor: scorecard.factor, offset: scorecard.offset,
    positive: String(scorecard.positive),
    table: scorecard.table.map((r) => ({ column: r.column, condition: r.condition, points: r.points })),
    ...(check ? { check: { maxDifference: check.maxDifference, n: check.n } } : {}),
  };
}

/** Agreement with the teacher, accuracy against gold (or why not), learning curve and cascade. */
function classificationPerformance(c: Context): ReportInput["performance"] {
  const { m, gold } = c;
  const vt = m.metrics.vsTeacher;
  const scoreOf = (s: { n: number; rows?: "train" | "cv" | "test"; kappa?: number; macroF1?: number }, value: number) => ({
    value, rows: s.n, on: s.rows ?? "test",
    ...(s.kappa !== undefined ? { kappa: s.kappa } : {}),
    ...(s.macroF1 !== undefined ? { macroF1: s.macroF1 } : {}),
  });
  const confusionOf = (x: { labels: Label[]; matrix: number[][] }) => ({ labels: x.labels.map(String), matrix: x.matrix });
  const goldNote = "the gold labels taught: the same measurement as the agreement with the teacher";
  const performance: NonNullable<ReportInput["performance"]> = {
    vsTeacher: { ...scoreOf(vt, vt.agreement), ...(vt.confusion ? { confusion: confusionOf(vt.confusion) } : {}) },
  };
  const vg = m.metrics.vsGold;
  // When the gold labels taught, their confusion matrix is the teacher's: drawn once.
  if (vg) performance.vsGold = { ...scoreOf(vg, vg.accuracy), ...(vg.goldTeaches ? { note: goldNote } : {}), ...(vg.confusion && !vg.goldTeaches ? { confusion: confusionOf(vg.confusion) } : {}) };
  const tg = m.metrics.teacherVsGold;
  if (tg) performance.teacherVsGold = { value: tg.accuracy, rows: tg.n, on: tg.rows ?? "test" };
  // The gold labels taught, so agreement with the teacher IS accuracy against gold: the report says
  // so, while `metrics.vsGold` stays absent (no second, independent measurement).
  if (gold && !vg) performance.vsGold = { ...scoreOf(vt, vt.agreement), note: goldNote };
  if (!gold && !vg) c.notMeasured.performance = "no target column with gold labels was given, so accuracy against the truth is not known; agreement with the teacher is shown";
  return withCurveAndCascade(c, performance);
}

/** Regression speaks of values: R², MAE and RMSE against the teacher's values or the gold ones. */
function regressionPerformance(c: Context): ReportInput["performance"] {
  const { m, gold } = c;
  type Other = NonNullable<NonNullable<ReportInput["performance"]>["other"]>[number];
  const measures = (s: { r2?: number; mae?: number; rmse?: number; rows?: "train" | "cv" | "test"; n: number }, r2: number, against: string, reference: "teacher" | "gold"): Other[] => [
    { name: "R²", value: s.r2 ?? r2, against, reference, on: s.rows ?? "test", rows: s.n },
    ...(s.mae !== undefined ? [{ name: "MAE", value: s.mae, against, reference, on: s.rows ?? "test", rows: s.n }] : []),
    ...(s.rmse !== undefined ? [{ name: "RMSE", value: s.rmse, against, reference, on: s.rows ?? "test", rows: s.n }] : []),
  ];
  const vt = m.metrics.vsTeacher;
  const other = measures(vt, vt.agreement, gold ? "gold values (which taught: one measurement, not two)" : "teacher", gold ? "gold" : "teacher");
  const vg = m.metrics.vsGold;
  if (vg && !vg.goldTeaches) other.push(...measures(vg, vg.accuracy, "gold values", "gold"));
  const tg = m.metrics.teacherVsGold;
  if (tg) other.push(...measures(tg, tg.accuracy, "gold values (the teacher's own error)", "gold").map((o) => ({ ...o, of: "teacher" as const })));
  if (!gold && !vg) c.notMeasured.performance = "no target column with gold values was given, so the error against the truth is not known; agreement with the teacher is shown";
  return withCurveAndCascade(c, { other });
}

/** Adds the learning curve (validation rows) and the cascade (points on out-of-fold rows, the chosen threshold on test rows). */
function withCurveAndCascade({ m, a }: Context, performance: NonNullable<ReportInput["performance"]>): ReportInput["performance"] {
  if (a.learningCurve?.length) performance.learningCurve = a.learningCurve;
  const cascade = m.metrics.cascade;
  if (!a.cascadeFrontier?.length || !cascade) return performance;
  const againstGold = cascadeAgainstGold(a.cascadeFrontier);
  // A cost line only where the teacher was paid at a known price: nothing is drawn for a cost not measured.
  const paid = m.stats.labelCostPerRowUSD > 0;
  performance.cascade = {
    points: a.cascadeFrontier.map((p) => ({
      shareToLLM: 1 - p.coverage, accuracy: p.accuracy ?? p.agreement, threshold: p.threshold,
      ...(paid ? { cost: (1 - p.coverage) * 1000 * m.stats.labelCostPerRowUSD } : {}),
    })),
    pointsOn: "cv",
    measure: againstGold ? "accuracy against gold labels" : "agreement with the teacher",
    // The target is agreement with the teacher: drawn only when the points are agreement too.
    ...(againstGold ? {} : { targetAccuracy: cascade.targetAgreement }),
    ...(paid ? { costUnit: "USD per 1,000 rows" } : {}),
    // An unmet target stores Number.MAX_VALUE as the threshold: a sentinel, not a figure to print.
    chosen: { ...(cascade.met ? { threshold: cascade.threshold } : {}), target: cascade.targetAgreement, met: cascade.met, test: cascade.test },
  };
  return performance;
}

/** Reliability bins of P(positive) where the run measured them (binary), else of the top-class confidence. */
function calibrationPart({ m, model, cls, gold, positive, notMeasured }: Context): ReportInput["calibration"] {
  const own = positiveCalibrationBins(m);
  const c = m.metrics.calibration;
  if (own) {
    return {
      bins: own.bins, positiveLabel: positive.label, against: own.against, on: "test", rows: own.n,
      // The Brier score is measured against the teacher's labels: the same reference when gold taught.
      ...(c && (own.against === "teacher" || gold) ? { brier: c.brier } : {}),
    };
  }
  if (m.artefacts.calibrationBins?.length) {
    return {
      bins: m.artefacts.calibrationBins, positiveLabel: "the predicted class (top-class confidence)", against: gold ? "gold" : "teacher", on: c?.rows ?? "test",
      ...(c?.n !== undefined ? { rows: c.n } : {}), ...(c ? { brier: c.brier } : {}),
    };
  }
  notMeasured.calibration = cls ? `the chosen model${model.capabilities.probabilities ? "'s probabilities were not binned" : " gives no probabilities"}` : "calibration applies to classifiers; this is a regression task";
  return undefined;
}

/** Selection rates of the positive class per group of each sensitive attribute (test rows). */
function fairnessPart({ m, notMeasured }: Context): ReportInput["fairness"] {
  const f = m.metrics.fairness;
  if (!f) {
    notMeasured.fairness = m.sensitive ? "fairness needs a classification task" : "no sensitive column was named (pass sensitive: \"column\" to distill)";
    return undefined;
  }
  const outcome = `Rate of "${String(f.positive)}"`;
  return f.byAttribute
    ? f.byAttribute.map((x) => ({ attribute: x.attribute, outcome, groups: x.groups.map((g) => ({ group: g.group, rate: g.selectionRate, count: g.n })), referenceGroup: x.reference, on: "test" as const }))
    : [{ attribute: f.attribute, outcome, groups: f.groups.map((g) => ({ group: g.group, rate: g.positiveRate, count: g.n })), referenceGroup: f.reference, on: "test" }];
}

/** AUC, KS, PR-AUC blocks (binary), fairness per attribute and intersection, and the proxies of sensitive columns. */
function validationPart({ m }: Context): ReportInput["validation"] {
  const b = m.metrics.binary;
  const f = m.metrics.fairness;
  if (!b && !f?.byAttribute) return undefined;
  return {
    ...(b ? { binary: b.blocks, runnerUp: b.runnerUp } : {}),
    ...(f?.byAttribute ? { fairness: { positive: String(f.positive), minGroupShare: f.minGroupShare!, impactThreshold: f.impactThreshold!, byAttribute: f.byAttribute } } : {}),
    ...(f?.useSensitiveAsFeature !== undefined ? { useSensitiveAsFeature: f.useSensitiveAsFeature } : {}),
    ...(f?.proxies ? { proxies: f.proxies } : {}),
  };
}

/** Importance, the tree's rules, coefficients toward the positive class, concepts, partial dependence and monotone checks. */
function explanationsPart({ m, a, model, cls, positive }: Context): ReportInput["explanations"] {
  const e: NonNullable<ReportInput["explanations"]> = {};
  if (a.importance?.rows.length) {
    e.importance = a.importance.rows;
    e.importanceMeasure = a.importance.measure;
    e.importanceRows = importanceRows(a.importance);
  }
  if (isTreeModel(model) && model.trees.length === 1) {
    e.rules = treeRules(model).map((r) => ({
      conditions: r.conditions.map((x) => ({ name: x.name, op: x.op, threshold: x.threshold, includesMissing: x.includesMissing })),
      prediction: r.prediction, samples: r.samples, ...(cls ? { value: r.value } : {}),
    }));
  }
  if (model.capabilities.coefficients) {
    const { output, bars } = coefficientsToward(model, positive.label);
    e.coefficients = bars;
    e.coefficientScale = "standardized";
    e.coefficientOutput = `${output}, per standard deviation`;
  }
  if (isAdditiveModel(model)) e.shapes = shapeInputs(model, positive);
  const concepts = (a.concepts ?? []).filter((x) => Number.isFinite(x.agreement));
  if (concepts.length) e.concepts = concepts;
  if (a.partialDependence?.length) {
    e.partialDependence = a.partialDependence;
    if (a.partialDependenceOutput) e.partialDependenceOutput = a.partialDependenceOutput;
  }
  const monotone = monotoneChecks(m);
  if (monotone?.length) e.monotone = monotone;
  return e;
}

/** `metrics.monotone` (recorded by runs with `distill({ monotone })`), read structurally so older bundles simply have none. */
function monotoneChecks(m: UnderstudyMetadata): NonNullable<ReportInput["explanations"]>["monotone"] {
  const checks = (m.metrics as { monotone?: unknown }).monotone;
  if (!Array.isArray(checks)) return undefined;
  return checks.map((x: { column: string; direction: string; rows?: "train" | "cv" | "test"; n: number; violations: number }) => ({
    column: x.column, direction: x.direction, rows: x.rows ?? "test", n: x.n, violations: x.violations,
  }));
}

/** A few held-out decisions, their waterfalls turned toward the positive class. */
function examplesPart({ a, model, positive, notMeasured }: Context): ReportInput["examples"] {
  if (!a.examples?.length) {
    notMeasured.examples = "no held-out rows were kept";
    return undefined;
  }
  return a.examples.map((e) => (e.reasonCodes ? { ...e, reasonCodes: towardPositive(e.reasonCodes, model.classes, positive.label) } : e));
}

/** Held-out rows where the small model and the teacher disagree. */
function disagreementsPart({ a, cls, notMeasured }: Context): ReportInput["disagreements"] {
  if (a.disagreements?.length) return a.disagreements;
  notMeasured.disagreements = cls ? "the small model agreed with the teacher on every held-out row" : "disagreements are listed for classifiers";
  return undefined;
}

/** What the teacher cost, and what more labels would. */
function costPart({ m, gold, notMeasured }: Context): ReportInput["cost"] {
  const s = m.stats;
  if (gold) notMeasured.cost = "the gold labels taught: no teacher was paid";
  return {
    teacherCalls: s.teacherCalls, cacheHits: s.cacheHits, promptTokens: s.promptTokens, completionTokens: s.completionTokens, costUSD: s.costUSD,
    ...(m.budget ? { budget: m.budget } : {}),
    ...(s.labelCostPerRowUSD > 0 ? { llmUSDPer1000Rows: s.labelCostPerRowUSD * 1000 } : {}),
  };
}

/** Drift of rows from use (`u.monitor(rows)`), when the caller passed it. */
function monitoringPart({ monitor }: Context): ReportInput["monitoring"] {
  if (!monitor) return undefined;
  return {
    rows: monitor.rows,
    columns: monitor.columns.map((x) => ({ column: x.column, psi: x.psi })),
    predictionPsi: monitor.prediction.psi,
    predictionOutput: monitor.prediction.output,
    drifted: [...monitor.drifted],
  };
}

/** What the figures cannot tell: same-source test rows, unlabelled test rows, the teacher's own errors, an unmet cascade, rejected rules. */
function limitationsPart({ m, a, gold }: Context): string[] {
  const unanswered = m.split.rows.test - m.split.labelled.test;
  return [
    `Measured on ${m.metrics.vsTeacher.n} held-out test rows drawn from the same data as training; re-check on data from a different period or source.`,
    ...(unanswered > 0
      ? [`${unanswered} of ${m.split.rows.test} test rows have no ${gold ? "gold label" : "teacher label (unsure or failed)"} and are in no held-out figure${m.metrics.vsGold ? ", accuracy against gold included" : ""}; the model still answers such rows in use, and they may be the hard ones.`]
      : []),
    ...(gold
      ? [`The gold labels (column ${m.target}) taught, so accuracy against gold is the agreement with the teacher on the same held-out test rows, not a second measurement.`]
      : ["Fidelity is agreement with the teacher: where the teacher is wrong, a faithful model is wrong too."]),
    ...(m.metrics.cascade && !m.metrics.cascade.met
      ? [`No confidence threshold kept ${pct(m.metrics.cascade.targetAgreement)} agreement with the teacher on out-of-fold rows, so a cascade at that target sends every row to the teacher.`]
      : []),
    ...(a.rules?.rejected.length ? [`LLM rules rejected (not features): ${a.rules.rejected.map((r) => `${JSON.stringify(r.condition)} for ${JSON.stringify(r.label)}: ${r.reason}`).join("; ")}.`] : []),
  ];
}

/** Seed, runtime, hashes, and the call or command that reproduces the run. */
function reproducibilityPart({ m, hashes }: Context): ReportInput["reproducibility"] {
  const r = m.reproduce;
  return {
    seed: m.seed,
    runtime: m.runtime,
    dataHash: hashes.data,
    modelHash: hashes.model,
    ...(r ? { call: r.call } : {}),
    ...(r?.command ? { command: r.command } : {}),
    ...(r?.source ? { dataFile: r.source } : {}),
  };
}

/** One row per feature, except TF-IDF terms: one row per text column, or the table would run to a thousand rows. */
function featureRows(lineage: readonly FeatureLineage[], rules: HeldOutArtefacts["rules"]): NonNullable<ReportInput["features"]> {
  const rows: NonNullable<ReportInput["features"]> = [];
  const terms = new Map<string, string[]>();
  const ruleOf = new Map((rules?.kept ?? []).map((r) => [r.name, r]));
  for (const l of lineage) {
    if (l.source !== "tfidf") rows.push({ name: l.name, kind: featureKind(l), lineage: lineageText(l, ruleOf.get(l.name)) });
    else terms.set(l.origin.column, [...(terms.get(l.origin.column) ?? []), l.origin.detail ?? l.name]);
  }
  for (const [column, list] of terms) {
    rows.push({
      name: `${column}: ${list.length} TF-IDF terms`, kind: "TF-IDF terms",
      lineage: `unigrams and bigrams of column ${column} (stemmed), vocabulary fitted on training rows, e.g. ${[...list.filter((t) => /^[a-z]{3,}$/.test(t)), ...list].slice(0, 8).map((t) => `"${t}"`).join(", ")}`,
    });
  }
  return rows;
}

function featureKind(l: FeatureLineage): string {
  switch (l.source) {
    case "table": return l.origin.kind === "raw" ? "raw column" : `encoded column (${l.origin.kind})`;
    case "tfidf": return "TF-IDF term";
    case "concept": return "LLM concept";
    case "expression": return "LLM expression";
    case "rule": return "LLM rule";
  }
}

function lineageText(l: FeatureLineage, rule?: NonNullable<HeldOutArtefacts["rules"]>["kept"][number]): string {
  switch (l.source) {
    case "rule": {
      if (!rule) break;
      const precision = rule.precision === null ? "" : `, ${pct(rule.precision)} of them labelled so`;
      return `1 when ${rule.condition}, else 0: the teacher's rule for ${JSON.stringify(rule.label)} (fires on ${pct(rule.support)} of training rows${precision}; why: ${rule.why})${l.promptVersion ? ` (${l.promptVersion})` : ""}`;
    }
    case "table": return `column ${l.origin.column}${l.origin.detail ? ` (${l.origin.detail})` : ""}`;
    case "tfidf": return `term "${l.origin.detail}" in column ${l.origin.column}`;
    case "concept": return `question "${l.question}" answered by the teacher, learned by a ${l.quality?.detector ?? "small"} detector${l.quality ? ` (held-out agreement ${(l.quality.agreement * 100).toFixed(1)}%)` : ""}`;
    default: break;
  }
  return `${l.expression}${l.promptVersion ? ` (${l.promptVersion})` : ""}`;
}

function modelSize(model: Estimator<Label>): string {
  if (isTreeModel(model)) {
    const trees = model.trees;
    const leaves = trees.reduce((s, t) => s + Array.from(t.left).filter((v) => v === -1).length, 0);
    if (trees.length === 1) return `depth ${treeDepth(trees[0].left, trees[0].right)}, ${leaves} leaves`;
    return `${trees.length} trees, ${leaves} leaves in all`;
  }
  if (model.capabilities.coefficients) return `${model.nFeatures} features, one coefficient each per output`;
  return `${model.nFeatures} features`;
}

function treeDepth(left: Int32Array, right: Int32Array): number {
  const walk = (n: number): number => (left[n] === -1 ? 0 : 1 + Math.max(walk(left[n]), walk(right[n])));
  return walk(0);
}

function isReportValue(v: unknown): boolean {
  return v === null || ["string", "number", "boolean"].includes(typeof v);
}
