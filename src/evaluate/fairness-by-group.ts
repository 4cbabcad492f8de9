import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { Label } from "../models/estimator.ts";

/** Outcomes for one group of a sensitive column. */
export interface GroupOutcome {
  group: string;
  n: number;
  /** Rows predicted as the positive label. */
  positives: number;
  positiveRate: number;
  /** Against gold labels, when given. */
  accuracy?: number;
  /** Against the teacher's labels, when given. */
  agreement?: number;
  /**
   * positiveRate / the reference group's positiveRate: with the default reference (the highest
   * rate) this is the four-fifths rule's ratio, flagged below 0.8. NaN when the reference
   * group's rate is 0 (no ratio is defined, so nothing is flagged).
   */
  ratioToReference: number;
}

/** Fairness summary over the groups of one sensitive column. */
export interface FairnessByGroup {
  positive: Label;
  /**
   * The group every `ratioToReference` divides by: the one with the highest positive rate
   * (first by name on a tie) unless `reference` was given.
   */
  reference: string;
  /** One entry per group, in name order. */
  groups: GroupOutcome[];
  /**
   * Disparate-impact ratio: lowest positive rate / highest (1 is parity; the "four-fifths
   * rule" flags < 0.8) — the smallest `ratioToReference` under the default reference. NaN when
   * no row is predicted positive.
   */
  disparateImpact: number;
}

/**
 * Accuracy, agreement with the teacher and positive rate per group, with the disparate-impact
 * ratio (min rate / max rate) and each group's rate relative to a reference group. The default
 * reference is the group with the highest positive rate, as the four-fifths rule of the EEOC
 * Uniform Guidelines (29 CFR 1607.4(D)) compares each group's selection rate with the highest;
 * `fairnessChart` and the report use the same definition, so they show these numbers. Groups
 * are compared as strings; missing groups become "(missing)".
 *
 * @example
 * fairnessByGroup({ groups: rows.map((r) => r.sex), predictions, gold, positive: "approved" }).disparateImpact;
 */
export function fairnessByGroup(input: {
  groups: ArrayLike<unknown>;
  predictions: ArrayLike<Label>;
  teacherLabels?: ArrayLike<Label>;
  gold?: ArrayLike<Label>;
  positive: Label;
  /** Group to compare the others with, e.g. one a regulator names. Default: the highest positive rate. */
  reference?: string;
}): FairnessByGroup {
  const { groups, predictions, teacherLabels, gold, positive } = input;
  const n = predictions.length;
  for (const [name, arr] of [["groups", groups], ["teacherLabels", teacherLabels], ["gold", gold]] as const) {
    if (arr && arr.length !== n) {
      throw new UnderstudyError("length_mismatch", messages.evaluate.perRowLength("fairnessByGroup", name, arr.length, n));
    }
  }
  if (n === 0) throw new UnderstudyError("empty_input", messages.evaluate.noRows("fairnessByGroup"));
  const stats = new Map<string, { n: number; pos: number; right: number; agree: number }>();
  for (let i = 0; i < n; i++) {
    const g = groups[i] == null || (typeof groups[i] === "number" && Number.isNaN(groups[i])) ? "(missing)" : String(groups[i]);
    const s = stats.get(g) ?? { n: 0, pos: 0, right: 0, agree: 0 };
    s.n++;
    if (predictions[i] === positive) s.pos++;
    if (gold && gold[i] === predictions[i]) s.right++;
    if (teacherLabels && teacherLabels[i] === predictions[i]) s.agree++;
    stats.set(g, s);
  }
  const names = [...stats.keys()].sort();
  const rate = (g: string): number => stats.get(g)!.pos / stats.get(g)!.n;
  // Strictly greater, so a tie keeps the first name: fairnessChart, given these groups in this order, picks the same.
  const reference = input.reference ?? names.reduce((a, b) => (rate(b) > rate(a) ? b : a), names[0]);
  if (!stats.has(reference)) {
    throw new UnderstudyError("bad_option", messages.evaluate.unknownReferenceGroup(reference, names));
  }
  const refRate = rate(reference);
  const out: GroupOutcome[] = names.map((group) => {
    const s = stats.get(group)!;
    const o: GroupOutcome = { group, n: s.n, positives: s.pos, positiveRate: rate(group), ratioToReference: refRate > 0 ? rate(group) / refRate : NaN };
    if (gold) o.accuracy = s.right / s.n;
    if (teacherLabels) o.agreement = s.agree / s.n;
    return o;
  });
  const rates = out.map((o) => o.positiveRate);
  const max = Math.max(...rates);
  return { positive, reference, groups: out, disparateImpact: max > 0 ? Math.min(...rates) / max : NaN };
}
