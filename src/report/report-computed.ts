import type { ReportInput, ReportScore } from "./report-input.ts";

/** 95% Wilson score interval of a proportion: honest for small n and for values near 0 or 1. */
export function wilsonInterval(p: number, n: number): [number, number] | null {
  if (!(n > 0) || !(p >= 0 && p <= 1)) return null;
  const z = 1.959963984540054;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n))) / (1 + z2n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Figures the report derives from its input; also part of the JSON form. */
export interface ReportComputed {
  vsTeacherInterval: [number, number] | null;
  vsGoldInterval: [number, number] | null;
  /** Expected calibration error: Σ count·|observed − predicted| / Σ count over the bins. */
  expectedCalibrationError: number | null;
  totalTokens: number | null;
  /** costUSD / teacherCalls. */
  costPerCallUSD: number | null;
  /** Groups under the disparate-impact threshold, per attribute. */
  fairnessFlags: { attribute: string; group: string; ratio: number }[];
  disagreementCount: number;
}

/**
 * Derives the report's computed figures from its input.
 *
 * @example
 * computeReport({ task: { description: "spam?" }, performance: { vsTeacher: { value: 0.9, rows: 100 } } }).vsTeacherInterval;
 */
export function computeReport(input: ReportInput): ReportComputed {
  const interval = (s: ReportScore | undefined) => (s === undefined ? null : wilsonInterval(s.value, s.rows));
  const bins = input.calibration?.bins ?? [];
  const binRows = bins.reduce((s, b) => s + b.count, 0);
  const cost = input.cost;
  const fairnessFlags: ReportComputed["fairnessFlags"] = [];
  for (const f of input.fairness ?? []) {
    const reference = f.referenceGroup === undefined
      ? Math.max(...f.groups.map((g) => g.rate))
      : f.groups.find((g) => g.group === f.referenceGroup)?.rate;
    if (reference === undefined || !(reference > 0)) continue;
    for (const g of f.groups) {
      const ratio = g.rate / reference;
      if (ratio < (f.threshold ?? 0.8)) fairnessFlags.push({ attribute: f.attribute, group: g.group, ratio });
    }
  }
  return {
    vsTeacherInterval: interval(input.performance?.vsTeacher),
    vsGoldInterval: interval(input.performance?.vsGold),
    expectedCalibrationError: binRows > 0
      ? bins.reduce((s, b) => s + b.count * Math.abs(b.observed - b.meanPredicted), 0) / binRows
      : null,
    totalTokens: cost === undefined ? null : cost.promptTokens + cost.completionTokens,
    costPerCallUSD: cost?.costUSD !== undefined && cost.teacherCalls > 0 ? cost.costUSD / cost.teacherCalls : null,
    fairnessFlags,
    disagreementCount: input.disagreements?.length ?? 0,
  };
}
