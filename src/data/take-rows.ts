import { table, type ColumnTable } from "arquero";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";

/**
 * A new table holding the given rows of `source`, in the given order (repeats allowed), with
 * all its columns: how a split from `splitRows` becomes train, validation and test tables.
 *
 * @example
 * const t = toTable({ a: [10, 20, 30, 40] });
 * const { train } = splitRows(4, { fractions: { train: 0.5, validation: 0.25, test: 0.25 } });
 * takeRows(t, train).numRows();             // 2
 * takeRows(t, [3, 0]).array("a");           // [40, 10]
 */
export function takeRows(source: ColumnTable, indices: ArrayLike<number>): ColumnTable {
  const n = source.numRows();
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new UnderstudyError("bad_input", messages.data.rowIndexOutOfRange(i, k, n));
    }
  }
  const names = source.columnNames();
  const columns: Record<string, unknown[]> = {};
  for (const name of names) {
    const all = source.array(name) as ArrayLike<unknown>;
    const picked = new Array(indices.length);
    for (let k = 0; k < indices.length; k++) picked[k] = all[indices[k]];
    columns[name] = picked;
  }
  return table(columns, names);
}
