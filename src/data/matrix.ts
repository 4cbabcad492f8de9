import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";

/**
 * Where a feature came from, so explanations, reports and SQL export can speak in the
 * caller's terms. `column` is the input column; `kind` says which transformation made it.
 */
export interface FeatureOrigin {
  column: string;
  kind:
    | "numeric"
    | "boolean"
    | "onehot"
    | "other"
    | "missing"
    | "tfidf"
    | "concept"
    | "expression"
    | "rule"
    | "raw";
  /** One-hot: the category this column indicates. */
  category?: string;
  /** Free-form detail (the term, the question, the expression text). */
  detail?: string;
}

/** Anything an estimator accepts as X: a Matrix, or rows of numbers. */
export type MatrixLike = Matrix | ArrayLike<ArrayLike<number>>;

/**
 * A dense matrix of float64 values, row-major in one typed array, with named columns.
 * NaN marks a missing value. Estimators take a Matrix or `number[][]`. The constructor throws
 * when `data` does not hold nRows × nCols values or the names do not match the columns.
 *
 * @example
 * const X = Matrix.fromRows([[1, 2], [3, 4]], ["a", "b"]);
 * X.get(1, 0);   // 3
 * X.row(0);      // Float64Array [1, 2] (a view, do not modify)
 */
export class Matrix {
  /** All values, row-major: value (i, j) is `data[i * nCols + j]`. */
  readonly data: Float64Array;
  readonly nRows: number;
  readonly nCols: number;
  /** One name per column (default "x0", "x1", ...). */
  readonly featureNames: string[];
  /** Where each column came from (set by encoders and the featurizer); undefined for plain numbers. */
  readonly origins: FeatureOrigin[] | undefined;

  constructor(
    data: Float64Array,
    nRows: number,
    nCols: number,
    featureNames?: string[],
    origins?: FeatureOrigin[],
  ) {
    if (data.length !== nRows * nCols) {
      throw new UnderstudyError("bad_input", messages.data.matrixSize(data.length, nRows, nCols));
    }
    if (featureNames && featureNames.length !== nCols) {
      throw new UnderstudyError("length_mismatch", messages.data.featureNameCount(featureNames.length, nCols));
    }
    this.data = data;
    this.nRows = nRows;
    this.nCols = nCols;
    this.featureNames = featureNames ?? Array.from({ length: nCols }, (_, j) => `x${j}`);
    this.origins = origins;
  }

  /**
   * Builds a Matrix from rows, checking that every row has the same width and holds numbers
   * (NaN allowed, meaning missing).
   */
  static fromRows(rows: ArrayLike<ArrayLike<number>>, featureNames?: string[]): Matrix {
    if (rows == null || typeof rows.length !== "number") {
      throw new UnderstudyError("bad_input", messages.data.notRowsOrMatrix());
    }
    const nRows = rows.length;
    const nCols = nRows > 0 ? rows[0]?.length ?? 0 : featureNames?.length ?? 0;
    const data = new Float64Array(nRows * nCols);
    for (let i = 0; i < nRows; i++) {
      const row = rows[i];
      if (row == null || row.length !== nCols) {
        throw new UnderstudyError("bad_input", messages.data.raggedRow(i, row == null ? null : row.length, nCols));
      }
      for (let j = 0; j < nCols; j++) {
        const v = row[j];
        if (typeof v !== "number") {
          throw new UnderstudyError("bad_input", messages.data.nonNumericCell(i, j, v));
        }
        data[i * nCols + j] = v;
      }
    }
    return new Matrix(data, nRows, nCols, featureNames);
  }

  /** Returns `X` if it is already a Matrix (keeping its own names), else builds one from its rows. */
  static from(X: MatrixLike, featureNames?: string[]): Matrix {
    if (X instanceof Matrix) return X;
    return Matrix.fromRows(X, featureNames);
  }

  /** The value at row `i`, column `j` (not bounds-checked). */
  get(i: number, j: number): number {
    return this.data[i * this.nCols + j];
  }

  /** Row `i` as a view into the matrix (no copy). */
  row(i: number): Float64Array {
    return this.data.subarray(i * this.nCols, (i + 1) * this.nCols);
  }

  /** Column `j` as a new array. */
  column(j: number): Float64Array {
    const out = new Float64Array(this.nRows);
    for (let i = 0; i < this.nRows; i++) out[i] = this.data[i * this.nCols + j];
    return out;
  }

  /** A new Matrix holding the given rows, in the given order. */
  selectRows(indices: ArrayLike<number>): Matrix {
    const out = new Float64Array(indices.length * this.nCols);
    for (let r = 0; r < indices.length; r++) {
      const i = indices[r];
      out.set(this.data.subarray(i * this.nCols, (i + 1) * this.nCols), r * this.nCols);
    }
    return new Matrix(out, indices.length, this.nCols, this.featureNames, this.origins);
  }

  /** True when any value is NaN. */
  hasMissing(): boolean {
    for (let k = 0; k < this.data.length; k++) if (this.data[k] !== this.data[k]) return true;
    return false;
  }

  /** The rows as plain arrays. */
  toRows(): number[][] {
    const rows: number[][] = [];
    for (let i = 0; i < this.nRows; i++) rows.push(Array.from(this.row(i)));
    return rows;
  }
}
