import { calibrationChart } from "../charts/calibration-chart.ts";
import { cascadeFrontierChart } from "../charts/cascade-frontier-chart.ts";
import { coefficientsChart } from "../charts/coefficients-chart.ts";
import { conceptQualityChart } from "../charts/concept-quality-chart.ts";
import { confusionMatrixChart } from "../charts/confusion-matrix-chart.ts";
import { fairnessChart } from "../charts/fairness-chart.ts";
import { featureImportanceChart } from "../charts/feature-importance-chart.ts";
import { learningCurveChart } from "../charts/learning-curve-chart.ts";
import { partialDependenceChart } from "../charts/partial-dependence-chart.ts";
import { reasonCodesChart } from "../charts/reason-codes-chart.ts";
import { ruleText, treeRulesChart } from "../charts/tree-rules-chart.ts";
import type { VegaLiteSpec } from "../charts/vega-lite-spec.ts";
import { UnderstudyError } from "../core/errors.ts";
import { logger } from "../core/logger.ts";
import { DASH, int, num, pct, usd, value } from "./format.ts";
import type { ReportComputed } from "./report-computed.ts";
import { scorecardBlocks } from "./scorecard-blocks.ts";
import type { ReportInput, ReportScore, ReportSectionId } from "./report-input.ts";

/** One piece of a section; the HTML and Markdown writers render the same blocks. */
export type ReportBlock =
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "facts"; rows: [string, string][] }
  | { kind: "list"; items: string[] }
  | { kind: "table"; caption: string; columns: string[]; rows: string[][]; numeric?: boolean[] }
  | { kind: "chart"; spec: VegaLiteSpec; alt: string }
  | { kind: "notMeasured"; what: string; reason: string };

export interface ReportSection {
  id: ReportSectionId;
  title: string;
  /** False when the section's data were absent and it only says why. */
  measured: boolean;
  blocks: ReportBlock[];
}

const TITLES: Record<ReportSectionId, string> = {
  task: "Task and intended use",
  teacher: "Teacher",
  data: "Data and splits",
  features: "Features and lineage",
  model: "Model",
  performance: "Performance",
  calibration: "Calibration",
  fairness: "Fairness",
  explanations: "Global explanations",
  examples: "Example decisions",
  disagreements: "Disagreements worth a human review",
  cost: "Cost and tokens",
  limitations: "Limitations",
  reproducibility: "Reproducibility",
};

const DEFAULT_REASONS: Record<ReportSectionId, string> = {
  task: "no task was described",
  teacher: "no teacher was recorded",
  data: "no data summary was recorded",
  features: "no feature list was recorded",
  model: "no model was recorded",
  performance: "no held-out evaluation was recorded",
  calibration: "no probabilities were binned (regression, or no held-out rows)",
  fairness: "no protected or sensitive attribute was named",
  explanations: "no global explanation was computed",
  examples: "no example rows were explained",
  disagreements: "no disagreements were collected",
  cost: "no teacher calls were recorded",
  limitations: "none were recorded",
  reproducibility: "no run metadata was recorded",
};

/** The report as sections of blocks, in the fixed order of a model card. */
export function reportSections(input: ReportInput, computed: ReportComputed): ReportSection[] {
  const why = (id: ReportSectionId) => input.notMeasured?.[id] ?? DEFAULT_REASONS[id];
  const section = (id: ReportSectionId, blocks: ReportBlock[] | null): ReportSection =>
    blocks === null || blocks.length === 0
      ? { id, title: TITLES[id], measured: false, blocks: [{ kind: "notMeasured", what: TITLES[id], reason: why(id) }] }
      : { id, title: TITLES[id], measured: true, blocks };
  return [
    section("task", taskBlocks(input)),
    section("teacher", teacherBlocks(input)),
    section("data", dataBlocks(input)),
    section("features", featureBlocks(input)),
    section("model", modelBlocks(input)),
    section("performance", performanceBlocks(input, computed)),
    section("calibration", calibrationBlocks(input, computed)),
    section("fairness", fairnessBlocks(input)),
    section("explanations", explanationBlocks(input)),
    section("examples", exampleBlocks(input)),
    section("disagreements", disagreementBlocks(input)),
    section("cost", costBlocks(input, computed)),
    section("limitations", limitationBlocks(input, computed)),
    section("reproducibility", reproducibilityBlocks(input)),
  ];
}

