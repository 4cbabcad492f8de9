import type { Label } from "../models/estimator.ts";
import type { BuiltFeatures } from "./build-features.ts";
import type { BoughtLabels } from "./buy-labels.ts";
import type { CheckedOptions } from "./check-options.ts";
import type { FitCandidatesInput } from "./fit-candidates.ts";
import { foldFeaturizer } from "./fold-featurizer.ts";
import { modelMonotone } from "./monotone-check.ts";
import type { LoadedInputs } from "./load-inputs.ts";
import type { RunEvents } from "./run-events.ts";

/**
 * What model choice gets from the stages before it: every labelled train + validation row (in
 * that order; test rows only measure), their group ids (copies of a row, or one entity, stay in
 * one fold), and the featurizer to refit inside each fold.
 *
 * @example
 * const fit = await fitCandidates(candidatesInput(checked, inputs, bought, built, events));
 */
export function candidatesInput(
  checked: CheckedOptions, inputs: LoadedInputs, bought: BoughtLabels, built: BuiltFeatures, events: RunEvents,
): FitCandidatesInput {
  const labelled = [...bought.used.train, ...bought.used.validation];
  const rowsOf = (part: number[]) => part.map((i) => inputs.rows[i]);
  const groupIds = Int32Array.from(labelled, (i) => bought.groups[i]);
  const unlabelledTrain = bought.parts.train.filter((i) => bought.labelOf[i] === null);
  return {
    kind: inputs.kind, model: checked.model, seed: checked.seed,
    ...(checked.tolerance !== undefined ? { tolerance: checked.tolerance } : {}),
    exportable: checked.exportable === true,
    ...(checked.classWeight ? { classWeight: checked.classWeight } : {}),
    ...(checked.monotone ? { monotone: modelMonotone(checked.monotone, [...new Set(labelled.map((i) => bought.labelOf[i] as Label))].sort(), checked.positive) } : {}),
    labelled: { rows: rowsOf(labelled), y: labelled.map((i) => bought.labelOf[i] as Label) },
    // Out of time the group ids are time ranks: the folds then run forward in time.
    ...(bought.grouping === "time" ? { times: groupIds } : { groups: groupIds }),
    featurizerOn: foldFeaturizer(built.featurizer, rowsOf(bought.parts.train), rowsOf(unlabelledTrain)),
    onProgress: (done, total, message) => events.progress("fit", done, total, message),
    warn: (message) => events.warn(message),
  };
}
