import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { missingMarkers } from "../data/cell-values.ts";
import type { ModelChoice } from "../understudy/choose-model.ts";
import type { DistillOptions, SplitFractions, SplitOption } from "./distill-options.ts";

export type { Costs, DecisionOptions, SplitFractions, SplitOption } from "./distill-options.ts";

/** The split after checking: shares filled in, `by` or `group` when given. */
export type CheckedSplit = SplitFractions & { by?: string; group?: string };

/** {@link DistillOptions} after checking, with every default filled in. */
export type CheckedOptions = Omit<DistillOptions, "text" | "seed" | "model" | "split" | "cascadeTarget"> & {
  text?: string[];
  seed: number;
  model: ModelChoice;
  split: CheckedSplit;
  cascadeTarget: number;
};

const MODELS: readonly ModelChoice[] = ["auto", "tree", "logistic", "linear", "knn", "forest", "ebm"];

/**
 * Stage 1: checks every option that can be checked without the data, and fills in defaults.
 * Throws one UnderstudyError naming the bad value and the fix.
 *
 * @example
 * checkOptions({ data: rows, task: "Is this email spam?", labels: ["spam", "ham"] }).split;
 * // { train: 0.6, validation: 0.2, test: 0.2 }
 */
export function checkOptions(options: DistillOptions): CheckedOptions {
  if (options === null || typeof options !== "object") throw new UnderstudyError("bad_option", messages.distill.optionsNotObject());
  const o = options;
  if (o.data === undefined || o.data === null) throw new UnderstudyError("bad_option", messages.distill.dataMissing());
  if (typeof o.task !== "string" || o.task.trim() === "") throw new UnderstudyError("bad_option", messages.distill.taskMissing());
  checkLabels(o.labels);
  const model = o.model ?? "auto";
  if (!MODELS.includes(model)) throw new UnderstudyError("bad_option", messages.distill.badModel(model));
  const seed = o.seed ?? 0;
  if (!Number.isInteger(seed)) throw new UnderstudyError("bad_option", messages.distill.badSeed(seed));
  const split = checkSplit(o.split);
  // No default: without one, model choice uses the best candidate's standard error (at most 0.005).
  if (o.tolerance !== undefined && !(o.tolerance >= 0 && o.tolerance < 1)) throw new UnderstudyError("bad_option", messages.distill.badTolerance(o.tolerance));
  if (o.exportable !== undefined && typeof o.exportable !== "boolean") throw new UnderstudyError("bad_option", messages.distill.badExportable(o.exportable));
  const cascadeTarget = o.cascadeTarget ?? 0.99;
  if (!(cascadeTarget > 0 && cascadeTarget <= 1)) throw new UnderstudyError("bad_option", messages.distill.badCascadeTarget(cascadeTarget));
  if (o.maxLabels !== undefined && !(Number.isInteger(o.maxLabels) && o.maxLabels >= 1)) throw new UnderstudyError("bad_option", messages.distill.badMaxLabels(o.maxLabels));
  if (o.sample !== undefined) checkSample(o.sample, o.data);
  if (o.concepts !== undefined && typeof o.concepts === "object" && !(Number.isInteger(o.concepts.k) && o.concepts.k >= 1 && o.concepts.k <= 50)) {
    throw new UnderstudyError("bad_option", messages.distill.badConceptsK(o.concepts.k));
  }
  if (o.teacher !== undefined && o.teacher !== false && (o.teacher === null || typeof o.teacher.ask !== "function")) {
    throw new UnderstudyError("bad_teacher", messages.distill.notATeacher());
  }
  checkRange(o.range, o.labels);
  checkMonotone(o.monotone);
  if (o.missing !== undefined) missingMarkers(o.missing);
  if (o.command !== undefined && typeof o.command !== "string") throw new UnderstudyError("bad_option", messages.distill.badCommand(o.command));
  checkDecision(o);
  const text = o.text === undefined ? undefined : typeof o.text === "string" ? [o.text] : [...o.text];
  // The explained/scored class of a classification, decided here once for every later stage.
  const positive = o.positive ?? o.labels?.[0];
  return { ...o, text, seed, model, split, cascadeTarget, ...(positive !== undefined ? { positive } : {}) };
}

const SPLIT_KEYS = ["train", "validation", "test", "by", "group"];

