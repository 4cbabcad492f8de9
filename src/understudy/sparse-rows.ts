import { Matrix } from "../data/matrix.ts";

/**
 * A few feature rows stored compactly in JSON: per row, the [column, value] pairs that are not
 * zero (TF-IDF rows are mostly zeros); NaN is stored as null since JSON has no NaN.
 *
 * @example
 * const stored = toSparseRows(X, 20);
 * fromSparseRows(stored, X.featureNames).row(0); // the first row of X, exactly
 */
export function toSparseRows(X: Matrix, limit: number): [number, number | null][][] {
  const out: [number, number | null][][] = [];
  for (let i = 0; i < Math.min(limit, X.nRows); i++) {
    const row: [number, number | null][] = [];
    X.row(i).forEach((v, j) => { if (v !== 0) row.push([j, Number.isNaN(v) ? null : v]); });
    out.push(row);
  }
  return out;
}

/**
 * The inverse of {@link toSparseRows}.
 *
 * @example
 * fromSparseRows([[[0, 1.5]], [[1, null]]], ["a", "b"]).toRows(); // [[1.5, 0], [0, NaN]]
 */
export function fromSparseRows(rows: [number, number | null][][], featureNames: string[]): Matrix {
  const F = featureNames.length;
  const data = new Float64Array(rows.length * F);
  rows.forEach((row, i) => { for (const [j, v] of row) data[i * F + j] = v === null ? NaN : v; });
  return new Matrix(data, rows.length, F, featureNames);
}
