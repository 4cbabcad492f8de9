import type { FeatureLineage, FeaturizerJSON } from "../features/featurizer.ts";
import { treeRules } from "../explain/tree-rules.ts";
import type { Estimator, Label } from "../models/estimator.ts";
import { isTreeModel } from "../models/model-kinds.ts";
import type { ReportInput, ReportValue } from "../report/report-input.ts";
import type { HeldOutArtefacts, UnderstudyMetadata } from "./bundle-types.ts";
import { cascadeAgainstGold, coefficientsToward, importanceRows, positiveOutput, towardPositive } from "./understudy-charts.ts";

/** What the report reads from an Understudy. */
export interface ReportSource {
  model: Estimator<Label>;
  featurizer: FeaturizerJSON;
  metadata: UnderstudyMetadata;
  hashes: { data: string; model: string };
}

/**
 * Maps a distilled model into the audit report's input: every section gets the real figures
 * measured at distill time (kept in the bundle, so it works after `fromJSON`); a section with
 * nothing measured says why.
 *
 * @example
 * await buildReport(understudyReportInput(u, "2026-11-23T08:00:00Z"), { format: "md" });
 */
export function understudyReportInput(source: ReportSource, generatedAt: string): ReportInput {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const { model, metadata: m, hashes } = source;
  const a = m.artefacts;
  const cls = m.taskType === "classification";
  const gold = m.teacher.kind === "gold";
  const notMeasured: ReportInput["notMeasured"] = {};
  const unanswered = m.split.rows.test - m.split.labelled.test;
  const labelledBy = gold ? `gold labels (${m.target})` : `teacher (${m.teacher.model})`;
  const positive = positiveOutput(m, model);
  const r = m.reproduce;

  const input: ReportInput = {
    generatedAt,
    task: {
      description: m.task,
      kind: m.taskType,
      ...(m.intendedUse ? { intendedUse: m.intendedUse } : {}),
      ...(m.labels ? { labels: m.labels } : {}),
      ...(cls ? { positive: positive.label } : {}),
    },
    warnings: [...m.warnings],
    teacher: {
      model: m.teacher.model,
      promptVersions: m.teacher.promptVersions,
      ...(m.teacher.kind === "llm" ? { provider: "OpenAI-compatible chat/completions", temperature: 0 } : {}),
      ...(m.teacher.note ? { note: m.teacher.note } : {}),
      ...(m.teacher.firstCall ? { firstCall: m.teacher.firstCall, lastCall: m.teacher.lastCall } : {}),
    },
    data: {
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
    },
    features: [
      ...featureRows(source.featurizer.lineage, a.rules),
      ...(a.droppedConcepts ?? []).map((d) => ({ name: d.question, kind: "LLM concept, dropped (not a feature)", lineage: `proposed by the teacher; dropped: ${d.reason}` })),
    ],
    model: {
      type: m.modelChoice.candidates.find((c) => c.chosen)?.type ?? model.kind,
      size: modelSize(model),
      hyperparameters: Object.fromEntries(Object.entries(model.options).filter(([, v]) => isReportValue(v)).map(([k, v]) => [k, Number.isFinite(v as number) || typeof v !== "number" ? (v as ReportValue) : String(v)])),
      candidates: m.modelChoice.candidates.map((c) => ({ type: c.type, score: c.score, metric: c.metric === "agreement" ? "validation agreement" : "validation R²", chosen: c.chosen })),
      choiceReason: m.modelChoice.reason,
      ...(m.reference?.scorecardCheck ? { scorecard: { maxDifference: m.reference.scorecardCheck.maxDifference, n: m.reference.scorecardCheck.n } } : {}),
    },
    limitations: [
      `Measured on ${m.metrics.vsTeacher.n} held-out test rows drawn from the same data as training; re-check on data from a different period or source.`,
      ...(unanswered > 0
        ? [`${unanswered} of ${m.split.rows.test} test rows have no ${gold ? "gold label" : "teacher label (unsure or failed)"} and are in no held-out figure${m.metrics.vsGold ? ", accuracy against gold included" : ""}; the model still answers such rows in use, and they may be the hard ones.`]
        : []),
      ...(gold
        ? [`The gold labels (column ${m.target}) taught, so accuracy against gold is the agreement with the teacher on the same held-out test rows, not a second measurement.`]
        : ["Fidelity is agreement with the teacher: where the teacher is wrong, a faithful model is wrong too."]),
      ...(m.metrics.cascade && !m.metrics.cascade.met
        ? [`No confidence threshold kept ${pct(m.metrics.cascade.targetAgreement)} agreement with the teacher on validation rows, so a cascade at that target sends every row to the teacher.`]
        : []),
      ...(a.rules?.rejected.length ? [`LLM rules rejected (not features): ${a.rules.rejected.map((r) => `${JSON.stringify(r.condition)} for ${JSON.stringify(r.label)}: ${r.reason}`).join("; ")}.`] : []),
    ],
    reproducibility: {
      seed: m.seed,
      runtime: m.runtime,
      dataHash: hashes.data,
      modelHash: hashes.model,
      ...(r ? { call: r.call } : {}),
      ...(r?.command ? { command: r.command } : {}),
      ...(r?.source ? { dataFile: r.source } : {}),
    },
    notMeasured,
  };

  const vt = m.metrics.vsTeacher;
  input.performance = {};
  if (cls) {
    input.performance.vsTeacher = {
      value: vt.agreement, rows: vt.n, on: vt.rows ?? "test",
      ...(vt.kappa !== undefined ? { kappa: vt.kappa } : {}),
      ...(vt.macroF1 !== undefined ? { macroF1: vt.macroF1 } : {}),
      ...(vt.confusion ? { confusion: { labels: vt.confusion.labels.map(String), matrix: vt.confusion.matrix } } : {}),
    };
    const vg = m.metrics.vsGold;
    if (vg) {
      // When the gold labels taught, their confusion matrix is the teacher's: drawn once.
      input.performance.vsGold = {
        value: vg.accuracy, rows: vg.n, on: vg.rows ?? "test",
        ...(vg.kappa !== undefined ? { kappa: vg.kappa } : {}),
        ...(vg.macroF1 !== undefined ? { macroF1: vg.macroF1 } : {}),
        ...(vg.goldTeaches ? { note: "the gold labels taught: the same measurement as the agreement with the teacher" } : {}),
        ...(vg.confusion && !vg.goldTeaches ? { confusion: { labels: vg.confusion.labels.map(String), matrix: vg.confusion.matrix } } : {}),
      };
    }
    if (m.metrics.teacherVsGold) input.performance.teacherVsGold = { value: m.metrics.teacherVsGold.accuracy, rows: m.metrics.teacherVsGold.n, on: m.metrics.teacherVsGold.rows ?? "test" };
    if (gold && !vg) {
      // The gold labels taught, so agreement with the teacher IS accuracy against gold: the report
      // says so, while `metrics.vsGold` stays absent (no second, independent measurement). The
      // confusion matrix is left out here: it would repeat the teacher's.
      input.performance.vsGold = {
        value: vt.agreement, rows: vt.n, on: vt.rows ?? "test",
        note: "the gold labels taught: the same measurement as the agreement with the teacher",
        ...(vt.kappa !== undefined ? { kappa: vt.kappa } : {}),
        ...(vt.macroF1 !== undefined ? { macroF1: vt.macroF1 } : {}),
      };
    }
  } else {
    // Regression speaks of values: R², MAE and RMSE against the teacher's values or the gold ones.
    type Other = NonNullable<NonNullable<ReportInput["performance"]>["other"]>[number];
    const measures = (s: { r2?: number; mae?: number; rmse?: number; rows?: "train" | "cv" | "test"; n: number }, r2: number, against: string, reference: "teacher" | "gold"): Other[] => [
      { name: "R²", value: s.r2 ?? r2, against, reference, on: s.rows ?? "test", rows: s.n },
      ...(s.mae !== undefined ? [{ name: "MAE", value: s.mae, against, reference, on: s.rows ?? "test", rows: s.n }] : []),
      ...(s.rmse !== undefined ? [{ name: "RMSE", value: s.rmse, against, reference, on: s.rows ?? "test", rows: s.n }] : []),
    ];
    input.performance.other = measures(vt, vt.agreement, gold ? "gold values (which taught: one measurement, not two)" : "teacher", gold ? "gold" : "teacher");
    const vg = m.metrics.vsGold;
    if (vg && !vg.goldTeaches) input.performance.other.push(...measures(vg, vg.accuracy, "gold values", "gold"));
    const tg = m.metrics.teacherVsGold;
    if (tg) input.performance.other.push(...measures(tg, tg.accuracy, "gold values (the teacher's own error)", "gold").map((o) => ({ ...o, of: "teacher" as const })));
  }
  if (a.learningCurve?.length) input.performance.learningCurve = a.learningCurve;
  const cascade = m.metrics.cascade;
  if (a.cascadeFrontier?.length && cascade) {
    const againstGold = cascadeAgainstGold(a.cascadeFrontier);
    // A cost line only where the teacher was paid at a known price: nothing is drawn for a cost not measured.
    const paid = m.stats.labelCostPerRowUSD > 0;
    input.performance.cascade = {
      points: a.cascadeFrontier.map((p) => ({
        shareToLLM: 1 - p.coverage, accuracy: p.accuracy ?? p.agreement, threshold: p.threshold,
        ...(paid ? { cost: (1 - p.coverage) * 1000 * m.stats.labelCostPerRowUSD } : {}),
      })),
      pointsOn: "validation",
      measure: againstGold ? "accuracy against gold labels" : "agreement with the teacher",
      // The target is agreement with the teacher: drawn only when the points are agreement too.
      ...(againstGold ? {} : { targetAccuracy: cascade.targetAgreement }),
      ...(paid ? { costUnit: "USD per 1,000 rows" } : {}),
      // An unmet target stores Number.MAX_VALUE as the threshold: a sentinel, not a figure to print.
      chosen: { ...(cascade.met ? { threshold: cascade.threshold } : {}), target: cascade.targetAgreement, met: cascade.met, test: cascade.test },
    };
  }
  if (!gold && !m.metrics.vsGold) notMeasured.performance = "no target column with gold labels was given, so accuracy against the truth is not known; agreement with the teacher is shown";

  if (a.calibrationBins?.length) {
    const c = m.metrics.calibration;
    input.calibration = {
      bins: a.calibrationBins, positiveLabel: "the predicted class (top-class confidence)", against: gold ? "gold" : "teacher", on: c?.rows ?? "test",
      ...(c?.n !== undefined ? { rows: c.n } : {}), ...(c ? { brier: c.brier } : {}),
    };
  } else notMeasured.calibration = cls ? "the chosen model gives no probabilities" : "calibration applies to classifiers; this is a regression task";

  const f = m.metrics.fairness;
  if (f) {
    const outcome = `Rate of "${String(f.positive)}"`;
    input.fairness = f.byAttribute
      ? f.byAttribute.map((a) => ({ attribute: a.attribute, outcome, groups: a.groups.map((g) => ({ group: g.group, rate: g.selectionRate, count: g.n })), referenceGroup: a.reference, on: "test" as const }))
      : [{ attribute: f.attribute, outcome, groups: f.groups.map((g) => ({ group: g.group, rate: g.positiveRate, count: g.n })), referenceGroup: f.reference, on: "test" }];
  } else notMeasured.fairness = m.sensitive ? "fairness needs a classification task" : "no sensitive column was named (pass sensitive: \"column\" to distill)";

  const b = m.metrics.binary;
  if (b || f?.byAttribute) {
    input.validation = {
      ...(b ? { binary: b.blocks, runnerUp: b.runnerUp } : {}),
      ...(f?.byAttribute ? { fairness: { positive: String(f.positive), minGroupShare: f.minGroupShare!, impactThreshold: f.impactThreshold!, byAttribute: f.byAttribute } } : {}),
      ...(f?.useSensitiveAsFeature !== undefined ? { useSensitiveAsFeature: f.useSensitiveAsFeature } : {}),
      ...(f?.proxies ? { proxies: f.proxies } : {}),
    };
  }

  input.explanations = {};
  if (a.importance?.rows.length) {
    input.explanations.importance = a.importance.rows;
    input.explanations.importanceMeasure = a.importance.measure;
    input.explanations.importanceRows = importanceRows(a.importance);
  }
  if (isTreeModel(model) && model.trees.length === 1) {
    input.explanations.rules = treeRules(model).map((r) => ({
      conditions: r.conditions.map((c) => ({ name: c.name, op: c.op, threshold: c.threshold, includesMissing: c.includesMissing })),
      prediction: r.prediction, samples: r.samples, ...(cls ? { value: r.value } : {}),
    }));
  }
  if (model.capabilities.coefficients) {
    const { output, bars } = coefficientsToward(model, positive.label);
    input.explanations.coefficients = bars;
    input.explanations.coefficientScale = "standardized";
    input.explanations.coefficientOutput = `${output}, per standard deviation`;
  }
  const concepts = (a.concepts ?? []).filter((c) => Number.isFinite(c.agreement));
  if (concepts.length) input.explanations.concepts = concepts;
  if (a.partialDependence?.length) {
    input.explanations.partialDependence = a.partialDependence;
    if (a.partialDependenceOutput) input.explanations.partialDependenceOutput = a.partialDependenceOutput;
  }
  if (a.examples?.length) {
    input.examples = a.examples.map((e) => (e.reasonCodes ? { ...e, reasonCodes: towardPositive(e.reasonCodes, model.classes, positive.label) } : e));
  }
  else notMeasured.examples = "no held-out rows were kept";
  if (a.disagreements?.length) input.disagreements = a.disagreements;
  else notMeasured.disagreements = cls ? "the small model agreed with the teacher on every held-out row" : "disagreements are listed for classifiers";

  const s = m.stats;
  input.cost = {
    teacherCalls: s.teacherCalls, cacheHits: s.cacheHits, promptTokens: s.promptTokens, completionTokens: s.completionTokens, costUSD: s.costUSD,
    ...(m.budget ? { budget: m.budget } : {}),
    ...(s.labelCostPerRowUSD > 0 ? { llmUSDPer1000Rows: s.labelCostPerRowUSD * 1000 } : {}),
  };
  if (gold) notMeasured.cost = "the gold labels taught: no teacher was paid";
  return input;
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
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
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
