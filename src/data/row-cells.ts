// Internal: the cells of rows to featurize, read where they already are (row objects, column
// arrays, an arquero table) instead of being copied into another shape first. Not public API.
import type { ColumnTable } from "arquero";
import { cellOf } from "./cell-of.ts";

/**
 * Rows to featurize, as row objects or as columns. Row objects are read in place (`rows`);
 * columns through `column(name)`. Either way a cell a row does not own is `undefined`, so a
 * column named "constructor" or "toString" never reads an Object method.
 *
 * @example
 * const cells = RowCells.fromRows([{ age: 41 }, { city: "Oslo" }]);
 * cells.has("age");        // true: some row has it
 * cells.column("age");     // [41, undefined]
 * RowCells.fromTable(aq.table({ age: [41, 29] })).column("age"); // [41, 29]
 */
export class RowCells {
  /** Number of rows. */
  readonly nRows: number;
  /** The row objects, when the input was rows (read them in place); undefined for columns. */
  readonly rows: readonly object[] | undefined;
  private readonly columns: ((name: string) => ArrayLike<unknown>) | undefined;
  private readonly names: ReadonlySet<string> | undefined;

  private constructor(nRows: number, rows: readonly object[] | undefined, names?: ReadonlySet<string>, columns?: (name: string) => ArrayLike<unknown>) {
    this.nRows = nRows;
    this.rows = rows;
    this.names = names;
    this.columns = columns;
  }

  /** Row objects, read in place (the caller checks that they are objects). */
  static fromRows(rows: readonly object[]): RowCells {
    return new RowCells(rows.length, rows);
  }

  /** An arquero table (also a filtered or ordered view: cells come in its row order). */
  static fromTable(table: ColumnTable): RowCells {
    // A Set of names, not table.column: arquero's lookup would find Object methods ("toString").
    const direct = !table.isFiltered() && !table.isOrdered();
    const read = (name: string): ArrayLike<unknown> => {
      // The backing array itself when rows are in storage order; a copy in view order otherwise
      // (and for Arrow vectors, which are read through `at`).
      const data = direct ? (table.column(name) as unknown) : undefined;
      return Array.isArray(data) || ArrayBuffer.isView(data) ? (data as unknown as ArrayLike<unknown>) : (table.array(name) as ArrayLike<unknown>);
    };
    return new RowCells(table.numRows(), undefined, new Set(table.columnNames()), read);
  }

  /** Row objects or an arquero table (duck-typed, as toTable does); undefined for anything else. */
  static of(input: unknown): RowCells | undefined {
    if (Array.isArray(input)) return RowCells.fromRows(input);
    const t = input as ColumnTable;
    const table = t !== null && typeof t === "object" && typeof t.columnNames === "function" && typeof t.numRows === "function" && typeof t.array === "function";
    return table ? RowCells.fromTable(t) : undefined;
  }

  /** True when the input has the column (for rows: when at least one row owns it). */
  has(name: string): boolean {
    if (this.names) return this.names.has(name);
    const rows = this.rows!;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (row !== null && typeof row === "object" && Object.hasOwn(row, name)) return true;
    }
    return false;
  }

  /** The column's cells in row order, `undefined` where a row lacks it. */
  column(name: string): ArrayLike<unknown> {
    if (this.columns) return this.has(name) ? this.columns(name) : new Array(this.nRows).fill(undefined);
    return this.rows!.map((r) => cellOf(r, name));
  }
}
