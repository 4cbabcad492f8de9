import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { categoryOfCell, isMissingCell, numberOfCell } from "../data/cell-values.ts";
import type { TableInput } from "../data/to-table.ts";
import { populationStability } from "./population-stability.ts";
import { rowList } from "./row-list.ts";
import { modelOutput } from "./model-output.ts";
import { binOf, numericBinLabel, type QuantileBins } from "./quantile-bins.ts";
import type { ColumnReference, TrainingReference } from "./training-reference.ts";
import type { UnderstudyParts } from "./understudy-parts.ts";

/** PSI above this is a significant shift: the column is listed in `drifted`. */
export const DRIFT_THRESHOLD = 0.25;

/** One bin of a drift comparison: its label, the training share and the new rows' share. */
export interface DriftBin {
  bin: string;
  expected: number;
  actual: number;
}

/** What {@link monitorRows} returns. */
export interface MonitorResult {
  /** Rows monitored. */
  rows: number;
  /** PSI of every input column the model reads, in the model's order, with its bins. */
  columns: { column: string; psi: number; bins: DriftBin[] }[];
  /** PSI of the model's output (probability of the first label, or the predicted value). */
  prediction: { output: string; psi: number; bins: DriftBin[] };
  /** Input columns with PSI > 0.25, most shifted first. */
  drifted: string[];
}

/**
 * Drift of new rows against the training rows, as the population stability index (PSI) of
 * every input column the model reads and of its output: numeric columns over the training
 * deciles, categorical ones over their training levels (unseen levels together in one "other"
 * bin), missing values in a bin of their own, empty bins floored at 1e-4. Text and id columns
 * are not monitored. The training distributions are the ones stored in the bundle at distill time.
 *
 * @example
 * const m = monitorRows(u, newRows);
 * m.drifted;        // ["income"]
 * m.prediction.psi; // 0.04
 */
export function monitorRows(u: UnderstudyParts, rows: TableInput): MonitorResult {
  const reference = referenceOf(u, "monitor");
  const list = rowList(rows);
  if (list.length === 0) throw new UnderstudyError("empty_input", messages.understudy.monitorNoRows());
  const columns = reference.columns.map((c) => {
    const bins = c.kind === "numeric" ? numericDrift(c, list.map((r) => (isMissingCell(r?.[c.column]) ? NaN : numberOfCell(r[c.column])))) : categoricalDrift(c, list.map((r) => r?.[c.column]));
    return { column: c.column, psi: psiOf(bins), bins };
  });
  const output = modelOutput(u.model, u.featurizer.transform(list), u.metadata);
  const predictionBins = numericDrift(reference.prediction, output);
  return {
    rows: list.length,
    columns,
    prediction: { output: reference.prediction.output, psi: psiOf(predictionBins), bins: predictionBins },
    drifted: columns.filter((c) => c.psi > DRIFT_THRESHOLD).sort((a, b) => b.psi - a.psi).map((c) => c.column),
  };
}

/**
 * The training distributions stored at distill time, or an error saying the bundle predates them.
 *
 * @example
 * referenceOf(u, "scorecard").columns.length;
 */
export function referenceOf(u: UnderstudyParts, method: string): TrainingReference {
  const reference = u.metadata.reference;
  if (!reference) throw new UnderstudyError("not_measured", messages.understudy.noTrainingReference(method));
  return reference;
}

function psiOf(bins: DriftBin[]): number {
  return populationStability(bins.map((b) => b.expected), bins.map((b) => b.actual));
}

function numericDrift(reference: QuantileBins, values: readonly number[]): DriftBin[] {
  const counts = new Array<number>(reference.shares.length + 1).fill(0);
  for (const v of values) counts[Number.isFinite(v) ? binOf(reference.edges, v) : reference.shares.length]++;
  const n = values.length;
  return [...reference.shares, reference.missing].map((expected, b) => ({ bin: numericBinLabel(reference.edges, b), expected, actual: counts[b] / n }));
}

function categoricalDrift(reference: Extract<ColumnReference, { kind: "categorical" }>, values: readonly unknown[]): DriftBin[] {
  const index = new Map(reference.levels.map((l, k) => [l, k]));
  const other = reference.levels.length;
  const counts = new Array<number>(other + 2).fill(0);
  for (const v of values) counts[isMissingCell(v) ? other + 1 : index.get(categoryOfCell(v)) ?? other]++;
  const n = values.length;
  const labels = [...reference.levels, "other", "missing"];
  return [...reference.shares, reference.other, reference.missing].map((expected, b) => ({ bin: labels[b], expected, actual: counts[b] / n }));
}
