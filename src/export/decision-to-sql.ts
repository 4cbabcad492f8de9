import type { ProbabilityCalibration } from "../evaluate/probability-calibrator.ts";
import type { Label } from "../models/estimator.ts";
import { argmaxCase, type ModelSQL, type SQLColumn } from "./model-to-sql.ts";
import type { SQLDialect } from "./sql-dialect.ts";

/** How probabilities become the prediction: a Platt calibration, a binary cutoff, or both (calibration first). */
export interface DecisionSQLOptions {
  calibration?: ProbabilityCalibration;
  /** Two classes: `positive` is predicted when its (calibrated) probability is ≥ `threshold`. */
  cutoff?: { positive: Label; threshold: number };
}

/**
 * A classifier's SQL with its decision rule: the calibrated class probabilities as extra
 * stages (P' = 1 / (1 + EXP(a·P + b)), the complement for the other of two classes, normalized
 * for more), then the prediction by the cutoff on P(positive) (or the most probable class), and
 * the probability of the predicted class. The same arithmetic as `predict` in the same order,
 * so the engine's doubles match (up to its EXP).
 *
 * @example
 * decisionSQL(modelToSQL(model, o), model.classes, { cutoff: { positive: "default", threshold: 0.2 } }, d, col).prediction;
 * // CASE WHEN "_us_p0" >= 0.2e0 THEN 'default' ELSE 'paid' END
 */
export function decisionSQL(sql: ModelSQL, classes: readonly Label[], rule: DecisionSQLOptions, d: SQLDialect, col: (name: string) => string): ModelSQL {
  let probs = sql.classProbabilities!;
  const stages = [...sql.stages];
  const c = rule.calibration;
  if (c) {
    const one = d.number(1);
    const sigmoid = (p: string, e: { a: number; b: number }) => `${one} / (${one} + EXP(${d.number(e.a)} * ${p} + ${d.number(e.b)}))`;
    const at = (label: Label) => classes.findIndex((l) => String(l) === String(label));
    if (classes.length === 2) {
      const k = at(c.perClass[0].label);
      const q: SQLColumn = { name: `cal${k}`, sql: sigmoid(probs[k], c.perClass[0]), comment: `calibrated probability of ${JSON.stringify(classes[k])}` };
      const rest: SQLColumn = { name: `cal${1 - k}`, sql: `${one} - ${col(q.name)}`, comment: `calibrated probability of ${JSON.stringify(classes[1 - k])}` };
      stages.push([q], [rest]);
      probs = [col("cal0"), col("cal1")];
    } else {
      const s: SQLColumn[] = c.perClass.map((e) => ({ name: `sig${at(e.label)}`, sql: sigmoid(probs[at(e.label)], e) }));
      const total = classes.map((_, k) => col(`sig${k}`)).join(" + ");
      const q: SQLColumn[] = classes.map((l, k) => ({ name: `cal${k}`, sql: `${col(`sig${k}`)} / (${total})`, comment: `calibrated probability of ${JSON.stringify(l)}` }));
      stages.push(s, q);
      probs = q.map((x) => col(x.name));
    }
  }
  const labels = classes.map((l) => d.label(l));
  const cut = rule.cutoff;
  if (!cut) return { stages, prediction: argmaxCase(probs, labels), probability: d.greatest(probs), classProbabilities: probs };
  const k = classes.findIndex((l) => String(l) === String(cut.positive));
  const yes = `${probs[k]} >= ${d.number(cut.threshold)}`;
  return {
    stages,
    prediction: `CASE WHEN ${yes} THEN ${labels[k]} ELSE ${labels[1 - k]} END`,
    probability: `CASE WHEN ${yes} THEN ${probs[k]} ELSE ${probs[1 - k]} END`,
    classProbabilities: probs,
  };
}