function taskBlocks(input: ReportInput): ReportBlock[] {
  const t = input.task;
  const blocks: ReportBlock[] = [{
    kind: "facts",
    rows: [
      ["Task", t.description],
      ["Kind", t.kind ?? DASH],
      ["Labels", t.labels === undefined || t.labels.length === 0 ? DASH : t.labels.join(", ")],
      ["Intended use", t.intendedUse ?? "not stated"],
      ...(t.owner === undefined ? [] : [["Owner", t.owner] as [string, string]]),
    ],
  }];
  if (t.outOfScope !== undefined && t.outOfScope.length > 0) {
    blocks.push({ kind: "heading", text: "Not validated for" }, { kind: "list", items: t.outOfScope });
  }
  return blocks;
}

function teacherBlocks(input: ReportInput): ReportBlock[] | null {
  const t = input.teacher;
  if (t === undefined) return null;
  const blocks: ReportBlock[] = [{
    kind: "facts",
    rows: [
      ["Model", t.model],
      ["Provider", t.provider ?? DASH],
      ["Temperature", num(t.temperature)],
      ["First call", t.firstCall ?? DASH],
      ["Last call", t.lastCall ?? DASH],
      ...(t.note === undefined ? [] : [["Note", t.note] as [string, string]]),
    ],
  }];
  const prompts = Object.entries(t.promptVersions ?? {});
  blocks.push(
    prompts.length === 0
      ? { kind: "notMeasured", what: "Prompt versions", reason: "none were recorded" }
      : { kind: "table", caption: "Prompt versions", columns: ["Prompt", "Version"], rows: prompts.sort(([a], [b]) => a.localeCompare(b)) },
  );
  return blocks;
}

function dataBlocks(input: ReportInput): ReportBlock[] | null {
  const d = input.data;
  if (d === undefined) return null;
  const blocks: ReportBlock[] = [{ kind: "facts", rows: [["Source", d.source ?? DASH], ["Rows", int(d.rows)]] }];
  if (d.splits !== undefined && d.splits.length > 0) {
    blocks.push({
      kind: "table",
      caption: "Splits",
      columns: ["Split", "Rows", "Share", "Labelled by"],
      numeric: [false, true, true, false],
      rows: d.splits.map((s) => [s.name, int(s.rows), d.rows > 0 ? pct(s.rows / d.rows) : DASH, s.labelledBy ?? DASH]),
    });
  }
  if (d.columns !== undefined && d.columns.length > 0) {
    blocks.push({ kind: "table", caption: "Columns and their roles", columns: ["Column", "Role", "Why"], rows: d.columns.map((c) => [c.name, c.role, c.reason]) });
  }
  return blocks;
}

function featureBlocks(input: ReportInput): ReportBlock[] | null {
  const f = input.features;
  if (f === undefined || f.length === 0) return null;
  return [
    { kind: "paragraph", text: `${f.length} feature${f.length === 1 ? "" : "s"}, each fitted on training rows only.` },
    { kind: "table", caption: "Features", columns: ["Feature", "Kind", "Lineage"], rows: f.map((x) => [x.name, x.kind, x.lineage]) },
  ];
}

function modelBlocks(input: ReportInput): ReportBlock[] | null {
  const m = input.model;
  if (m === undefined) return null;
  const blocks: ReportBlock[] = [{ kind: "facts", rows: [["Type", m.type], ["Size", m.size ?? DASH]] }];
  const hyper = Object.entries(m.hyperparameters ?? {});
  if (hyper.length > 0) {
    blocks.push({ kind: "table", caption: "Hyperparameters", columns: ["Option", "Value"], rows: hyper.map(([k, v]) => [k, value(v)]) });
  }
  if (m.candidates !== undefined && m.candidates.length > 0) {
    blocks.push({
      kind: "table",
      caption: "Candidates compared on validation rows",
      columns: ["Candidate", "Metric", "Score", "Chosen", "Note"],
      numeric: [false, false, true, false, false],
      rows: m.candidates.map((c) => [c.type, c.metric, num(c.score), c.chosen ? "yes" : "", c.note ?? ""]),
    });
  }
  if (m.choiceReason !== undefined) blocks.push({ kind: "paragraph", text: `Why this model: ${m.choiceReason}` });
  blocks.push(...scorecardBlocks(m.scorecard));
  return blocks;
}