function checkSplit(given: SplitOption | undefined): CheckedSplit {
  if (given === undefined) return { train: 0.6, validation: 0.2, test: 0.2 };
  if (given === null || typeof given !== "object" || Array.isArray(given)) throw new UnderstudyError("bad_option", messages.distill.splitShares(given));
  const unknown = Object.keys(given).find((k) => !SPLIT_KEYS.includes(k));
  if (unknown !== undefined) throw new UnderstudyError("bad_option", messages.distill.splitUnknownKey(unknown, SPLIT_KEYS));
  const { by, group } = given;
  for (const [key, column] of [["by", by], ["group", group]] as const) {
    if (column !== undefined && (typeof column !== "string" || column.trim() === "")) throw new UnderstudyError("bad_option", messages.distill.splitColumnName(key, column));
  }
  if (by !== undefined && group !== undefined) throw new UnderstudyError("bad_option", messages.distill.splitByAndGroup(by, group));
  const shares = [given.train, given.validation, given.test];
  const fractions = shares.every((x) => x === undefined) ? { train: 0.6, validation: 0.2, test: 0.2 } : { train: given.train!, validation: given.validation!, test: given.test! };
  if (!(fractions.train > 0 && fractions.validation > 0 && fractions.test > 0) || Math.abs(fractions.train + fractions.validation + fractions.test - 1) > 1e-9) {
    throw new UnderstudyError("bad_option", messages.distill.splitShares(given));
  }
  return { ...fractions, ...(by !== undefined ? { by } : {}), ...(group !== undefined ? { group } : {}) };
}

function checkSample(sample: unknown, data: unknown): void {
  if (!(Number.isInteger(sample) && (sample as number) >= 1)) throw new UnderstudyError("bad_option", messages.distill.badSample(sample));
  if (typeof data !== "string") throw new UnderstudyError("bad_option", messages.distill.sampleNeedsFile());
}

function checkDecision(o: DistillOptions): void {
  if (o.positive !== undefined && !(o.labels && o.labels.includes(o.positive))) throw new UnderstudyError("bad_option", messages.distill.badPositive(o.positive, o.labels));
  if (o.classWeight !== undefined) {
    if (o.classWeight !== "balanced") throw new UnderstudyError("bad_option", messages.distill.badClassWeight(o.classWeight));
    if (!o.labels) throw new UnderstudyError("bad_option", messages.distill.classWeightNeedsLabels());
    if (o.model === "knn") throw new UnderstudyError("bad_option", messages.distill.classWeightKnn());
  }
  if (o.costs !== undefined && o.targetRate !== undefined) throw new UnderstudyError("bad_option", messages.distill.costsAndTargetRate());
  for (const [option, given] of [["costs", o.costs], ["targetRate", o.targetRate]] as const) {
    if (given !== undefined && o.labels?.length !== 2) throw new UnderstudyError("bad_option", messages.distill.cutoffNeedsBinary(option, o.labels));
  }
  const c = o.costs;
  if (c !== undefined) {
    const cost = (v: unknown) => typeof v === "number" && Number.isFinite(v) && v >= 0;
    if (c === null || typeof c !== "object" || !cost(c.falsePositive) || !cost(c.falseNegative) || c.falsePositive + c.falseNegative === 0) {
      throw new UnderstudyError("bad_option", messages.distill.badCosts(c));
    }
  }
  if (o.targetRate !== undefined && !(typeof o.targetRate === "number" && o.targetRate > 0 && o.targetRate < 1)) throw new UnderstudyError("bad_option", messages.distill.badTargetRate(o.targetRate));
  if (o.calibrate !== undefined) {
    if (typeof o.calibrate !== "boolean") throw new UnderstudyError("bad_option", messages.distill.badCalibrate(o.calibrate));
    if (o.calibrate && !o.labels) throw new UnderstudyError("bad_option", messages.distill.calibrateNeedsLabels());
  }
}

function checkLabels(labels: string[] | undefined): void {
  if (labels === undefined) return;
  if (!Array.isArray(labels) || labels.length < 2 || new Set(labels).size !== labels.length || labels.some((l) => typeof l !== "string" || l.trim() === "")) {
    throw new UnderstudyError("bad_labels", messages.distill.badLabels(labels));
  }
  if (labels.includes("unsure")) throw new UnderstudyError("bad_labels", messages.distill.unsureReserved());
}

// The shape only; whether each column is numeric is checked once the features exist (selectCandidates).
function checkMonotone(monotone: unknown): void {
  if (monotone === undefined) return;
  const ok = typeof monotone === "object" && monotone !== null && !Array.isArray(monotone) &&
    Object.values(monotone).every((d) => d === "increasing" || d === "decreasing");
  if (!ok) throw new UnderstudyError("bad_option", messages.distill.badMonotone(monotone));
}

function checkRange(range: [number, number] | undefined, labels: string[] | undefined): void {
  if (range === undefined) return;
  if (!(Array.isArray(range) && range.length === 2 && range.every((v) => typeof v === "number" && Number.isFinite(v)) && range[0] < range[1])) {
    throw new UnderstudyError("bad_option", messages.distill.badRange(range));
  }
  if (labels) throw new UnderstudyError("bad_option", messages.distill.rangeWithLabels());
}
