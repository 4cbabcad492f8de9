import { calibrationChart } from "../charts/calibration-chart.ts";
import { cascadeFrontierChart } from "../charts/cascade-frontier-chart.ts";
import { coefficientsChart } from "../charts/coefficients-chart.ts";
import { shapeFunctionChart } from "../charts/shape-function-chart.ts";
import { conceptQualityChart } from "../charts/concept-quality-chart.ts";
import { confusionMatrixChart } from "../charts/confusion-matrix-chart.ts";
import { fairnessChart } from "../charts/fairness-chart.ts";
import { featureImportanceChart } from "../charts/feature-importance-chart.ts";
import { learningCurveChart } from "../charts/learning-curve-chart.ts";
import { partialDependenceChart } from "../charts/partial-dependence-chart.ts";
import { reasonCodesChart } from "../charts/reason-codes-chart.ts";
import { ruleText, treeRulesChart } from "../charts/tree-rules-chart.ts";
import type { CascadeFrontierPoint } from "../charts/cascade-frontier-chart.ts";
import { DASH, int, num, pct, rowsText, usd, value } from "./format.ts";
import type { ReportComputed } from "./report-computed.ts";
import type { ReportBlock, ReportSection } from "./report-block.ts";
import { chartBlock } from "./chart-block.ts";
import { decisionBlocks } from "./decision-section.ts";
import { driftBlocks } from "./drift-section.ts";
import { modelBlocks } from "./model-section.ts";
import { scorecardSectionBlocks } from "./scorecard-section.ts";
import type { ReportInput, ReportScore, ReportSectionId } from "./report-input.ts";
import { validationBlocks, validationCardLines } from "./validation-section.ts";

export type { ReportBlock, ReportSection } from "./report-block.ts";

const TITLES: Record<ReportSectionId, string> = {
  summary: "Summary, warnings and how to reproduce",
  card: "Model card",
  task: "Task and intended use",
  teacher: "Teacher",
  data: "Data and splits",
  features: "Features and lineage",
  model: "Model",
  decision: "Decision rule",
  scorecard: "Scorecard",
  performance: "Performance",
  calibration: "Calibration",
  fairness: "Fairness",
  validation: "Validation metrics and fairness detail",
  explanations: "Global explanations",
  examples: "Example decisions",
  disagreements: "Disagreements worth a human review",
  cost: "Cost and tokens",
  drift: "Drift of rows from use",
  limitations: "Limitations",
  reproducibility: "Reproducibility",
};

