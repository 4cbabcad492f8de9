import type { Label } from "../models/estimator.ts";
import { bootstrapIntervals, type BootstrapInterval } from "./bootstrap-intervals.ts";

/** Groups holding less than this share of the rows are too small to judge. */
export const MIN_GROUP_SHARE = 0.02;
/** The four-fifths rule: an impact ratio below this is flagged. */
export const IMPACT_THRESHOLD = 0.8;

/** Outcomes of one group of one attribute (or intersection). */
export interface GroupRates {
  group: string;
  n: number;
  /** n / rows with the attribute. */
  share: number;
  /** Rows predicted as the positive class. */
  selected: number;
  selectionRate: number;
  /** selectionRate / the reference group's; NaN when the reference selects no one. */
  impactRatio: number;
  impactInterval: BootstrapInterval;
  /** Share of rows where the model gives the teacher's label. */
  agreement?: number;
  /** Share of rows with a gold label where the model gives it, and how many had one. */
  accuracy?: number;
  goldRows?: number;
  /** Under {@link MIN_GROUP_SHARE} of the rows: shown, never the reference, never flagged. */
  tooSmall: boolean;
}

/** Selection rates per group of one attribute, or of the intersection of several. */
export interface AttributeFairness {
  /** The column, or the columns joined with " × " for an intersection. */
  attribute: string;
  columns: string[];
  rows: "test";
  /** Rows with a value for every column. */
  n: number;
  /** Rows missing the attribute (any of its columns): left out of the groups, counted here. */
  missing: number;
  /** The group with the highest selection rate among those large enough to judge (first by name on a tie). */
  reference: string;
  groups: GroupRates[];
  /** The smallest impact ratio of a group large enough to judge (NaN when none is defined). */
  lowestImpactRatio: number;
}

/** Fairness by every sensitive attribute and every intersection of two or more. */
export interface IntersectionalFairness {
  rows: "test";
  n: number;
  /** The class whose rate is the selection rate. */
  positive: Label;
  minGroupShare: number;
  impactThreshold: number;
  /** One per attribute, in the order given, then one per intersection. */
  byAttribute: AttributeFairness[];
}

/**
 * Selection rates (rate of the positive class), impact ratios against the highest-rate group
 * (EEOC four-fifths rule, 29 CFR 1607.4(D)) with 95% bootstrap intervals, agreement with the
 * teacher and accuracy against gold, per group of each attribute and of each intersection of two
 * or more attributes ("sex × age_band"). Groups under 2% of the rows are marked too small to
 * judge; rows missing an attribute are counted, not grouped.
 *
 * @example
 * const f = groupFairness({ attributes: [{ name: "sex", groups: sex }, { name: "age_band", groups: age }], predictions, positive: "approved", seed: 0 });
 * f.byAttribute.map((a) => a.attribute); // ["sex", "age_band", "sex × age_band"]
 */
export function groupFairness(input: {
  attributes: readonly { name: string; groups: readonly (string | null)[] }[];
  predictions: readonly Label[];
  teacherLabels?: readonly Label[];
  gold?: readonly (Label | null)[];
  positive: Label;
  seed: number;
  resamples?: number;
}): IntersectionalFairness {
  const subsets = intersections(input.attributes.length);
  const byAttribute = [...input.attributes.map((_, k) => [k]), ...subsets].map((ks) => {
    const cols = ks.map((k) => input.attributes[k]);
    const groups = input.predictions.map((_, i) => (cols.some((c) => c.groups[i] === null) ? null : cols.map((c) => c.groups[i]).join(" × ")));
    return attributeFairness(cols.map((c) => c.name), groups, input);
  });
  return { rows: "test", n: input.predictions.length, positive: input.positive, minGroupShare: MIN_GROUP_SHARE, impactThreshold: IMPACT_THRESHOLD, byAttribute };
}

/** Every set of two or more attribute indices, smaller sets first. */
function intersections(count: number): number[][] {
  const out: number[][] = [];
  for (let mask = 1; mask < 1 << count; mask++) {
    const ks = Array.from({ length: count }, (_, k) => k).filter((k) => mask & (1 << k));
    if (ks.length >= 2) out.push(ks);
  }
  return out.sort((a, b) => a.length - b.length);
}

function attributeFairness(columns: string[], groupOf: (string | null)[], input: Parameters<typeof groupFairness>[0]): AttributeFairness {
  const { predictions, positive } = input;
  const selected = predictions.map((p) => p === positive);
  const names = [...new Set(groupOf.filter((g): g is string => g !== null))].sort();
  const index = new Map(names.map((g, k) => [g, k]));
  const member = groupOf.map((g) => (g === null ? -1 : index.get(g)!));
  const n = member.filter((k) => k >= 0).length;
  const rates = (w?: ArrayLike<number>) => {
    const sel = new Float64Array(names.length), tot = new Float64Array(names.length);
    member.forEach((k, i) => { if (k >= 0) { const wi = w ? w[i] : 1; tot[k] += wi; if (selected[i]) sel[k] += wi; } });
    return Array.from(tot, (t, k) => sel[k] / t);
  };
  const counts = names.map((_, k) => member.filter((m) => m === k).length);
  const tooSmall = counts.map((c) => c < MIN_GROUP_SHARE * n);
  const rate = rates();
  const judged = names.map((_, k) => k).filter((k) => !tooSmall[k]);
  const candidates = judged.length ? judged : names.map((_, k) => k);
  const ref = candidates.reduce((a, b) => (rate[b] > rate[a] ? b : a), candidates[0]);
  const keys = names.map((_, k) => `g${k}`);
  const ci = bootstrapIntervals(predictions.length, keys, (w) => {
    const r = rates(w);
    return Object.fromEntries(keys.map((key, k) => [key, r[ref] > 0 ? r[k] / r[ref] : NaN])) as Record<string, number>;
  }, { seed: input.seed, ...(input.resamples ? { resamples: input.resamples } : {}) });
  const groups = names.map((group, k): GroupRates => {
    const rows = member.map((m, i) => (m === k ? i : -1)).filter((i) => i >= 0);
    const withGold = input.gold ? rows.filter((i) => input.gold![i] !== null) : [];
    return {
      group, n: counts[k], share: counts[k] / n, selected: rows.filter((i) => selected[i]).length, selectionRate: rate[k],
      impactRatio: rate[ref] > 0 ? rate[k] / rate[ref] : NaN, impactInterval: ci[keys[k]],
      ...(input.teacherLabels ? { agreement: rows.filter((i) => input.teacherLabels![i] === predictions[i]).length / rows.length } : {}),
      ...(withGold.length ? { accuracy: withGold.filter((i) => input.gold![i] === predictions[i]).length / withGold.length, goldRows: withGold.length } : {}),
      tooSmall: tooSmall[k],
    };
  });
  const ratios = groups.filter((g) => !g.tooSmall && Number.isFinite(g.impactRatio)).map((g) => g.impactRatio);
  return {
    attribute: columns.join(" × "), columns, rows: "test", n, missing: predictions.length - n, reference: names[ref] ?? "",
    groups, lowestImpactRatio: ratios.length ? Math.min(...ratios) : NaN,
  };
}
