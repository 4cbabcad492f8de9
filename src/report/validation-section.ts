import type { BinaryValidation } from "../evaluate/binary-validation.ts";
import type { BootstrapInterval } from "../evaluate/bootstrap-intervals.ts";
import type { AgreementDifference, RunnerUpComparison } from "../evaluate/paired-difference.ts";
import type { AttributeFairness } from "../evaluate/group-fairness.ts";
import { DASH, int, num, pct, rowsText } from "./format.ts";
import type { ReportBlock } from "./report-block.ts";
import type { ReportValidation } from "./report-input.ts";


const MEASURE = { cramersV: "Cramér's V", correlationRatio: "correlation ratio η" } as const;

/**
 * The validation section: discrimination and calibration by decile of a binary classifier with
 * bootstrap intervals, selection rates and impact ratios per sensitive attribute and
 * intersection, and the feature columns that may stand in for a sensitive attribute.
 *
 * @example
 * validationBlocks({ binary: [u.metrics.binary.blocks[0]] })?.[0]; // { kind: "heading", text: "Ranking and calibration against gold (test rows, n = 120)" }
 */
export function validationBlocks(v: ReportValidation | undefined): ReportBlock[] | null {
  if (v === undefined) return null;
  const blocks: ReportBlock[] = [];
  for (const b of v.binary ?? []) blocks.push(...binaryBlocks(b));
  if (v.binary?.length && v.runnerUp) blocks.push(runnerUpBlock(v.runnerUp));
  if (v.useSensitiveAsFeature !== undefined) {
    blocks.push({
      kind: "paragraph",
      text: v.useSensitiveAsFeature
        ? "useSensitiveAsFeature: true: the sensitive columns are features of this model, so its decisions may use them directly."
        : "The sensitive columns are not features of this model: they are only used to measure outcomes by group.",
    });
  }
  if (v.fairness) for (const a of v.fairness.byAttribute) blocks.push(...attributeBlocks(a, v.fairness));
  if (v.proxies) blocks.push(...proxyBlocks(v.proxies));
  return blocks;
}

/**
 * The validation section in the model card's "Validation performed": AUC and KS with their
 * intervals and rows, and the likely proxies.
 *
 * @example
 * validationCardLines(input.validation); // ["AUC 0.97 (95% interval 0.94 – 0.99), KS 0.81 against gold labels (test rows, n = 120)", ...]
 */
export function validationCardLines(v: ReportValidation | undefined): string[] {
  const lines = (v?.binary ?? []).map((b) =>
    `AUC ${num(b.auc)} (95% interval ${interval(b.intervals.auc, num)}), KS ${num(b.ks)}, PR-AUC ${num(b.prAuc)} against ${b.against} labels (${rowsText(b.rows, b.n)})`);
  const proxies = (v?.proxies?.associations ?? []).filter((a) => a.proxy);
  if (v?.proxies) lines.push(proxies.length ? `likely proxies of sensitive attributes: ${proxies.map((a) => `${a.feature} for ${a.attribute}`).join(", ")}` : "no feature column is a likely proxy of a sensitive attribute");
  return lines;
}

function interval(ci: BootstrapInterval | undefined, format: (x: number) => string): string {
  return ci === undefined || !Number.isFinite(ci.low) ? DASH : `${format(ci.low)} – ${format(ci.high)}`;
}

function binaryBlocks(b: BinaryValidation): ReportBlock[] {
  const on = rowsText(b.rows, b.n);
  const resamples = b.intervals.auc.resamples;
  const row = (name: string, value: number, ci: BootstrapInterval, format: (x: number) => string) => [name, format(value), interval(ci, format)];
  return [
    { kind: "heading", text: `Ranking and calibration of P(${b.positive}) against ${b.against} labels (${on})` },
    {
      kind: "table",
      caption: `Discrimination against ${b.against} labels (${on}; prevalence of ${b.positive} ${pct(b.prevalence)}; 95% bootstrap intervals, ${int(resamples)} seeded resamples)`,
      columns: ["Metric", "Value", "95% interval"],
      numeric: [false, true, true],
      rows: [
        row("AUC", b.auc, b.intervals.auc, num),
        row("Gini (2·AUC − 1)", b.gini, b.intervals.gini, num),
        row("KS statistic", b.ks, b.intervals.ks, num),
        row("PR-AUC (average precision)", b.prAuc, b.intervals.prAuc, num),
        row(b.against === "gold" ? "Accuracy" : "Agreement", b.agreement, b.intervals.agreement, (x) => pct(x)),
      ],
    },
    {
      kind: "table",
      caption: `Calibration by decile of P(${b.positive}) against ${b.against} labels (${on})`,
      columns: ["Decile", "P from", "P to", "Mean predicted", "Observed rate", "Rows"],
      numeric: [true, true, true, true, true, true],
      rows: b.calibrationByDecile.map((d) => [String(d.band), num(d.scoreFrom), num(d.scoreTo), pct(d.meanPredicted), pct(d.observedRate), int(d.n)]),
    },
  ];
}

