import { conceptArtefacts } from "../understudy/concept-artefacts.ts";
import { heldOutEvaluation } from "../understudy/held-out-evaluation.ts";
import type { HeldOutArtefacts, UnderstudyMetrics } from "../understudy/bundle-types.ts";
import type { BuiltFeatures } from "./build-features.ts";
import type { BoughtLabels } from "./buy-labels.ts";
import type { CheckedOptions } from "./check-options.ts";
import { decision as decide, type Decision } from "./decision.ts";
import type { ChosenModel } from "./fit-candidates.ts";
import type { LoadedInputs } from "./load-inputs.ts";
import { monotoneCheck } from "./monotone-check.ts";
import type { RunEvents } from "./run-events.ts";

/** What {@link evaluate} measured on held-out rows. */
export interface Evaluation {
  metrics: UnderstudyMetrics;
  artefacts: HeldOutArtefacts;
  /** The positive class, the calibration and the cutoff predictions apply (metadata.positive, .calibrator, .cutoff). */
  decision: Pick<Decision, "positive" | "calibrator" | "cutoff">;
}

/** The options {@link evaluate} reads. */
export type EvaluateOptions = Pick<CheckedOptions, "labels" | "seed" | "sensitive" | "cascadeTarget" | "positive" | "costs" | "targetRate" | "calibrate" | "monotone">;

/**
 * Stage 7: the decision rule on the out-of-fold probabilities (positive class, calibration
 * measured and, with `calibrate`, fitted; a cutoff from `costs` or `targetRate`: see
 * {@link decide}), metrics of the chosen model as predictions will run it on the test rows
 * (against the teacher, against gold, calibration, fairness; for binary ones the difference from
 * the runner-up family with a paired bootstrap interval), the cascade threshold on the chosen family's out-of-fold
 * predictions of the labelled train + validation rows, and the artefacts charts
 * and the report read: importance, examples, partial dependence, learning curve, and every
 * LLM concept, expression and rule with what became of it.
 *
 * @example
 * const { metrics } = evaluate(options, inputs, bought, built, fit.chosen, goldTeaches, events);
 * metrics.vsTeacher.agreement; metrics.vsGold?.accuracy;
 */
export function evaluate(
  o: EvaluateOptions, inputs: LoadedInputs, bought: BoughtLabels, built: BuiltFeatures, chosen: ChosenModel, goldTeaches: boolean, events: RunEvents,
): Evaluation {
  const { used, labelOf } = bought;
  const gold = inputs.gold && !goldTeaches ? inputs.gold : undefined;
  // The labelled rows in the order fitCandidates saw them: train, then validation.
  const labelled = [...used.train, ...used.validation];
  const { calibrationCV, outOfFoldProba, ...rule } = decide(o, chosen);
  // Out of time the earliest labelled rows only train: the out-of-fold rows are then a subset.
  const predicted = chosen.outOfFold.rows;
  const outOfFoldRows = predicted ? predicted.map((r) => labelled[r]) : labelled;
  const evaluation = heldOutEvaluation({
    model: chosen.model, featurizer: chosen.featurizer, rows: inputs.rows, kind: inputs.kind, labels: o.labels, seed: o.seed,
    parts: used, labelOf, gold, goldTeaches,
    trainMatrix: chosen.train, yTrain: chosen.y,
    ...(outOfFoldProba ? { outOfFold: { proba: outOfFoldProba, ...(gold ? { gold: outOfFoldRows.map((i) => gold[i]) } : {}), ...(predicted ? { teacher: predicted.map((r) => chosen.y[r]) } : {}) } } : {}),
    decision: rule, ...(rule.positive !== undefined ? { positive: rule.positive } : {}),
    refit: () => chosen.candidate.make(chosen.settings), ...(chosen.runnerUp ? { runnerUp: chosen.runnerUp } : {}),
    idColumn: inputs.idColumn, fields: [...inputs.text, ...inputs.features], ...(inputs.sensitive ? { sensitive: inputs.sensitive } : {}), cascadeTarget: o.cascadeTarget,
    onProgress: (done, total, message) => events.progress("evaluate", done, total, message),
  });
  if (calibrationCV) evaluation.metrics.calibrationCV = calibrationCV;
  if (o.monotone) {
    const rowsOf = (part: number[]) => part.map((i) => inputs.rows[i]);
    evaluation.metrics.monotone = monotoneCheck({
      model: chosen.model, featurizer: chosen.featurizer, rows: rowsOf(used.test), observed: rowsOf(labelled), monotone: o.monotone, positive: o.positive,
    });
  }
  const concepts = built.featurizer.toJSON().concepts;
  if (concepts) {
    // Every concept the teacher proposed: measured ones for the chart (against always giving the
    // majority answer), dropped ones with the reason in words.
    const { chart, dropped } = conceptArtefacts(concepts.detectors.quality);
    if (chart.length) evaluation.artefacts.concepts = chart;
    if (dropped.length) evaluation.artefacts.droppedConcepts = dropped;
  }
  if (built.expressions) evaluation.artefacts.expressions = built.expressions;
  if (built.rules) evaluation.artefacts.rules = built.rules;
  return { ...evaluation, decision: rule };
}
