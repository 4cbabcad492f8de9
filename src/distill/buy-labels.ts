import { MIN_LABELS } from "./min-labels.ts";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { Random } from "../core/random.ts";
import { Featurizer } from "../features/featurizer.ts";
import type { Budget } from "../llm/openai-teacher.ts";
import type { Label } from "../models/estimator.ts";
import { activeLearning } from "../teach/select.ts";
import { labelRows } from "../teach/label-rows.ts";
import { labelValues } from "../teach/label-values.ts";
import type { TeacherSession } from "../understudy/teacher-session.ts";
import type { CheckedOptions } from "./check-options.ts";
import type { LoadedInputs } from "./load-inputs.ts";
import type { RunEvents } from "./run-events.ts";
import { splitParts, type Parts, type SplitParts } from "./split-parts.ts";

export type { Parts } from "./split-parts.ts";

/** What {@link buyLabels} bought. */
export interface BoughtLabels {
  /** Every row, by part (seeded split). */
  parts: Parts;
  /** Group id per row (duplicates, `split.group`, or time ranks with `split.by`): cross-validation folds must keep a group together. */
  groups: Int32Array;
  /** What {@link groups} are (see {@link SplitParts}). */
  grouping: SplitParts["grouping"];
  /** Rows that repeat another row on every input column. */
  duplicates: SplitParts["duplicates"];
  /** The rows of each part with a usable label. */
  used: Parts;
  /** The teacher's label (or the gold label) per row; null where none. */
  labelOf: (Label | null)[];
  /** Rows asked, answered "unsure", and failed (rows the budget stopped are neither asked nor failed). */
  counts: { requested: number; unsure: number; failed: number };
  /** Training rows the teacher was asked about. */
  trainAsked: number;
  activeLearning: boolean;
  /** Set when the budget ran out: the run went on with the labels paid for. */
  budgetStop?: UnderstudyError;
  /** ISO times around the labelling calls (absent when the gold labels teach). */
  calls: { first?: string; last?: string };
}

/** The options {@link buyLabels} reads. */
export type LabelOptions = Pick<CheckedOptions, "task" | "labels" | "range" | "target" | "seed" | "split" | "maxLabels" | "budget">;

/** Rows per labeling call: short rows share a call, which cuts calls and cost. */
const LABEL_BATCH = 4;
export { MIN_LABELS } from "./min-labels.ts";

/**
 * Stage 4: splits the rows ({@link splitParts}: seeded, stratified on gold labels when there
 * are any; duplicates and `split.group` entities on one side; `split.by` out of time) and buys
 * teacher labels: validation and test rows first (nothing can be proven without them), then
 * training rows (active learning picks them when `maxLabels` is below the training rows;
 * regression buys a seeded random sample). Unsure and failed rows are left out and counted.
 * When the budget runs out the run keeps every label paid for and goes on if there are
 * enough (a warning says so), else throws `budget_exceeded`; too few labels otherwise:
 * `too_few_labels`. Without a teacher session the gold labels are the labels.
 *
 * @example
 * const bought = await buyLabels(options, inputs, session, events);
 * bought.used.train.length; bought.budgetStop?.code; // "budget_exceeded" when the cap was hit
 */
export async function buyLabels(o: LabelOptions, inputs: LoadedInputs, session: TeacherSession | undefined, events: RunEvents): Promise<BoughtLabels> {
  const { kind } = inputs;
  const { parts, groups, grouping, duplicates } = splitParts(o, inputs, events);
  const bought = session
    ? await askTeacher(o, inputs, parts, session, events)
    : goldAsLabels(o, inputs, events);
  const labelOf = bought.labelOf;
  const usable = (part: number[]) => part.filter((i) => labelOf[i] !== null);
  const used: Parts = { train: usable(parts.train), validation: usable(parts.validation), test: usable(parts.test) };
  checkEnough(o, kind, used, labelOf, bought.budgetStop, session !== undefined, events);
  if (bought.counts.unsure + bought.counts.failed > 0) {
    events.warn(`${bought.counts.unsure} row(s) answered "unsure" and ${bought.counts.failed} failed; they were left out of training and evaluation.`);
  }
  return { ...bought, parts, used, groups, grouping, duplicates };
}

type Purchase = Omit<BoughtLabels, "parts" | "used" | "groups" | "grouping" | "duplicates">;

function goldAsLabels(o: LabelOptions, inputs: LoadedInputs, events: RunEvents): Purchase {
  const labelOf = [...inputs.gold!];
  events.progress("label", inputs.rows.length, inputs.rows.length, `gold labels from column "${o.target}"`);
  const missing = labelOf.filter((l) => l === null).length;
  if (missing) events.warn(`${missing} row(s) have no gold label in column "${o.target}"; they were left out of training and evaluation.`);
  return { labelOf, counts: { requested: 0, unsure: 0, failed: 0 }, trainAsked: 0, activeLearning: false, calls: {} };
}