function performanceBlocks(input: ReportInput, computed: ReportComputed): ReportBlock[] | null {
  const p = input.performance;
  if (p === undefined) return null;
  const scoreRow = (against: string, measure: string, s: ReportScore | undefined, interval: [number, number] | null): string[] =>
    s === undefined
      ? [against, measure, "not measured", DASH, DASH, DASH, DASH]
      : [against, measure, pct(s.value), interval === null ? DASH : `${pct(interval[0])} – ${pct(interval[1])}`, int(s.rows), num(s.kappa), num(s.macroF1)];
  const blocks: ReportBlock[] = [{
    kind: "table",
    caption: "Held-out scores",
    columns: ["Against", "Measure", "Value", "95% interval", "Rows", "Kappa", "Macro F1"],
    numeric: [false, false, true, true, true, true, true],
    rows: [
      scoreRow("Teacher labels", "Agreement (fidelity)", p.vsTeacher, computed.vsTeacherInterval),
      scoreRow("Gold labels", "Accuracy", p.vsGold, computed.vsGoldInterval),
      ...(p.teacherVsGold === undefined ? [] : [scoreRow("Gold labels", "Teacher's own accuracy", p.teacherVsGold, null)]),
    ],
  }];
  if (p.vsGold === undefined) {
    blocks.push({ kind: "notMeasured", what: "Accuracy against gold labels", reason: input.notMeasured?.performance ?? "no gold labels were given" });
  }
  for (const [name, s, actual] of [["teacher", p.vsTeacher, "Teacher"], ["gold labels", p.vsGold, "Gold"]] as const) {
    const confusion = s?.confusion;
    if (confusion === undefined) continue;
    blocks.push(chartBlock(() => confusionMatrixChart(confusion, { title: `Confusion matrix against ${name}`, actualTitle: actual }), `Confusion matrix of the small model against ${name}.`));
    blocks.push({
      kind: "table",
      caption: `Confusion matrix against ${name} (rows: ${actual.toLowerCase()}, columns: small model)`,
      columns: ["", ...confusion.labels],
      numeric: [false, ...confusion.labels.map(() => true)],
      rows: confusion.matrix.map((row, i) => [confusion.labels[i]!, ...row.map(int)]),
    });
  }
  if (p.other !== undefined && p.other.length > 0) {
    blocks.push({ kind: "table", caption: "Other measures", columns: ["Measure", "Value", "Against"], numeric: [false, true, false], rows: p.other.map((o) => [o.name, num(o.value), o.against ?? DASH]) });
  }
  const curve = p.learningCurve;
  if (curve !== undefined && curve.length > 0) {
    blocks.push(
      chartBlock(() => learningCurveChart(curve), "Agreement with the teacher against teacher labels spent."),
      {
        kind: "table",
        caption: "Learning curve",
        columns: ["Series", "Teacher labels", "Agreement"],
        numeric: [false, true, true],
        rows: curve.map((q) => [q.series ?? "model", int(q.labels), pct(q.agreement)]),
      },
    );
  }
  if (p.cascade !== undefined && p.cascade.points.length > 0) {
    const c = p.cascade;
    blocks.push(
      chartBlock(
        () => cascadeFrontierChart(c.points, {
          ...(c.targetAccuracy === undefined ? {} : { targetAccuracy: c.targetAccuracy }),
          ...(c.costUnit === undefined ? {} : { costUnit: c.costUnit }),
        }),
        "Accuracy and cost against the share of rows sent to the LLM.",
      ),
      {
        kind: "table",
        caption: "Cascade operating points",
        columns: ["Sent to LLM", "Accuracy", "Cost", "Threshold"],
        numeric: [true, true, true, true],
        rows: [...c.points].sort((a, b) => a.shareToLLM - b.shareToLLM).map((q) => [pct(q.shareToLLM), pct(q.accuracy), num(q.cost), num(q.threshold)]),
      },
    );
  }
  return blocks;
}

