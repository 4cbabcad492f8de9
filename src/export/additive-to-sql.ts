import type { Estimator } from "../models/estimator.ts";
import type { AdditiveModel, AdditiveTerm } from "../models/ebm/additive-model.ts";
import { linkStages } from "./link-to-sql.ts";
import type { SQLColumn } from "./sql-column.ts";
import type { SQLDialect } from "./sql-dialect.ts";

/** EXP arguments are floored here, as for logistic models: postgres raises an error when EXP underflows. */

/**
 * An additive model (EBM) as SQL stages: one score column per output, the intercept plus one
 * bin lookup per term (`CASE WHEN x IS NULL THEN <missing bin> WHEN x <= cut THEN …`; a pair
 * nests the second feature's lookup in the first's), added in term order as predict adds them;
 * then the link: logistic (p1, then p0 = 1 − p1) or softmax (largest score subtracted first).
 * Returns the stages and the output expressions (probabilities in class order, or the value).
 *
 * @example
 * const { stages, outputs } = additiveStages(ebm, sqlDialect("duckdb"), ['"a"', '"b"'], (n) => `"_us_${n}"`, ['"no"', '"yes"']);
 */
export function additiveStages(
  model: Estimator & AdditiveModel,
  d: SQLDialect,
  featureSQL: string[],
  col: (name: string) => string,
  classNames: string[] | undefined,
): { stages: SQLColumn[][]; outputs: string[] } {
  const terms = model.terms();
  const intercept = model.intercept;
  const scores: SQLColumn[] = intercept.map((b, k) => ({
    name: intercept.length === 1 ? "score" : `score${k}`,
    sql: [d.number(b), ...terms.map((t) => termCase(t, k, d, featureSQL))].join("\n  + "),
    comment: !classNames ? "predicted value" : model.link === "logistic" ? `log-odds of ${classNames[1]}` : `score of ${classNames[k]}`,
  }));
  return linkStages(scores, model.link, classNames, d, col);
}

// The term's score for output k at the row's cell: a CASE over the first feature's bins,
// each branch (for a pair) a CASE over the second feature's bins.
function termCase(t: AdditiveTerm, k: number, d: SQLDialect, featureSQL: string[]): string {
  const lookup = (f: number, value: (bin: number) => string): string => {
    const x = featureSQL[t.features[f]];
    const cuts = t.cuts[f];
    const whens = [`WHEN ${x} IS NULL THEN ${value(0)}`, ...cuts.map((c, i) => `WHEN ${x} <= ${d.number(c)} THEN ${value(i + 1)}`)];
    return `(CASE ${whens.join(" ")} ELSE ${value(cuts.length + 1)} END)`;
  };
  if (t.features.length === 1) return lookup(0, (b) => d.number(t.scores[b][k]));
  return lookup(0, (a) => lookup(1, (b) => d.number(t.scores[a * t.bins[1] + b][k])));
}
