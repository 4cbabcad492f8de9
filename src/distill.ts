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
import type { ProgressCallback } from "./core/progress.ts";
import type { TableInput } from "./data/to-table.ts";
import type { DecisionOptions, SplitOption } from "./distill/check-options.ts";
import type { Budget } from "./llm/openai-teacher.ts";
import type { Teacher } from "./llm/teacher.ts";
import type { Label } from "./models/estimator.ts";
import type { ModelChoice, MonotoneColumns } from "./understudy/choose-model.ts";
import { TeacherSession } from "./understudy/teacher-session.ts";
import type { Understudy } from "./understudy/understudy.ts";

/** Options of {@link distill}. */
export interface DistillOptions extends DecisionOptions {
  /** The rows: an arquero table, an array of row objects, a column object, or a file path (CSV, JSON, Arrow...). */
  data: TableInput;
  /** The task in one sentence, as the teacher is asked it, e.g. "Is this email spam?". */
  task: string;
  /**
   * The label set of a classification task. Omit for regression: the teacher then answers a
   * number per row (`labelValues`), or a numeric `target` column teaches. A regression task
   * needs a numeric `target` column or a `range`, so that forgetting `labels` is not silently a regression.
   */
  labels?: string[];
  /**
   * Regression with a teacher: inclusive [min, max] every teacher value must lie within (an
   * answer outside is a recorded failure, never clipped), also stated in the prompt. Default: any finite number.
   */
  range?: [number, number];
  /** Text column(s): TF-IDF features (and LLM concepts). Default: the columns inferSchema calls text (when `features` is not given). */
  text?: string | string[];
  /** Column of known (gold) labels: evaluates the model, or teaches when no teacher is configured. Never a feature, never shown to the teacher (naming it in `text` is an error). */
  target?: string;
  /** Input columns to use as features. Default: every numeric, categorical and boolean column but the target; id-like columns (unique per row) never (naming one here is an error). */
  features?: string[];
  /**
   * Who labels rows (classes, or numbers for regression). Default: `defaultTeacher()` from
   * OPENAI_API_KEY / OPENAI_BASE_URL / UNDERSTUDY_MODEL, else the `target` column teaches.
   * `false`: no LLM, ever: the `target` column teaches even when OPENAI_* variables are set
   * (a `target` is then required).
   */
  teacher?: Teacher | false;
  /**
   * Model family. Default "auto": every family (logistic / linear, tree, EBM, k-NN, forest) tunes its
   * settings by k-fold cross-validation (5 folds, stratified, seeded) on the labelled train +
   * validation rows; the simplest within one standard error of the best cross-validated
   * agreement (or R²), at most 0.005, wins and is refit on all of them. Test rows only measure.
   */
  model?: ModelChoice;
  /** Keep only candidates with a SQL form (`u.toSQL`): k-NN is left out, and the model choice says so. Default false. */
  exportable?: boolean;
  /** Monotone direction per numeric input column, e.g. { income: "increasing" }: the prediction (the first label's probability) never decreases (or increases) as the column grows; families that cannot honour it are left out, and `u.metrics.monotone` counts violations on the test rows. */
  monotone?: MonotoneColumns;
  /** Spending cap of this run. `maxCalls` counts answered (paid) calls; cache hits are free. Default: none. */
  budget?: Budget;
  /** Seed of every random choice (split, active learning, forests). Default 0. */
  seed?: number;
  /** Progress events, phases "load", "label", "features", "fit", "evaluate" in that order. */
  onProgress?: ProgressCallback;
  /**
   * How rows are split. Shares for training, validation and test: default 0.6 / 0.2 / 0.2 (give
   * all three or none). Training and validation rows together form the cross-validation folds
   * that choose, tune and fit the model (and set the cascade threshold); only test rows measure
   * it. `by: "date"`: out of time, the earliest rows train and the latest test (the column holds
   * dates, ISO date strings or numbers). `group: "customer_id"`: rows with one value of that
   * column sit on one side only, and in one fold. Except out of time, rows equal on every input
   * column (duplicates) never straddle parts or folds; `metadata.split.duplicates` counts them.
   */
  split?: SplitOption;
  /** Teacher labels to buy for training rows. Default: every training row. Fewer: active learning picks which (regression: a seeded random sample). */
  maxLabels?: number;
  /**
   * LLM concepts (yes/no questions learned by detectors) for text tasks. Default: on with an LLM
   * teacher; `{ k }` asks for k questions (default 8). The teacher answers all questions for up
   * to 200 training rows, one call per row. The teacher sees every `text` column, each under its
   * name, and the detectors learn from the same fields.
   */
  concepts?: boolean | { k: number };
  /** LLM-proposed expression features for tabular classification (kept only if cross-validation improves). Default: on with an LLM teacher. */
  expressions?: boolean;
  /**
   * LLM-proposed rules (FeatLLM) for tabular classification: per label, conditions over the
   * numeric columns in the safe expression language; each valid one becomes a 0/1 feature
   * (`proposeRules`; rules that do not parse, are not true/false, or never or always fire on
   * training rows are rejected with the reason). Default: the value of `expressions` (on with an LLM teacher).
   */
  rules?: boolean;
  /** Agreement with the teacher the cascade must keep on validation rows. Default 0.99. */
  cascadeTarget?: number;
  /**
   * Column(s) to measure outcomes by group on test rows (fairness), per attribute and per
   * intersection: per group, the rate of the FIRST label in `labels` (list the favourable
   * outcome first, e.g. ["approved", "declined"], so impact ratios compare selection rates),
   * agreement with the teacher, accuracy against gold. A sensitive column is never a feature
   * unless `useSensitiveAsFeature` is true; feature columns strongly associated with one are
   * listed as likely proxies. Default: none.
   */
  sensitive?: string | string[];
  /** Let the `sensitive` columns be features too (the report's first section says so). Default: false. */
  useSensitiveAsFeature?: boolean;
  /** What the model may be used for (printed in the report). Default: not stated. */
  intendedUse?: string;
  /** Model choice: the simplest candidate within this much cross-validated agreement (or R²) of the best wins. Default: the best candidate's standard error, at most 0.005. */
  tolerance?: number;
  /** The command line that ran this distill, recorded in the report; the CLI sets it. Default: none. */
  command?: string;
  /**
   * Cell values read as missing (compared trimmed, in any case; labels named in `labels` never
   * are). Default `["", "NA", "N/A", "NaN", "null"]`: "none" is a value (a level such as
   * "other payment plans: none"). Carried in the model so that predict and SQL read cells alike.
   */
  missing?: string[];
  /**
   * With `data` a file path: at most this many rows, drawn uniformly at random from the whole
   * file inside DuckDB (seeded by `seed`), so a file bigger than memory can teach. Default: every row.
   */
  sample?: number;
}