async function askTeacher(o: LabelOptions, inputs: LoadedInputs, parts: Parts, session: TeacherSession, events: RunEvents): Promise<Purchase> {
  const { rows, kind } = inputs;
  const fields = [...inputs.text, ...inputs.features];
  const labelOf: (Label | null)[] = rows.map(() => null);
  const counts = { requested: 0, unsure: 0, failed: 0 };
  const calls: { first?: string; last?: string } = {};
  const maxLabels = Math.min(o.maxLabels ?? parts.train.length, parts.train.length);
  const total = parts.validation.length + parts.test.length + maxLabels;
  /** Buys labels for these rows (nothing once the budget stopped every further call). */
  const buy = async (indices: number[]): Promise<void> => {
    if (indices.length === 0 || session.stopped) return;
    calls.first ??= new Date().toISOString();
    const asked = indices.map((i) => rows[i]);
    const r = kind === "classification"
      ? await labelRows({ teacher: session.teacher, task: o.task, labels: o.labels!, rows: asked, fields, batchSize: LABEL_BATCH, seed: o.seed })
      : await labelValues({ teacher: session.teacher, task: o.task, rows: asked, fields, batchSize: LABEL_BATCH, ...(o.range ? { range: o.range } : {}) });
    const got: (Label | null)[] = "labels" in r ? r.labels : r.values;
    indices.forEach((i, k) => { labelOf[i] = got[k]; });
    // Rows the budget stopped were never asked: they are neither requested nor failed.
    const blocked = r.failures.filter((f) => f.code === "budget_exceeded").length;
    counts.requested += indices.length - blocked;
    counts.unsure += r.unsure;
    counts.failed += r.failures.length - blocked;
    calls.last = new Date().toISOString();
    events.progress("label", counts.requested, total, `${counts.requested}/${total} rows asked`);
  };
  events.progress("label", 0, total, `asking ${session.teacher.model} for labels`);
  await buy(parts.validation);
  await buy(parts.test);
  const train = maxLabels < parts.train.length && kind === "classification"
    ? await buyByActiveLearning(parts.train, maxLabels, inputs, o, session, buy, labelOf)
    : await buySample(parts.train, maxLabels, o.seed, buy);
  const budgetStop = session.budgetError;
  const trainAsked = budgetStop ? parts.train.filter((i) => labelOf[i] !== null).length : train.asked;
  return { labelOf, counts, trainAsked, activeLearning: train.activeLearning, calls, ...(budgetStop ? { budgetStop } : {}) };
}

/** Active learning picks the training rows; once the budget is spent, rows get no label and nothing more is asked. */
async function buyByActiveLearning(
  train: number[], maxLabels: number, inputs: LoadedInputs, o: LabelOptions, session: TeacherSession,
  buy: (indices: number[]) => Promise<void>, labelOf: (Label | null)[],
): Promise<{ asked: number; activeLearning: true }> {
  const { schema, features, text, rows } = inputs;
  const pool = new Featurizer({ schema, features, text, ...(o.target ? { target: o.target } : {}), standardize: true }).fitTransform(train.map((i) => rows[i]));
  let asked = 0;
  await activeLearning({
    X: pool, budget: maxLabels, seed: o.seed,
    label: async (ix) => {
      const chosen = ix.map((k) => train[k]);
      if (session.budgetError) return chosen.map(() => null);
      await buy(chosen);
      asked += chosen.length;
      return chosen.map((i) => labelOf[i] as string | null);
    },
  });
  return { asked, activeLearning: true };
}

/** Shuffled, so a budget that runs out mid-way leaves a sample of every class, not the first rows of the file (regression: maxLabels buys a seeded random sample). */
async function buySample(train: number[], maxLabels: number, seed: number, buy: (indices: number[]) => Promise<void>): Promise<{ asked: number; activeLearning: false }> {
  await buy((new Random(seed).shuffle([...train]) as number[]).slice(0, maxLabels));
  return { asked: maxLabels, activeLearning: false };
}

function checkEnough(
  o: LabelOptions, kind: "classification" | "regression", used: Parts, labelOf: (Label | null)[],
  budgetStop: UnderstudyError | undefined, teacherAsked: boolean, events: RunEvents,
): void {
  const enough = used.train.length >= MIN_LABELS.train && used.validation.length >= MIN_LABELS.validation && used.test.length >= MIN_LABELS.test
    && (kind === "regression" || new Set(used.train.map((i) => labelOf[i])).size >= 2);
  const have = `train ${used.train.length}, validation ${used.validation.length}, test ${used.test.length}`;
  const classification = kind === "classification";
  if (budgetStop) {
    if (!enough) throw new UnderstudyError("budget_exceeded", messages.distill.budgetTooFewLabels(budgetStop.message, have, classification, MIN_LABELS), { cause: budgetStop });
    events.warn(`The budget ran out while labeling (${budgetName(o.budget)}): going on with the labels paid for (${have}).`);
  } else if (!enough) {
    throw new UnderstudyError("too_few_labels", messages.distill.tooFewLabels(have, classification, MIN_LABELS, teacherAsked));
  }
}

function budgetName(budget: Budget | undefined): string {
  if (!budget) return "the teacher's own budget";
  return [budget.maxCalls !== undefined ? `budget.maxCalls = ${budget.maxCalls}` : "", budget.maxUSD !== undefined ? `budget.maxUSD = ${budget.maxUSD}` : ""].filter(Boolean).join(", ");
}
