import type { ProgressCallback } from "../core/progress.ts";
import type { TableInput } from "../data/to-table.ts";
import type { Budget } from "../llm/budget.ts";
import type { Teacher } from "../llm/teacher.ts";
import type { ModelChoice, MonotoneColumns } from "../understudy/choose-model.ts";

/** Misclassification costs of a binary task: what one false positive and one false negative cost (any unit). */
export interface Costs {
  falsePositive: number;
  falseNegative: number;
}

/** The options of {@link DistillOptions} that decide how probabilities become predictions. */
export interface DecisionOptions {
  /** The class explained and scored (charts, scorecard, cutoff, fairness). Default: the first of `labels` as given. */
  positive?: string;
  /**
   * "balanced": each class weighted by rows / (classes × its rows) in every fit (tuning, the
   * folds, the refit) of the families that take weights (logistic, trees, forests); k-NN cannot
   * and is left out of "auto", with the reason in the model choice. Default: none (all 1).
   */
  classWeight?: "balanced";
  /**
   * Two-class tasks: the cost of a false positive and of a false negative (`positive` is the
   * positive class). The decision cutoff on P(positive) that minimizes the expected cost on the
   * out-of-fold probabilities is stored and used by `predict` and `toSQL` (ties: the cutoff
   * nearest 0.5). Default: none (the most probable class wins).
   */
  costs?: Costs;
  /** Two-class tasks: the share of rows predicted positive; the cutoff is set on the out-of-fold probabilities. Not with `costs`. */
  targetRate?: number;
  /**
   * Apply a Platt calibration fitted on the out-of-fold probabilities to `predictProba` and
   * `predict` (explanations still explain the uncalibrated score, and say so). Calibration is
   * measured out of fold either way. Default false.
   */
  calibrate?: boolean;
}

/** Shares of the rows per part. */
export interface SplitFractions {
  train: number;
  validation: number;
  test: number;
}

/**
 * `distill({ split })`: shares (all three or none), and optionally `by` (a time column: out of
 * time) or `group` (an entity column: one side only), not both.
 */
export type SplitOption = Partial<SplitFractions> & { by?: string; group?: string };

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
   * settings by k-fold cross-validation (5 folds; stratified, seeded; above 50,000 labelled
   * rows 3 folds, and k-NN left out) on the labelled train + validation rows; the simplest within one standard error of the best cross-validated
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
   * dates, ISO date strings or numbers), and the folds run forward in time: each fold trains on
   * rows earlier than those it validates (an expanding window; equal times stay together).
   * `group: "customer_id"`: rows with one value of that
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
  /** Agreement with the teacher the cascade must keep, measured on out-of-fold predictions of the train + validation rows. Default 0.99. */
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
