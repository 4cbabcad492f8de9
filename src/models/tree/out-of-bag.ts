import { UnderstudyError } from "../../core/errors.ts";
import { messages } from "../../core/messages/index.ts";
import { logger } from "../../core/logger.ts";

/**
 * The rows that at least one tree left out of its bootstrap sample, which are the rows an
 * out-of-bag score can use. Warns when some rows were never left out (too few trees), as
 * scikit-learn does, and throws when none were.
 *
 * @example
 * outOfBagRows("RandomForestClassifier", Int32Array.from([2, 0, 1])); // [0, 2]
 */
export function outOfBagRows(kind: string, counts: Int32Array): number[] {
  const rows: number[] = [];
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) rows.push(i);
  if (rows.length === 0) {
    throw new UnderstudyError("not_fittable", messages.models.noOutOfBagRows(kind));
  }
  if (rows.length < counts.length) {
    logger().warn(
      `${kind}: ${counts.length - rows.length} of ${counts.length} rows were in every bootstrap sample; the out-of-bag score leaves them out. Use more trees for a score over every row.`,
    );
  }
  return rows;
}