const DEFAULT_REASONS: Record<ReportSectionId, string> = {
  summary: "nothing was recorded",
  card: "nothing was recorded",
  task: "no task was described",
  teacher: "no teacher was recorded",
  data: "no data summary was recorded",
  features: "no feature list was recorded",
  model: "no model was recorded",
  decision: "a decision rule applies to classifiers",
  scorecard: "a scorecard needs a binary logistic or additive model over table columns",
  performance: "no held-out evaluation was recorded",
  calibration: "no probabilities were binned (regression, or no held-out rows)",
  fairness: "no protected or sensitive attribute was named",
  validation: "no ranking metric, fairness detail or proxy was measured (regression, no probabilities, or no sensitive column)",
  explanations: "no global explanation was computed",
  examples: "no example rows were explained",
  disagreements: "no disagreements were collected",
  cost: "no teacher calls were recorded",
  drift: "no rows from use were scored (pass monitor: u.monitor(rows) to u.report)",
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
    section("summary", summaryBlocks(input, computed)),
    section("card", cardBlocks(input, computed)),
    section("task", taskBlocks(input)),
    section("teacher", teacherBlocks(input)),
    section("data", dataBlocks(input)),
    section("features", featureBlocks(input)),
    section("model", modelBlocks(input.model, input.explanations?.monotone)),
    section("decision", decisionBlocks(input.decision)),
    section("scorecard", scorecardSectionBlocks(input.scorecard)),
    section("performance", performanceBlocks(input, computed)),
    section("calibration", calibrationBlocks(input, computed)),
    section("fairness", fairnessBlocks(input)),
    section("validation", validationBlocks(input.validation)),
    section("explanations", explanationBlocks(input)),
    section("examples", exampleBlocks(input)),
    section("disagreements", disagreementBlocks(input)),
    section("cost", costBlocks(input, computed)),
    section("drift", driftBlocks(input.monitoring)),
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
  if (d.missingCells !== undefined) {
    blocks.push(d.missingCells.length === 0
      ? { kind: "paragraph", text: `No missing cells in any input column (all rows, n = ${int(d.rows)}).` }
      : {
        kind: "table", caption: `Missing cells per input column (all rows, n = ${int(d.rows)})`, columns: ["Column", "Missing cells", "Share"], numeric: [false, true, true],
        rows: [...d.missingCells].sort((a, b) => b.count - a.count).map((c) => [c.column, int(c.count), d.rows > 0 ? pct(c.count / d.rows) : DASH]),
      });
  }
  const dup = d.duplicates;
  if (dup !== undefined) {
    blocks.push({
      kind: "paragraph",
      text: dup.rows === 0
        ? `No row repeats another on every input column (all rows, n = ${int(d.rows)}).`
        : `${int(dup.rows)} row${dup.rows === 1 ? "" : "s"} repeat another on every input column (${int(dup.sets)} distinct row${dup.sets === 1 ? "" : "s"} with copies; all rows, n = ${int(d.rows)})${dup.acrossParts === undefined ? "; each row's copies sit in one part, so held-out figures do not reward memorizing them" : `; ${int(dup.acrossParts)} held-out copies of a training row (out of time)`}.`,
    });
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

function performanceBlocks(input: ReportInput, computed: ReportComputed): ReportBlock[] | null {
  const p = input.performance;
  if (p === undefined) return null;
  const regression = input.task.kind === "regression";
  const blocks: ReportBlock[] = [];
  if (!regression) {
    const scoreRow = (against: string, measure: string, s: ReportScore | undefined, interval: [number, number] | null): string[] =>
      s === undefined
        ? [against, measure, "not measured", DASH, DASH, DASH, DASH]
        : [against, measure, pct(s.value), interval === null ? DASH : `${pct(interval[0])} – ${pct(interval[1])}`, rowsText(s.on, s.rows), num(s.kappa), num(s.macroF1)];
    blocks.push({
      kind: "table",
      caption: "Held-out scores",
      columns: ["Against", "Measure", "Value", "95% interval", "Rows", "Kappa", "Macro F1"],
      numeric: [false, false, true, true, false, true, true],
      rows: [
        scoreRow("Teacher labels", "Agreement (fidelity)", p.vsTeacher, computed.vsTeacherInterval),
        scoreRow("Gold labels", "Accuracy", p.vsGold, computed.vsGoldInterval),
        ...(p.teacherVsGold === undefined ? [] : [scoreRow("Gold labels", "Teacher's own accuracy", p.teacherVsGold, null)]),
      ],
    });
    if (p.vsGold === undefined) {
      blocks.push({ kind: "notMeasured", what: "Accuracy against gold labels", reason: input.notMeasured?.performance ?? "no gold labels were given" });
    }
    for (const note of [p.vsTeacher?.note, p.vsGold?.note]) if (note !== undefined) blocks.push({ kind: "paragraph", text: note });
  }
  for (const [name, s, actual] of [["teacher", p.vsTeacher, "Teacher"], ["gold labels", p.vsGold, "Gold"]] as const) {
    const confusion = s?.confusion;
    if (confusion === undefined || s === undefined) continue;
    const rows = rowsText(s.on, s.rows);
    blocks.push(chartBlock(() => confusionMatrixChart(confusion, { title: `Confusion matrix against ${name}`, subtitle: `${rows}; rows: ${actual.toLowerCase()}, columns: small model`, actualTitle: actual }), `Confusion matrix of the small model against ${name} (${rows}).`));
    blocks.push({
      kind: "table",
      caption: `Confusion matrix against ${name} (${rows}; rows: ${actual.toLowerCase()}, columns: small model)`,
      columns: ["", ...confusion.labels],
      numeric: [false, ...confusion.labels.map(() => true)],
      rows: confusion.matrix.map((row, i) => [confusion.labels[i]!, ...row.map(int)]),
    });
  }
  if (p.other !== undefined && p.other.length > 0) {
    blocks.push({
      kind: "table", caption: regression ? "Held-out scores" : "Other measures", columns: ["Measure", "Value", "Against", "Rows"], numeric: [false, true, false, false],
      rows: p.other.map((o) => [o.name, num(o.value), o.against ?? DASH, rowsText(o.on, o.rows)]),
    });
  }
  const curve = p.learningCurve;
  if (curve !== undefined && curve.length > 0) {
    blocks.push(
      chartBlock(() => learningCurveChart(curve, { subtitle: "validation rows" }), "Validation agreement with the teacher against teacher labels spent (validation rows).", true),
      {
        kind: "table",
        caption: "Learning curve (validation rows)",
        columns: ["Series", "Teacher labels", "Agreement"],
        numeric: [false, true, true],
        rows: curve.map((q) => [q.series ?? "model", int(q.labels), pct(q.agreement)]),
      },
    );
  }
  if (p.cascade !== undefined && p.cascade.points.length > 0) blocks.push(...cascadeBlocks(p.cascade));
  return blocks;
}

function cascadeBlocks(c: NonNullable<NonNullable<ReportInput["performance"]>["cascade"]>): ReportBlock[] {
  const on = rowsText(c.pointsOn ?? "validation");
  const measure = c.measure ?? "accuracy";
  const blocks: ReportBlock[] = [];
  if (c.chosen !== undefined) {
    const t = c.chosen.test;
    blocks.push({
      kind: "facts",
      rows: [
        ["Cascade threshold", c.chosen.met && c.chosen.threshold !== undefined
          ? `${num(c.chosen.threshold)}, chosen on out-of-fold rows for ${pct(c.chosen.target)} agreement with the teacher`
          : `none: no threshold kept ${pct(c.chosen.target)} agreement with the teacher on out-of-fold rows, so every row goes to the teacher`],
        [`On ${rowsText("test", t.n)}`, `the small model answers ${pct(t.coverage)}; the combined answers agree with the teacher on ${pct(t.agreement)}${t.accuracy === undefined ? "" : ` and match gold on ${pct(t.accuracy)}`}`],
      ],
    });
  }
  const hasCost = c.points.some((q) => q.cost !== undefined);
  const sorted = [...c.points].sort((a, b) => a.shareToLLM - b.shareToLLM);
  const row = (q: CascadeFrontierPoint) => [pct(q.shareToLLM), pct(q.accuracy), ...(hasCost ? [usd(q.cost)] : []), num(q.threshold)];
  const columns = ["Sent to LLM", "Accuracy", ...(hasCost ? [`Cost (${c.costUnit ?? "USD per 1,000 rows"})`] : []), "Threshold"];
  // Hundreds of thresholds differ by one row each: the open table keeps the first point at each 5% step.
  const steps = sorted.filter((q, i) => i === 0 || Math.floor(q.shareToLLM * 20 + 1e-9) > Math.floor(sorted[i - 1]!.shareToLLM * 20 + 1e-9));
  blocks.push(
    chartBlock(
      () => cascadeFrontierChart(c.points, {
        subtitle: `${on}; ${measure}${hasCost ? " (solid, left) and cost (dashed, right)" : ""}`,
        ...(c.targetAccuracy === undefined ? {} : { targetAccuracy: c.targetAccuracy }),
        ...(c.costUnit === undefined ? {} : { costUnit: c.costUnit }),
      }),
      `Cascade: ${measure} against the share of rows sent to the LLM (${on}).`,
    ),
    {
      kind: "table",
      caption: `Cascade operating points (${on}; ${measure})${steps.length < sorted.length ? `: the first at each 5% of rows sent, ${steps.length} of ${sorted.length}` : ""}`,
      columns,
      numeric: [true, true, true, true],
      rows: steps.map(row),
    },
  );
  if (steps.length < sorted.length) {
    blocks.push({ kind: "table", caption: `All ${sorted.length} cascade operating points (${on})`, columns, numeric: [true, true, true, true], rows: sorted.map(row), folded: true });
  }
  return blocks;
}

function calibrationBlocks(input: ReportInput, computed: ReportComputed): ReportBlock[] | null {
  const c = input.calibration;
  if (c === undefined || c.bins.length === 0) return null;
  const against = c.against ?? "teacher";
  const rows = rowsText(c.on, c.rows ?? c.bins.reduce((s, b) => s + b.count, 0));
  return [
    {
      kind: "facts",
      rows: [
        ["Rows", rows],
        ["Probability of", c.positiveLabel ?? DASH],
        ["Observed share measured against", against],
        ["Expected calibration error", pct(computed.expectedCalibrationError ?? undefined, 2)],
        ["Brier score", num(c.brier)],
      ],
    },
    chartBlock(
      () => calibrationChart(c.bins, { observedTitle: `Observed share (${against})`, subtitle: `${rows}; probability of ${c.positiveLabel ?? "the class"}; on the dashed diagonal: perfectly calibrated` }),
      `Reliability diagram: observed share against mean predicted probability (${rows}).`,
    ),
    {
      kind: "table",
      caption: `Calibration bins (${rows})`,
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
    const on = rowsText(f.on, f.groups.reduce((s, g) => s + (g.count ?? 0), 0) || undefined);
    blocks.push(
      { kind: "heading", text: `${f.outcome} by ${f.attribute} (${on})` },
      chartBlock(
        () => fairnessChart(f.groups, {
          outcome: f.outcome,
          attribute: f.attribute,
          threshold,
          ...(f.referenceGroup === undefined ? {} : { referenceGroup: f.referenceGroup }),
        }),
        `${f.outcome} per ${f.attribute} group with the ${threshold} disparate-impact line (${on}).`,
      ),
      {
        kind: "table",
        caption: `${f.outcome} by ${f.attribute} (${on}; reference: ${reference?.group ?? DASH})`,
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

/** EBM shape charts drawn open in the report; the others are folded (the report keeps at most a dozen charts open). */
const SHAPES_OPEN = 3;

function explanationBlocks(input: ReportInput): ReportBlock[] | null {
  const e = input.explanations;
  if (e === undefined) return null;
  const blocks: ReportBlock[] = [];
  const { importance, rules, coefficients, concepts, partialDependence } = e;
  if (importance !== undefined && importance.length > 0) {
    const measure = e.importanceMeasure ?? "Importance";
    const on = e.importanceRows === undefined ? "" : ` (${e.importanceRows})`;
    const hasStd = importance.some((r) => r.std !== undefined);
    blocks.push(
      chartBlock(() => featureImportanceChart(importance, { measure, title: `Feature importance${on}` }), `${measure} per feature${on}.`),
      {
        kind: "table",
        caption: `Feature importance${on}`,
        columns: ["Feature", measure, ...(hasStd ? ["Std"] : [])],
        numeric: [false, true, true],
        rows: [...importance].sort((a, b) => Math.abs(b.importance) - Math.abs(a.importance))
          .map((r) => [r.feature, num(r.importance), ...(hasStd ? [num(r.std)] : [])]),
      },
    );
  }
  if (rules !== undefined && rules.length > 0) {
    blocks.push(
      chartBlock(() => treeRulesChart(rules), "The tree as if-then rules (training rows per leaf)."),
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
    const of = e.coefficientOutput === undefined ? "" : `${e.coefficientOutput}; `;
    blocks.push(
      chartBlock(() => coefficientsChart(coefficients, { scale, subtitle: `${of}fitted on training rows` }), `Model coefficients as diverging bars (${of}fitted on training rows).`),
      {
        kind: "table",
        caption: `Coefficients (${of}fitted on training rows)`,
        columns: ["Feature", "Coefficient", ...(scale === "odds-ratio" ? ["Odds ratio"] : [])],
        numeric: [false, true, true],
        rows: [...coefficients].sort((a, b) => Math.abs(b.coefficient) - Math.abs(a.coefficient))
          .map((c) => [c.feature, num(c.coefficient), ...(scale === "odds-ratio" ? [num(Math.exp(c.coefficient))] : [])]),
      },
    );
  }
  // EBM shape functions: the three terms that move the output most drawn open, the rest in a closed section.
  for (const [i, shape] of (e.shapes ?? []).entries()) {
    blocks.push(chartBlock(
      () => shapeFunctionChart(shape),
      `Shape function of ${shape.term}: what it adds to the ${shape.output} over its bins (fitted on training rows).`,
      i >= SHAPES_OPEN,
    ));
  }
  for (const [i, pd] of (partialDependence ?? []).entries()) {
    const output = e.partialDependenceOutput ?? "Model output";
    const on = rowsText("test", pd.ice?.length);
    blocks.push(
      chartBlock(
        () => partialDependenceChart(pd, { output, subtitle: `${on}: average (dark) and each row (light)` }),
        `${output} as ${pd.feature} varies, averaged over ${on} (partial dependence).`,
        i > 0,
      ),
      {
        kind: "table",
        caption: `Partial dependence of ${output} on ${pd.feature} (${on})`,
        columns: [pd.feature, `Average ${output}`],
        numeric: [true, true],
        rows: pd.grid.map((x, j) => [num(x), num(pd.average[j])]),
      },
    );
  }
  if (concepts !== undefined && concepts.length > 0) {
    blocks.push(
      chartBlock(() => conceptQualityChart(concepts, { title: "Concept detectors (held-out rows)" }), "Agreement of each concept detector with the LLM (held-out rows).", true),
      {
        kind: "table",
        caption: "Concept detectors (held-out rows)",
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
  const blocks: ReportBlock[] = [{ kind: "paragraph", text: `${examples.length} held-out test row${examples.length === 1 ? "" : "s"}, explained one by one.` }];
  for (const [i, ex] of examples.entries()) {
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
      chartBlock(() => reasonCodesChart(rc, { top: 8, title: `Reason codes for test row ${ex.id}` }), `Waterfall of the contributions to ${rc.output ?? "the model output"} for test row ${ex.id}.`, i > 0),
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
    { kind: "paragraph", text: `${d.length} held-out test row${d.length === 1 ? "" : "s"} to review, most confident disagreements first.` },
    {
      kind: "table",
      caption: "Disagreements (test rows)",
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
  const derived = derivedLimitations(input, computed);
  if (stated.length === 0 && derived.length === 0) return null;
  return [
    ...(stated.length > 0 ? [{ kind: "list", items: stated } as ReportBlock] : []),
    ...(derived.length > 0 ? [{ kind: "heading", text: "Found while writing this report" } as ReportBlock, { kind: "list", items: derived } as ReportBlock] : []),
  ];
}

/** Limitations the report finds in its own input. */
function derivedLimitations(input: ReportInput, computed: ReportComputed): string[] {
  const derived: string[] = [];
  const regression = input.task.kind === "regression";
  const goldMeasured = regression ? (input.performance?.other ?? []).some((o) => o.reference === "gold" && o.of !== "teacher") : input.performance?.vsGold !== undefined;
  if (!goldMeasured) derived.push(`${regression ? "Error against gold values" : "Accuracy against gold labels"} was not measured: the small model is only shown to agree with the teacher, and inherits its mistakes.`);
  if (input.fairness === undefined || input.fairness.length === 0) derived.push("Fairness across groups was not measured.");
  for (const f of computed.fairnessFlags) derived.push(`Group "${f.group}" of ${f.attribute} is below the disparate-impact threshold (ratio ${num(f.ratio)}).`);
  const vsTeacher = input.performance?.vsTeacher;
  if (vsTeacher !== undefined && vsTeacher.rows < 100) derived.push(`Agreement was measured on only ${int(vsTeacher.rows)} held-out rows; its interval is wide.`);
  return derived;
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
      ["Call", r.call ?? DASH],
      ["Command", r.command ?? DASH],
      ["Data file", r.dataFile === undefined ? DASH : `${r.dataFile.name} (SHA-256 ${r.dataFile.sha256})`],
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

/** One headline figure: what, the value, and the rows it comes from. */
export interface HeadlineFigure {
  label: string;
  value: string;
  rows: string;
}

/**
 * The report's headline: held-out test figures only (the cascade's too, at the threshold chosen
 * on out-of-fold predictions), each with the rows it comes from.
 *
 * @example
 * headlineFigures(input, computeReport(input))[0]; // { label: "Agreement with the teacher", value: "96.0%", rows: "test rows, n = 400" }
 */
export function headlineFigures(input: ReportInput, computed: ReportComputed): HeadlineFigure[] {
  const p = input.performance;
  const figures: HeadlineFigure[] = [];
  if (input.task.kind === "regression") {
    for (const o of (p?.other ?? []).filter((x) => x.name === "R²" && x.of !== "teacher")) {
      figures.push({ label: `R² against ${o.against ?? "the reference"}`, value: num(o.value), rows: rowsText(o.on, o.rows) });
    }
  } else {
    const score = (label: string, s: ReportScore | undefined, interval: [number, number] | null, why: string) =>
      figures.push(s === undefined
        ? { label, value: "not measured", rows: why }
        : { label, value: pct(s.value), rows: `${rowsText(s.on, s.rows)}${interval === null ? "" : `; 95% interval ${pct(interval[0])} – ${pct(interval[1])}`}${s.note === undefined ? "" : `; ${s.note}`}` });
    score("Agreement with the teacher", p?.vsTeacher, computed.vsTeacherInterval, "no held-out rows");
    score("Accuracy against gold labels", p?.vsGold, computed.vsGoldInterval, input.notMeasured?.performance ?? "no gold labels were given");
  }
  const chosen = p?.cascade?.chosen;
  if (chosen !== undefined) {
    figures.push({
      label: "Cascade: answered by the small model",
      value: pct(chosen.test.coverage),
      rows: `${rowsText("test", chosen.test.n)}; agreement with the teacher ${pct(chosen.test.agreement)}${chosen.test.accuracy === undefined ? "" : `, accuracy ${pct(chosen.test.accuracy)}`} ${chosen.met && chosen.threshold !== undefined ? `at threshold ${num(chosen.threshold)}` : `(no threshold kept ${pct(chosen.target)} agreement on out-of-fold rows: the teacher answers every row)`}`,
    });
  }
  return figures;
}

function summaryBlocks(input: ReportInput, computed: ReportComputed): ReportBlock[] {
  const r = input.reproducibility;
  const figures = headlineFigures(input, computed);
  const warnings = input.warnings ?? [];
  return [
    ...(figures.length === 0 ? [] : [{
      kind: "table", caption: "Headline figures (held-out test rows)", columns: ["Figure", "Value", "Rows"], numeric: [false, true, false],
      rows: figures.map((f) => [f.label, f.value, f.rows]),
    } as ReportBlock]),
    {
      kind: "facts",
      rows: [
        ["Model", input.model?.type ?? "not recorded"],
        ...(input.task.kind === "regression" ? [] : [["Explained class", positiveClass(input) ?? DASH] as [string, string]]),
      ],
    },
    { kind: "heading", text: `Warnings of this run (${warnings.length})` },
    warnings.length === 0 ? { kind: "paragraph", text: "The run raised no warnings." } : { kind: "list", items: warnings },
    { kind: "heading", text: "Reproduce this run" },
    {
      kind: "facts",
      rows: [
        ["Call", r?.call ?? "not recorded"],
        ...(r?.command === undefined ? [] : [["Command", r.command] as [string, string]]),
        ["Data file", r?.dataFile === undefined ? "none: the rows were passed in memory" : `${r.dataFile.name} (SHA-256 ${r.dataFile.sha256})`],
        ["Seed", r?.seed === undefined ? DASH : String(r.seed)],
      ],
    },
  ];
}

/** The class explanations are about: `positive`, else the first label as the caller gave them. */
function positiveClass(input: ReportInput): string | undefined {
  return input.task.positive ?? input.task.labels?.[0];
}

/** PSI bands of the monitoring plan (industry convention for population stability). */
const PSI_WATCH = 0.1;
const PSI_ACT = 0.25;

// A model card in the shape SR 11-7 asks for: short, and each part says what was measured or why not.
function cardBlocks(input: ReportInput, computed: ReportComputed): ReportBlock[] {
  const t = input.task;
  const d = input.data;
  const p = input.performance;
  const validation: string[] = [];
  for (const f of headlineFigures(input, computed)) if (f.value !== "not measured") validation.push(`${f.label}: ${f.value} (${f.rows})`);
  if (input.model?.candidates?.length) validation.push(`${input.model.candidates.length} candidate models compared before the choice`);
  if (input.calibration !== undefined) validation.push(`calibration (${rowsText(input.calibration.on, input.calibration.rows ?? input.calibration.bins.reduce((s, b) => s + b.count, 0))}): expected calibration error ${pct(computed.expectedCalibrationError ?? undefined, 2)}`);
  for (const f of input.fairness ?? []) validation.push(`fairness: ${f.outcome} by ${f.attribute} (${f.groups.length} groups)`);
  validation.push(...validationCardLines(input.validation));
  const limitations = [...(input.limitations ?? []), ...derivedLimitations(input, computed)];
  const m = input.monitoring;
  const worst = m === undefined ? undefined : [...m.columns].sort((a, b) => b.psi - a.psi)[0];
  const plan = `Compute the PSI of every input column and of the prediction on rows from use against the training rows (u.monitor(rows), or understudy monitor): below ${PSI_WATCH} stable; ${PSI_WATCH} to ${PSI_ACT} watch; above ${PSI_ACT} act (re-validate, re-distill).`;
  return [{
    kind: "facts",
    rows: [
      ["Purpose and intended use", `${t.description} ${t.intendedUse === undefined ? "Intended use: not stated (pass intendedUse to distill)." : `Intended use: ${t.intendedUse}`}`],
      ["Out-of-scope uses", t.outOfScope?.length ? t.outOfScope.join("; ") : "not stated by the owner; at least: data from another source or period than the training rows, and decisions without human review, were not validated."],
      ["Data and its limits", d === undefined ? "not measured: no data summary was recorded." : dataLimits(input)],
      ["Validation performed", validation.length === 0 ? "not measured: no held-out evaluation was recorded." : `${validation.join("; ")}.`],
      ["Known limitations", limitations.length === 0 ? "none recorded." : `${limitations.length}, listed under Limitations; first: ${limitations[0]}`],
      ["Monitoring plan", m === undefined || worst === undefined
        ? `${plan} Not measured yet: no rows from use were scored.`
        : `${plan} Last check on ${int(m.rows)} rows: largest column PSI ${num(worst.psi)} (${worst.column})${m.predictionPsi === undefined ? "" : `, prediction PSI ${num(m.predictionPsi)}`}.`],
    ],
  }];
  function dataLimits(x: ReportInput): string {
    const splits = x.data!.splits ?? [];
    const parts = splits.map((s) => `${s.name} ${int(s.rows)}`).join(", ");
    const test = p?.vsTeacher?.rows ?? p?.other?.[0]?.rows;
    return `${int(x.data!.rows)} rows${x.data!.source === undefined ? "" : ` from ${x.data!.source}`}${parts === "" ? "" : ` (${parts})`}; held-out figures rest on ${test === undefined ? "an unrecorded number of" : int(test)} test rows drawn from the same data, so they say nothing about data from elsewhere or later.`;
  }
}