/**
 * Distills a small, transparent model from a teacher, and proves it:
 *
 * 1. load the table, infer column roles (id-like columns never become features);
 * 2. resolve the teacher: `teacher`, else the environment's, else the gold `target` column
 *    (LLM-only features are then skipped, said in one line), else a clear error;
 *    `teacher: false` skips the environment: the gold `target` column teaches;
 * 3. split rows (seeded; stratified on gold labels when there are any);
 * 4. buy teacher labels: validation and test rows first (nothing can be proven without them),
 *    then training rows (active learning picks them when `maxLabels` is below the training
 *    rows). Unsure and failed rows are left out and counted. When the budget runs out the run
 *    keeps every label paid for and goes on if there are enough (a warning says so), else
 *    throws the budget error;
 * 5. features fitted on training rows only: raw columns, TF-IDF, LLM concepts, LLM expressions
 *    and LLM rules (concepts, expressions and rules for classification with an LLM teacher);
 * 6. candidate families (logistic / linear < tree < k-NN < forest, simplest first), each tuned
 *    by k-fold cross-validation on the labelled train + validation rows (the featurizer refit in
 *    every fold); the simplest within one standard error of the best (at most 0.005) wins, is
 *    refit on all of them, and the reason is recorded;
 * 7. metrics on test rows (agreement with the teacher, accuracy against gold, calibration,
 *    fairness), the cascade threshold on out-of-fold predictions, explanations and charts data.
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
    const fit = fitCandidates(candidatesInput(checked, inputs, bought, built, events));
    const spend = session?.spend();
    const evaluation = evaluate(checked, inputs, bought, built, fit.chosen, resolved.kind === "gold", events);
    return assemble({ options, checked, inputs, resolved, ...(spend ? { spend } : {}), bought, built, fit, evaluation, events });
  } finally {
    session?.close();
  }
}