function calibrationBlocks(input: ReportInput, computed: ReportComputed): ReportBlock[] | null {
  const c = input.calibration;
  if (c === undefined || c.bins.length === 0) return null;
  const against = c.against ?? "teacher";
  return [
    {
      kind: "facts",
      rows: [
        ["Probability of", c.positiveLabel ?? DASH],
        ["Observed share measured against", against],
        ["Expected calibration error", pct(computed.expectedCalibrationError ?? undefined, 2)],
        ["Brier score", num(c.brier)],
      ],
    },
    chartBlock(() => calibrationChart(c.bins, { observedTitle: `Observed share (${against})` }), "Reliability diagram: observed share against mean predicted probability."),
    {
      kind: "table",
      caption: "Calibration bins",
      columns: ["Mean predicted", "Observed", "Rows"],
      numeric: [true, true, true],
      rows: c.bins.map((b) => [pct(b.meanPredicted), pct(b.observed), int(b.count)]),
    },
  ];
}

function fairnessBlocks(input: ReportInput): ReportBlock[] | null {
  const all = input.fairness;
  if (all === undefined || all.length === 0) return null;
  const blocks: ReportBlock[] = [];
  for (const f of all) {
    const threshold = f.threshold ?? 0.8;
    const reference = f.referenceGroup === undefined
      ? [...f.groups].sort((a, b) => b.rate - a.rate)[0]
      : f.groups.find((g) => g.group === f.referenceGroup);
    blocks.push(
      { kind: "heading", text: `${f.outcome} by ${f.attribute}` },
      chartBlock(
        () => fairnessChart(f.groups, {
          outcome: f.outcome,
          attribute: f.attribute,
          threshold,
          ...(f.referenceGroup === undefined ? {} : { referenceGroup: f.referenceGroup }),
        }),
        `${f.outcome} per ${f.attribute} group with the ${threshold} disparate-impact line.`,
      ),
      {
        kind: "table",
        caption: `${f.outcome} by ${f.attribute} (reference: ${reference?.group ?? DASH})`,
        columns: ["Group", f.outcome, "Ratio to reference", "Rows", "Status"],
        numeric: [false, true, true, true, false],
        rows: f.groups.map((g) => {
          const ratio = reference !== undefined && reference.rate > 0 ? g.rate / reference.rate : undefined;
          return [g.group, pct(g.rate), num(ratio), int(g.count), ratio !== undefined && ratio < threshold ? `below ${threshold}` : "ok"];
        }),
      },
    );
  }
  return blocks;
}

