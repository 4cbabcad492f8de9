import type { SparseRows } from "../standardize.ts";
import { kernelWorkspace, type Workspace } from "./kernel-workspace.ts";

/**
 * Sparse rows copied into WebAssembly memory for the kernels `csrdots` and `csrscatter` of
 * gram.wat; see `packSparseRows`.
 */
export interface PackedSparseRows {
  /** Per-row values for `residualSums`, n entries, written by the caller (a view of the module's memory). */
  residuals: Float64Array;
  /**
   * b + Σⱼ v[j]·xᵢⱼ over row i's stored entries, for every row, summed in entry order (b
   * first), into a view of n entries valid until the next call.
   */
  scores(v: Float64Array, b: number): Float64Array;
  /** Σᵢ residuals[i]·xᵢ (p entries), rows and entries in order; a fresh array. */
  residualSums(): Float64Array;
  /** Hands the memory back for the next fit; the views above are invalid afterwards. */
  release(): void;
}

/**
 * Copies sparse rows (n rows, p columns) into WebAssembly memory, once per fit, for the binary
 * logistic loss over mostly-zero features (TF-IDF): its scores and its gradient are a gather
 * and a scatter through each entry's column, about 3× quicker in WebAssembly than in a
 * JavaScript loop that checks the bounds of every typed-array access, and compiled before the
 * first fit. The sums are made in the JavaScript loop's order, so the results are the same
 * bits. Returns undefined where the kernels cannot run; call `release()` when done.
 *
 * @example
 * const sparse = packSparseRows(rows, n, p);
 * try { sparse?.scores(theta, theta[p]); } finally { sparse?.release(); }
 */
export function packSparseRows(rows: SparseRows, n: number, p: number): PackedSparseRows | undefined {
  const nnz = rows.value.length;
  const starts = (((n + 1) * 4 + 15) & ~15);
  const columns = ((nnz * 4 + 15) & ~15);
  const space = kernelWorkspace(starts + columns + nnz * 8 + 2 * n * 8 + 2 * p * 8 + 64);
  return space && new PackedSparse(space, rows, n, p, starts, columns);
}

/** `PackedSparseRows` over one workspace (a class, so its methods stay the same functions from fit to fit). */
class PackedSparse implements PackedSparseRows {
  readonly residuals: Float64Array;
  private readonly at: { column: number; value: number; v: number; out: number; residuals: number; sums: number };
  private readonly v: Float64Array;
  private readonly out: Float64Array;
  private readonly sums: Float64Array;

  constructor(private readonly space: Workspace, rows: SparseRows, private readonly n: number, private readonly p: number, starts: number, columns: number) {
    const nnz = rows.value.length;
    const column = starts;
    const value = column + columns;
    const v = value + nnz * 8;
    const out = v + ((p * 8 + 15) & ~15);
    const residuals = out + n * 8;
    const sums = residuals + n * 8;
    this.at = { column, value, v, out, residuals, sums };
    const buffer = space.memory.buffer;
    new Int32Array(buffer, 0, n + 1).set(rows.rowStart);
    new Int32Array(buffer, column, nnz).set(rows.column);
    new Float64Array(buffer, value, nnz).set(rows.value);
    this.v = new Float64Array(buffer, v, p);
    this.out = new Float64Array(buffer, out, n);
    this.residuals = new Float64Array(buffer, residuals, n);
    this.sums = new Float64Array(buffer, sums, p);
    space.busy = true;
  }

  scores(v: Float64Array, b: number): Float64Array {
    this.v.set(v.subarray(0, this.p));
    this.space.kernel.csrdots(0, this.at.column, this.at.value, this.n, this.at.v, b, this.at.out);
    return this.out;
  }

  residualSums(): Float64Array {
    this.space.kernel.csrscatter(0, this.at.column, this.at.value, this.n, this.at.residuals, this.at.sums, this.p);
    return this.sums.slice();
  }

  release(): void {
    this.space.busy = false;
  }
}
