import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";

/** One forward-chained fold: row indices, ascending; every training row is earlier than every validation row. */
export interface ForwardFold {
  train: number[];
  test: number[];
}

/**
 * Forward-chained (expanding-window) folds for out-of-time validation, as credit validators
 * require: the rows, in time order, are cut into `folds + 1` blocks of about equal size, and
 * fold k validates on block k and trains on every earlier block (scikit-learn's
 * TimeSeriesSplit). Rows with equal times stay in one block (a cut moves forward past them),
 * so no model is validated on rows of a time it trained on; blocks a tie emptied are dropped,
 * so there may be fewer folds. The earliest block only ever trains. `times` ranks or
 * timestamps, one per row; needs at least two distinct times.
 *
 * @example
 * forwardFolds([0, 0, 1, 2, 3, 4], 2);
 * // [{ train: [0, 1], test: [2, 3] }, { train: [0, 1, 2, 3], test: [4, 5] }]
 */
export function forwardFolds(times: ArrayLike<number>, folds: number): ForwardFold[] {
  const n = times.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => times[a] - times[b] || a - b);
  const distinct = order.filter((i, q) => q === 0 || times[i] !== times[order[q - 1]]).length;
  if (!Number.isInteger(folds) || folds < 1 || folds >= distinct) {
    throw new UnderstudyError("bad_option", messages.evaluate.forwardFoldCount(folds, distinct));
  }
  // Block starts: the nearest position at or after each equal-size cut where the time changes.
  const starts = [0];
  for (let b = 1; b <= folds; b++) {
    let q = Math.max(Math.round((b * n) / (folds + 1)), starts[starts.length - 1] + 1);
    while (q < n && times[order[q]] === times[order[q - 1]]) q++;
    if (q < n && q > starts[starts.length - 1]) starts.push(q);
  }
  starts.push(n);
  const ascending = (qs: number[]) => qs.map((q) => order[q]).sort((a, b) => a - b);
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
  return starts.slice(1, -1).map((start, k) => ({ train: ascending(range(0, start)), test: ascending(range(start, starts[k + 2])) }));
}
