import type { TableInput } from "../data/to-table.ts";
import type { Label } from "../models/estimator.ts";
import { rowsOrTable } from "./rows-or-table.ts";
import type { UnderstudyParts } from "./understudy-parts.ts";

/**
 * The small model's label (or value) for each input row: featurize, then predict. Synchronous;
 * no teacher is called.
 *
 * @example
 * predictRows(u, [{ body: "WIN a FREE cruise!!!" }]); // ["spam"]
 */
export function predictRows(u: UnderstudyParts, rows: TableInput): Label[] {
  return u.model.predict(u.featurizer.transform(rowsOrTable(rows)));
}