function explanationBlocks(input: ReportInput): ReportBlock[] | null {
  const e = input.explanations;
  if (e === undefined) return null;
  const blocks: ReportBlock[] = [];
  const { importance, rules, coefficients, concepts, partialDependence } = e;
  if (importance !== undefined && importance.length > 0) {
    const measure = e.importanceMeasure ?? "Importance";
    const hasStd = importance.some((r) => r.std !== undefined);
    blocks.push(
      chartBlock(() => featureImportanceChart(importance, { measure }), `${measure} per feature.`),
      {
        kind: "table",
        caption: "Feature importance",
        columns: ["Feature", measure, ...(hasStd ? ["Std"] : [])],
        numeric: [false, true, true],
        rows: [...importance].sort((a, b) => Math.abs(b.importance) - Math.abs(a.importance))
          .map((r) => [r.feature, num(r.importance), ...(hasStd ? [num(r.std)] : [])]),
      },
    );
  }
  if (rules !== undefined && rules.length > 0) {
    blocks.push(
      chartBlock(() => treeRulesChart(rules), "The tree as if-then rules."),
      {
        kind: "table",
        caption: "Decision rules (one per leaf)",
        columns: ["If", "Then", "Training rows"],
        numeric: [false, false, true],
        rows: [...rules].sort((a, b) => b.samples - a.samples).map((r) => [ruleText(r.conditions), value(r.prediction), int(r.samples)]),
      },
    );
  }
  if (coefficients !== undefined && coefficients.length > 0) {
    const scale = e.coefficientScale ?? "standardized";
    blocks.push(
      chartBlock(() => coefficientsChart(coefficients, { scale }), "Model coefficients as diverging bars."),
      {
        kind: "table",
        caption: "Coefficients",
        columns: ["Feature", "Coefficient", ...(scale === "odds-ratio" ? ["Odds ratio"] : [])],
        numeric: [false, true, true],
        rows: [...coefficients].sort((a, b) => Math.abs(b.coefficient) - Math.abs(a.coefficient))
          .map((c) => [c.feature, num(c.coefficient), ...(scale === "odds-ratio" ? [num(Math.exp(c.coefficient))] : [])]),
      },
    );
  }
  for (const pd of partialDependence ?? []) {
    const output = e.partialDependenceOutput ?? "Model output";
    blocks.push(
      chartBlock(() => partialDependenceChart(pd, { output }), `${output} as ${pd.feature} varies, averaged over rows (partial dependence).`),
      {
        kind: "table",
        caption: `Partial dependence on ${pd.feature}`,
        columns: [pd.feature, `Average ${output}`],
        numeric: [true, true],
        rows: pd.grid.map((x, j) => [num(x), num(pd.average[j])]),
      },
    );
  }
  if (concepts !== undefined && concepts.length > 0) {
    blocks.push(
      chartBlock(() => conceptQualityChart(concepts), "Agreement of each concept detector with the LLM."),
      {
        kind: "table",
        caption: "Concept detectors",
        columns: ["Concept", "Agreement", "Majority baseline", "Rows"],
        numeric: [false, true, true, true],
        rows: concepts.map((c) => [c.concept, pct(c.agreement), pct(c.baseline), int(c.support)]),
      },
    );
  }
  return blocks;
}

function exampleBlocks(input: ReportInput): ReportBlock[] | null {
  const examples = input.examples;
  if (examples === undefined || examples.length === 0) return null;
  const blocks: ReportBlock[] = [];
  for (const ex of examples) {
    blocks.push(
      { kind: "heading", text: `Row ${ex.id}` },
      {
        kind: "facts",
        rows: [
          ["Prediction", value(ex.prediction)],
          ["Teacher", value(ex.teacherLabel)],
          ["Gold", value(ex.goldLabel)],
          ["Confidence", pct(ex.confidence)],
        ],
      },
      { kind: "table", caption: `Input of row ${ex.id}`, columns: ["Column", "Value"], rows: Object.entries(ex.input).map(([k, v]) => [k, value(v)]) },
    );
    const rc = ex.reasonCodes;
    if (rc === undefined) {
      blocks.push({ kind: "notMeasured", what: "Reason codes", reason: "this model type gave no per-feature contributions" });
      continue;
    }
    blocks.push(
      chartBlock(() => reasonCodesChart(rc, { top: 8 }), `Waterfall of the contributions for row ${ex.id}.`),
      {
        kind: "table",
        caption: `Reason codes for row ${ex.id} (${rc.output ?? "model output"}: baseline ${num(rc.baseline)}, prediction ${num(rc.prediction)})`,
        columns: ["Feature", "Value", "Contribution"],
        numeric: [false, false, true],
        rows: [...rc.contributions].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)).slice(0, 8)
          .map((c) => [c.feature, value(c.value ?? null), signed(c.contribution)]),
      },
    );
  }
  return blocks;
}

function disagreementBlocks(input: ReportInput): ReportBlock[] | null {
  const d = input.disagreements;
  if (d === undefined) return null;
  if (d.length === 0) return [{ kind: "paragraph", text: "No held-out row where the small model and the teacher disagree." }];
  const hasGold = d.some((r) => r.goldLabel !== undefined);
  return [
    { kind: "paragraph", text: `${d.length} row${d.length === 1 ? "" : "s"} to review, most confident disagreements first.` },
    {
      kind: "table",
      caption: "Disagreements",
      columns: ["Row", "Input", "Small model", "Teacher", ...(hasGold ? ["Gold"] : []), "Confidence", "Why review"],
      rows: [...d].sort((a, b) => (b.confidence ?? 0) - (a.confidence ?? 0)).map((r) => [
        r.id,
        r.input,
        value(r.prediction),
        value(r.teacherLabel),
        ...(hasGold ? [value(r.goldLabel)] : []),
        pct(r.confidence),
        r.reason ?? DASH,
      ]),
    },
  ];
}