/** The chosen model against the runner-up family: each one's agreement and the difference with its paired interval, per reference labels. */
function runnerUpBlock(r: RunnerUpComparison): ReportBlock {
  if (!r.measured) return { kind: "notMeasured", what: "Difference from the runner-up model (95% interval)", reason: r.reason };
  const row = (d: AgreementDifference) => [
    `${d.against === "gold" ? "Accuracy against gold" : "Agreement with the teacher"} (${rowsText(d.rows, d.n)})`,
    pct(d.chosen), pct(d.runnerUp), signedPoints(d.difference), `${signedPoints(d.interval[0])} – ${signedPoints(d.interval[1])}`,
  ];
  return {
    kind: "table",
    caption: `Chosen model minus the runner-up, ${r.type} (refit on the same labelled rows; paired 95% bootstrap intervals, ${int(r.resamples)} seeded resamples of the test rows, the same for both models)`,
    columns: ["Measure", "Chosen model", "Runner-up", "Difference", "95% interval"],
    numeric: [false, true, true, true, true],
    rows: [row(r), ...(r.vsGold ? [row(r.vsGold)] : [])],
  };
}

/** A difference of shares in percentage points, with its sign. */
function signedPoints(x: number): string {
  if (!Number.isFinite(x)) return DASH;
  const points = Number((x * 100).toFixed(1)) + 0; // + 0 turns −0 into 0
  return `${points > 0 ? "+" : points < 0 ? "−" : ""}${Math.abs(points)} pt`;
}

function attributeBlocks(a: AttributeFairness, f: NonNullable<ReportValidation["fairness"]>): ReportBlock[] {
  const on = rowsText(a.rows, a.n);
  const hasAccuracy = a.groups.some((g) => g.accuracy !== undefined);
  const status = (g: AttributeFairness["groups"][number]) =>
    g.tooSmall ? `too small to judge (< ${pct(f.minGroupShare, 0)} of rows)` : g.group === a.reference ? "reference" : Number.isFinite(g.impactRatio) && g.impactRatio < f.impactThreshold ? `below ${f.impactThreshold}` : Number.isFinite(g.impactRatio) ? "ok" : "no ratio (the reference selects no one)";
  return [
    {
      kind: "table",
      caption: `Selection rate of "${f.positive}" by ${a.attribute} (${on}; ${int(a.missing)} test row${a.missing === 1 ? "" : "s"} missing ${a.attribute} not grouped; reference: ${a.reference || DASH}, the highest rate among groups large enough to judge)`,
      columns: ["Group", "Rows", "Share", "Selection rate", "Impact ratio", "95% interval", "Agreement", ...(hasAccuracy ? ["Accuracy (gold rows)"] : []), "Status"],
      numeric: [false, true, true, true, true, true, true, ...(hasAccuracy ? [true] : []), false],
      rows: a.groups.map((g) => [
        g.group, int(g.n), pct(g.share), pct(g.selectionRate), num(g.impactRatio), interval(g.impactInterval, num), pct(g.agreement),
        ...(hasAccuracy ? [g.accuracy === undefined ? DASH : `${pct(g.accuracy)} (${int(g.goldRows)})`] : []),
        status(g),
      ]),
      ...(a.groups.length > 30 ? { folded: true } : {}),
    },
  ];
}

function proxyBlocks(p: NonNullable<ReportValidation["proxies"]>): ReportBlock[] {
  const flagged = p.associations.filter((a) => a.proxy);
  const on = `all rows before the split, n = ${int(p.n)}`;
  return [
    {
      kind: "paragraph",
      text: flagged.length === 0
        ? `No feature column reaches an association of ${p.threshold} with a sensitive attribute (${on}).`
        : `Likely proxies: ${flagged.map((a) => `${a.feature} for ${a.attribute} (${MEASURE[a.measure]} ${num(a.value)})`).join("; ")}: an association of ${p.threshold} or more (${on}). A model that leaves a sensitive column out can still follow it through these.`,
    },
    {
      kind: "table",
      caption: `Association of each feature column with each sensitive attribute (${on}; Cramér's V for categorical features, correlation ratio η for numeric ones; proxy from ${p.threshold})`,
      columns: ["Feature", "Sensitive attribute", "Measure", "Value", "Rows", "Likely proxy"],
      numeric: [false, false, false, true, true, false],
      rows: p.associations.map((a) => [a.feature, a.attribute, MEASURE[a.measure], num(a.value), int(a.n), a.proxy ? "yes" : ""]),
      ...(p.associations.length > 30 ? { folded: true } : {}),
    },
  ];
}
