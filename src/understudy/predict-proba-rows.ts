import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { TableInput } from "../data/to-table.ts";
import { decidedProba } from "./decision-rule.ts";
import { rowsOrTable } from "./rows-or-table.ts";
import type { UnderstudyParts } from "./understudy-parts.ts";

/**
 * Class probabilities for each input row, columns in the model's `classes` order. Classifiers
 * with probabilities only (a clear error otherwise). A run with `calibrate: true` returns the
 * calibrated probabilities.
 *
 * @example
 * predictProbaRows(u, [{ body: "WIN a FREE cruise!!!" }]); // [[0.04, 0.96]] for classes ["ham", "spam"]
 */
export function predictProbaRows(u: UnderstudyParts, rows: TableInput): number[][] {
  if (!u.model.predictProba || !u.model.capabilities.probabilities) {
    throw new UnderstudyError("no_probabilities", messages.understudy.noProbabilities(u.model.kind, u.metadata.taskType));
  }
  return decidedProba(u.metadata, u.model.predictProba(u.featurizer.transform(rowsOrTable(rows))));
}
