import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { SQLColumn } from "./sql-column.ts";

import type { SQLDialect } from "./sql-dialect.ts";

/** EXP arguments are floored here: every one is ≤ 0, and the floor keeps Postgres from raising an underflow error. */
const EXP_FLOOR = 700;

/**
 * The stages that turn a model's scores into its outputs, shared by linear and additive (EBM)
 * models: the value itself ("identity"), the numerically stable sigmoid of one log-odds score
 * ("logistic": p1, then p0 = 1 − p1, as LogisticRegression.predictProba computes them), or a
 * softmax over one score per class with the largest subtracted first.
 *
 * @example
 * linkStages([{ name: "score", sql: "1.5 + 2 * x" }], "logistic", ['"no"', '"yes"'], sqlDialect("duckdb"), (n) => `"_us_${n}"`);
 * // { stages: [[score], [p1], [p0]], outputs: ['"_us_p0"', '"_us_p1"'] }
 */
export function linkStages(
  scores: SQLColumn[], link: string, classNames: string[] | undefined, d: SQLDialect, col: (name: string) => string,
): { stages: SQLColumn[][]; outputs: string[] } {
  if (!classNames) {
    if (link !== "identity") throw new UnderstudyError("no_sql_form", messages.export.unsupportedLink("regressor", link));
    return { stages: [scores], outputs: [col(scores[0].name)] };
  }
  const exp = (x: string) => `EXP(${d.greatest([x, d.number(-EXP_FLOOR)])})`;
  if (link === "logistic") {
    const z = col(scores[0].name);
    const one = d.number(1);
    const p1: SQLColumn = {
      name: "p1",
      sql: `CASE WHEN ${z} >= 0 THEN ${one} / (${one} + ${exp(`-${z}`)}) ELSE ${exp(z)} / (${one} + ${exp(z)}) END`,
      comment: `probability of ${classNames[1]}`,
    };
    const p0: SQLColumn = { name: "p0", sql: `${one} - ${col("p1")}`, comment: `probability of ${classNames[0]}` };
    return { stages: [scores, [p1], [p0]], outputs: [col("p0"), col("p1")] };
  }
  if (link !== "softmax") throw new UnderstudyError("no_sql_form", messages.export.unsupportedLink("classifier", link));
  const z = scores.map((s) => col(s.name));
  const max: SQLColumn = { name: "max_score", sql: d.greatest(z), comment: "largest score, subtracted for stability" };
  const e: SQLColumn[] = z.map((zk, k) => ({ name: `exp${k}`, sql: exp(`${zk} - ${col("max_score")}`) }));
  const sum = e.map((c) => col(c.name)).join(" + ");
  const p: SQLColumn[] = e.map((c, k) => ({ name: `p${k}`, sql: `${col(c.name)} / (${sum})`, comment: `probability of ${classNames[k]}` }));
  return { stages: [scores, [max], e, p], outputs: p.map((c) => col(c.name)) };
}
