import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { explainRow, type Explanation } from "./explain-row.ts";
import type { UnderstudyParts } from "./understudy-parts.ts";

/** Options of {@link explainInputRow}. */
export interface ExplainOptions {
  /** Reason codes listed in `text` and `reasons.codes`. Default 5. */
  top?: number;
}

/**
 * Explains one input row (an object of column values): featurizes it and explains the small
 * model's decision against the training baseline stored in the bundle.
 *
 * @example
 * explainInputRow(u, { body: "WIN a FREE cruise!!!" }, { top: 3 }).text;
 */
export function explainInputRow(u: UnderstudyParts, row: Record<string, unknown>, options: ExplainOptions = {}): Explanation {
  if (row === null || typeof row !== "object" || Array.isArray(row)) {
    throw new UnderstudyError("bad_input", messages.understudy.rowNotObject());
  }
  return explainRow(u.model, u.featurizer.transform([row]), u.metadata.artefacts.baseline, options.top ?? 5);
}
