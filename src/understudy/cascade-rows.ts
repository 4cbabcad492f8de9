import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { TableInput } from "../data/to-table.ts";
import { defaultTeacher } from "../llm/default-teacher.ts";
import type { Teacher } from "../llm/teacher.ts";
import { runCascade, type CascadeResult } from "./cascade-runtime.ts";
import { decidedLabels, decidedProba } from "./decision-rule.ts";
import { rowList } from "./row-list.ts";
import type { UnderstudyParts } from "./understudy-parts.ts";

/** Options of {@link cascadeRows}. */
export interface UnderstudyCascadeOptions {
  /** Who answers the rows the small model is unsure of. Default: the teacher the environment configures. */
  teacher?: Teacher;
  /** Confidence at or above which the small model answers. Default: the threshold chosen on out-of-fold predictions at distill time. */
  threshold?: number;
}

/**
 * Small model first, teacher when unsure: rows whose confidence reaches the threshold chosen
 * at distill time (for `cascadeTarget` agreement on out-of-fold predictions) are answered by the
 * small model; the rest go to the teacher. Reports coverage, calls and the cost saved
 * against sending every row to the teacher.
 *
 * @example
 * const r = await cascadeRows(u, rows, { teacher });
 * r.coverage; r.savedUSD;
 */
export async function cascadeRows(u: UnderstudyParts, rows: TableInput, options: UnderstudyCascadeOptions = {}): Promise<CascadeResult> {
  const m = u.metadata;
  if (m.taskType !== "classification" || !m.labels || !u.model.predictProba) {
    throw new UnderstudyError("unsupported_model", messages.understudy.cascadeNeedsProbabilities());
  }
  const threshold = options.threshold ?? m.metrics.cascade?.threshold;
  if (threshold === undefined) throw new UnderstudyError("bad_option", messages.understudy.cascadeNoThreshold());
  const teacher = options.teacher ?? defaultTeacher();
  if (!teacher) throw new UnderstudyError("no_teacher", messages.understudy.cascadeNoTeacher());
  const list = rowList(rows);
  // As predict and predictProba decide (calibration, cutoff), and as the threshold was chosen.
  const probabilities = decidedProba(m, u.model.predictProba(u.featurizer.transform(list)));
  const classes = u.model.classes!;
  return runCascade({
    rows: list, predictions: decidedLabels(m, probabilities, classes), probabilities, classes,
    threshold, teacher, task: m.task, labels: m.labels, fields: [...m.text, ...m.features.filter((f) => !m.text.includes(f))],
    costPerRowUSD: m.stats.labelCostPerRowUSD,
    ...(m.metrics.cascade && threshold === m.metrics.cascade.threshold ? { heldOut: m.metrics.cascade.test } : {}),
  });
}
