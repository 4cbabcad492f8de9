import type { Featurizer } from "../features/featurizer.ts";
import type { Estimator, Label } from "../models/estimator.ts";
import type { UnderstudyMetrics } from "../understudy/bundle-types.ts";

/** What {@link trivialModelWarning} reads: the test figures, and for binary tasks the model to score the test rows. */
export interface TrivialModelInput {
  metrics: UnderstudyMetrics;
  /** Binary classification: the model, its featurizer, the labelled test rows and the positive label, for the AUC. */
  binary?: { model: Estimator<Label>; featurizer: Featurizer; rows: Record<string, unknown>[]; y: Label[]; positive: string };
}

/** Above chance by less than this, balanced accuracy is "no better than guessing". */
const BALANCED_MARGIN = 0.02;
/** An AUC at or below this ranks the positive class no better than a coin. */
const TRIVIAL_AUC = 0.55;

/**
 * A warning when the model does no better than a trivial one on the test rows, else
 * undefined: regression with R² ≤ 0 (the mean of the teacher's values would do as well);
 * classification with balanced accuracy ≤ 1/k + 0.02 (k = labels among the test rows), or,
 * binary, an AUC of the positive label's probability ≤ 0.55. The warning gives the figure and
 * what to try.
 *
 * @example
 * trivialModelWarning({ metrics: u.metrics }); // "The model is no better than a trivial one on the test rows: R² = -0.03 ≤ 0 ..."
 */
export function trivialModelWarning(input: TrivialModelInput): string | undefined {
  const m = input.metrics.vsTeacher;
  if (input.metrics.task === "regression") {
    const r2 = m.r2 ?? m.agreement;
    return r2 <= 0 ? warning(`R² = ${r2.toFixed(3)} ≤ 0 against the teacher (predicting the mean does as well)`) : undefined;
  }
  const perClass = (m.perClass ?? []).filter((c) => c.n > 0);
  if (perClass.length < 2) return undefined;
  const balanced = perClass.reduce((s, c) => s + c.agreement, 0) / perClass.length;
  const chance = 1 / perClass.length;
  const figures: string[] = [];
  if (balanced <= chance + BALANCED_MARGIN) figures.push(`balanced accuracy ${balanced.toFixed(3)} ≤ ${(chance + BALANCED_MARGIN).toFixed(3)} (chance for ${perClass.length} labels, + ${BALANCED_MARGIN})`);
  const auc = input.binary ? binaryAuc(input.binary) : undefined;
  if (auc !== undefined && auc <= TRIVIAL_AUC) figures.push(`AUC for "${input.binary!.positive}" ${auc.toFixed(3)} ≤ ${TRIVIAL_AUC}`);
  return figures.length ? warning(figures.join("; ")) : undefined;
}

function warning(figures: string): string {
  return `The model is no better than a trivial one on the test rows: ${figures}. Its answers carry no signal the features hold: add informative columns or labels, or check that the task and labels match the data.`;
}

/** AUC of the positive label's probability against the teacher's labels (Mann–Whitney, ties count half); undefined when one side is absent. */
function binaryAuc(b: NonNullable<TrivialModelInput["binary"]>): number | undefined {
  const k = b.model.classes?.indexOf(b.positive) ?? -1;
  const positives = b.y.filter((y) => y === b.positive).length;
  const negatives = b.y.length - positives;
  if (positives === 0 || negatives === 0) return undefined;
  if (k < 0 || !b.model.predictProba) return 0.5; // never learned the positive label: it ranks nothing
  const p = b.model.predictProba(b.featurizer.transform(b.rows)).map((row) => row[k]);
  const order = p.map((_, i) => i).sort((i, j) => p[i] - p[j]);
  // Average ranks (1-based) over ties, then the rank-sum formula.
  const rank = new Float64Array(p.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && p[order[end + 1]] === p[order[start]]) end++;
    for (let t = start; t <= end; t++) rank[order[t]] = (start + end) / 2 + 1;
    start = end + 1;
  }
  let positiveRanks = 0;
  b.y.forEach((y, i) => { if (y === b.positive) positiveRanks += rank[i]; });
  return (positiveRanks - (positives * (positives + 1)) / 2) / (positives * negatives);
}
