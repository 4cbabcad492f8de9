import type { TableInput } from "../data/to-table.ts";
import type { Label } from "../models/estimator.ts";
import { decidedLabels, decidedProba, hasDecisionRule } from "./decision-rule.ts";
import { rowsOrTable } from "./rows-or-table.ts";
import type { UnderstudyParts } from "./understudy-parts.ts";

/**
 * The small model's label (or value) for each input row: featurize, then predict. Synchronous;
 * no teacher is called. A run with a decision cutoff (`costs`, `targetRate`) or a calibration
 * decides from the (calibrated) probabilities by that rule.
 *
 * @example
 * predictRows(u, [{ body: "WIN a FREE cruise!!!" }]); // ["spam"]
 */
export function predictRows(u: UnderstudyParts, rows: TableInput): Label[] {
  const X = u.featurizer.transform(rowsOrTable(rows));
  if (!hasDecisionRule(u.metadata) || !u.model.predictProba) return u.model.predict(X);
  return decidedLabels(u.metadata, decidedProba(u.metadata, u.model.predictProba(X)), u.model.classes!);
}
