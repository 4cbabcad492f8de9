import { assemble } from "./distill/assemble.ts";
import { buildFeatures } from "./distill/build-features.ts";
import { buyLabels } from "./distill/buy-labels.ts";
import { candidatesInput } from "./distill/candidates-input.ts";
import { checkOptions } from "./distill/check-options.ts";
import { evaluate } from "./distill/evaluate.ts";
import { fitCandidates } from "./distill/fit-candidates.ts";
import { loadInputs } from "./distill/load-inputs.ts";
import { resolveTeacher } from "./distill/resolve-teacher.ts";
import { runEvents } from "./distill/run-events.ts";
import { TeacherSession } from "./understudy/teacher-session.ts";
import type { DistillOptions } from "./distill/distill-options.ts";
import type { Understudy } from "./understudy/understudy.ts";

export type { DistillOptions };

/**
 * Distills a small, transparent model from a teacher, and proves it:
 *
 * 1. load the table, infer column roles (id-like columns never become features);
 * 2. resolve the teacher: `teacher`, else the environment's, else the gold `target` column
 *    (LLM-only features are then skipped, said in one line), else a clear error;
 *    `teacher: false` skips the environment: the gold `target` column teaches;
 * 3. split rows (seeded; stratified on gold labels when there are any; duplicated rows, a
 *    `split.group` entity, stay on one side; `split.by` splits out of time);
 * 4. buy teacher labels: validation and test rows first (nothing can be proven without them),
 *    then training rows (active learning picks them when `maxLabels` is below the training
 *    rows). Unsure and failed rows are left out and counted. When the budget runs out the run
 *    keeps every label paid for and goes on if there are enough (a warning says so), else
 *    throws the budget error;
 * 5. features fitted on training rows only: raw columns, TF-IDF, LLM concepts, LLM expressions
 *    and LLM rules (concepts, expressions and rules for classification with an LLM teacher);
 * 6. candidate families (logistic / linear < tree < EBM < k-NN < forest, simplest first), each tuned
 *    by k-fold cross-validation on the labelled train + validation rows (the featurizer refit in
 *    every fold); the simplest within one standard error of the best (at most 0.005) wins, is
 *    refit on all of them, and the reason is recorded;
 * 7. the decision rule (positive class, optional calibration, a cutoff from `costs` or
 *    `targetRate`) on out-of-fold probabilities; metrics on test rows (agreement with the
 *    teacher, accuracy against gold, AUC/KS with intervals, calibration, fairness per group and
 *    intersection, monotone checks), the cascade threshold on out-of-fold predictions,
 *    explanations and charts data.
 *
 * A replay of an LLM run (`replayTeacher({ cacheDir })`) is that LLM again: the same requests,
 * answered from the cache, rebuild the same model (identical predictions), and the metadata
 * says it was replayed. Each numbered step is one stage in `src/distill/`.
 *
 * Regression (no `labels`): the teacher answers a number per row (within `range` when given),
 * regressors are the candidates, and the metrics are R², MAE and RMSE against the teacher's
 * values (and against a numeric `target` column when it is not the teacher). With `maxLabels`
 * below the training rows, a seeded random sample is bought (active learning needs classes).
 *
 * @example
 * const u = await distill({
 *   data: "emails.csv", task: "Is this email spam?", labels: ["spam", "ham"], text: "body",
 *   target: "label", budget: { maxUSD: 1 }, onProgress: (e) => console.log(e.phase, e.done, e.total),
 * });
 * u.metrics.vsTeacher.agreement; u.metadata.modelChoice.reason;
 */
export async function distill(options: DistillOptions): Promise<Understudy> {
  const checked = checkOptions(options);
  const events = runEvents(checked.onProgress);
  const inputs = await loadInputs(checked, events);
  const resolved = resolveTeacher(checked, events);
  const session = resolved.teacher ? new TeacherSession(resolved.teacher, checked.budget) : undefined;
  try {
    const bought = await buyLabels(checked, inputs, session, events);
    const built = await buildFeatures(checked, inputs, resolved, session?.teacher, bought, events);
    const fit = await fitCandidates(candidatesInput(checked, inputs, bought, built, events));
    const spend = session?.spend();
    const evaluation = evaluate(checked, inputs, bought, built, fit.chosen, resolved.kind === "gold", events);
    return assemble({ options, checked, inputs, resolved, ...(spend ? { spend } : {}), bought, built, fit, evaluation, events });
  } finally {
    session?.close();
  }
}