function costBlocks(input: ReportInput, computed: ReportComputed): ReportBlock[] | null {
  const c = input.cost;
  if (c === undefined) return null;
  const budget = c.budget === undefined
    ? DASH
    : [c.budget.maxCalls === undefined ? "" : `${int(c.budget.maxCalls)} calls`, c.budget.maxUSD === undefined ? "" : usd(c.budget.maxUSD)].filter(Boolean).join(", ") || DASH;
  return [{
    kind: "facts",
    rows: [
      ["Teacher calls (paid)", int(c.teacherCalls)],
      ["Cache hits (free)", int(c.cacheHits)],
      ["Prompt tokens", int(c.promptTokens)],
      ["Completion tokens", int(c.completionTokens)],
      ["Total tokens", int(computed.totalTokens ?? undefined)],
      ["Cost", usd(c.costUSD)],
      ["Cost per call", usd(computed.costPerCallUSD ?? undefined)],
      ["Budget", budget],
      ["LLM cost per 1,000 more rows", usd(c.llmUSDPer1000Rows)],
      ["Small model cost at inference", "no LLM calls (runs in-process or as SQL)"],
    ],
  }];
}

function limitationBlocks(input: ReportInput, computed: ReportComputed): ReportBlock[] | null {
  const stated = input.limitations ?? [];
  const derived: string[] = [];
  if (input.performance?.vsGold === undefined) derived.push("Accuracy against gold labels was not measured: the small model is only shown to agree with the teacher, and inherits its mistakes.");
  if (input.fairness === undefined || input.fairness.length === 0) derived.push("Fairness across groups was not measured.");
  for (const f of computed.fairnessFlags) derived.push(`Group "${f.group}" of ${f.attribute} is below the disparate-impact threshold (ratio ${num(f.ratio)}).`);
  const vsTeacher = input.performance?.vsTeacher;
  if (vsTeacher !== undefined && vsTeacher.rows < 100) derived.push(`Agreement was measured on only ${int(vsTeacher.rows)} held-out rows; its interval is wide.`);
  if (stated.length === 0 && derived.length === 0) return null;
  return [
    ...(stated.length > 0 ? [{ kind: "list", items: stated } as ReportBlock] : []),
    ...(derived.length > 0 ? [{ kind: "heading", text: "Found while writing this report" } as ReportBlock, { kind: "list", items: derived } as ReportBlock] : []),
  ];
}

function reproducibilityBlocks(input: ReportInput): ReportBlock[] | null {
  const r = input.reproducibility;
  if (r === undefined) return null;
  const blocks: ReportBlock[] = [{
    kind: "facts",
    rows: [
      ["Seed", r.seed === undefined ? DASH : String(r.seed)],
      ["Runtime", r.runtime ?? DASH],
      ["Data hash", r.dataHash ?? DASH],
      ["Model hash", r.modelHash ?? DASH],
      ["Command", r.command ?? DASH],
      ["Report time", input.generatedAt ?? DASH],
    ],
  }];
  const versions = Object.entries(r.packageVersions ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (versions.length > 0) blocks.push({ kind: "table", caption: "Package versions", columns: ["Package", "Version"], rows: versions });
  return blocks;
}

function signed(x: number): string {
  const s = num(x);
  return x > 0 ? `+${s}` : s;
}

// A chart whose data a builder rejects (say, a NaN rate) must not sink the whole audit: the
// section keeps its table and says why the chart is missing; the logger gets a warning.
function chartBlock(build: () => VegaLiteSpec, alt: string): ReportBlock {
  try {
    return { kind: "chart", spec: build(), alt };
  } catch (error) {
    if (!(error instanceof UnderstudyError)) throw error;
    logger().warn(`report: chart left out (${error.message})`);
    return { kind: "notMeasured", what: `Chart (${alt.replace(/\.$/, "")})`, reason: `not drawn, ${error.message}` };
  }
}
