import { kernelWorkspace, type Workspace } from "./kernel-workspace.ts";

/**
 * Rows copied into WebAssembly memory as ãᵢ = [xᵢ, extra[i]] (p + 1 values), laid out for the
 * SIMD kernels of gram.wat; see `packRows`. Vectors passed in and returned have p + 1 entries.
 */
export interface PackedRows {
  /** Per-row weights wᵢ used by the methods below, n entries, written by the caller (a view of the module's memory). */
  weights: Float64Array;
  /** Σᵢ wᵢ·ãᵢ. */
  columnSums(): Float64Array;
  /** Σᵢ wᵢ·(ãᵢ − c)², entry by entry. */
  squaredDeviations(c: Float64Array): Float64Array;
  /**
   * In one pass over the rows: `columnSums()`; per entry, the number of non-zero values
   * (every row, whatever its weight); and per entry, the number of rows with wᵢ ≠ 0 whose
   * value differs from c's.
   */
  columnStats(c: Float64Array): { sums: Float64Array; nonZero: Float64Array; differ: Float64Array };
  /** Subtracts `c` from every row: ãᵢ ← ãᵢ − c (centring). */
  shift(c: Float64Array): void;
  /** Σᵢ wᵢ·ãᵢãᵢᵀ, (p + 1) × (p + 1) row-major, both halves filled. */
  gram(): Float64Array;
  /** ãᵢ·v for every row, into a view of n entries (valid until the next call). */
  dots(v: Float64Array): Float64Array;
  /**
   * v[p] + Σⱼ v[j]·xᵢⱼ (j < p) for every row, summed in that order (the intercept first, then
   * j = 0, 1, …, as the JavaScript losses sum their scores: bit for bit theirs), into the view
   * `dots` returns (valid until the next call).
   */
  scores(v: Float64Array): Float64Array;
  /** Σᵢ wᵢ·(ãᵢ·v)·ãᵢ. */
  project(v: Float64Array): Float64Array;
  /** Hands the memory back for the next fit; the views above are invalid afterwards. */
  release(): void;
}

/**
 * Copies the n × p row-major X into WebAssembly memory as rows [x, extra, 0 …] of stride s
 * (p + 1 rounded up to a multiple of 4, so the Gram kernel's 2 × 4 tiles never leave a row),
 * for weighted column sums, centring, Gram matrices and projections over the same rows:
 * least squares packs [x, y] (one Gram matrix then holds XᵀWX, XᵀWy and yᵀWy), Newton's
 * Hessian packs [x, 1] once and builds one Gram matrix per iteration. Returns undefined where
 * WebAssembly SIMD is unavailable or the rows need more than 2 GiB: the caller then runs its
 * JavaScript loops. Call `release()` when done (in a `finally`), so the next fit reuses the
 * memory. Why WebAssembly: the Gram kernel keeps four two-lane sums in registers per tile
 * (f64x2), about 3.5× the JavaScript loop on 16,000 × 20, and every pass here is compiled
 * before its first call, where a JavaScript loop over the rows runs unoptimized through the
 * first fits of a process (20–50 ms instead of 3–5 on 16,000 × 20).
 *
 * @example
 * const packed = packRows(X.data, n, p, y)!;
 * try {
 *   packed.weights.set(w);
 *   const G = packed.gram(); // [XᵀWX, XᵀWy; yᵀWX, yᵀWy]
 * } finally {
 *   packed.release();
 * }
 */
export function packRows(X: Float64Array, n: number, p: number, extra: ArrayLike<number>): PackedRows | undefined {
  const s = (p + 4) & ~3;
  const space = kernelWorkspace(n * s * 8 + 3 * ((n + 1) & ~1) * 8 + (s + 2) * s * 8); // rows, three n-vectors, two s-vectors, G
  return space && new Packed(space, X, n, p, extra);
}

/**
 * `PackedRows` over one workspace. A class, not an object of closures: its methods are the
 * same functions from fit to fit, so V8's optimized callers keep their call targets.
 */
class Packed implements PackedRows {
  readonly weights: Float64Array;
  private readonly q: number;
  private readonly s: number;
  private readonly at: { weights: number; dots: number; vector: number; out: number; gram: number };
  private readonly vector: Float64Array;
  private readonly out: Float64Array;
  private readonly dotsView: Float64Array;
  private readonly G: Float64Array;

  constructor(private readonly space: Workspace, X: Float64Array, private readonly n: number, p: number, extra: ArrayLike<number>) {
    const q = (this.q = p + 1);
    const s = (this.s = (q + 3) & ~3);
    const column = ((n + 1) & ~1) * 8; // bytes of one n-vector, rounded so what follows stays 16-byte aligned
    const weights = n * s * 8;
    const extraAt = weights + column;
    const dots = extraAt + column;
    const vector = dots + column;
    const out = vector + s * 8;
    this.at = { weights, dots, vector, out, gram: out + s * 8 };
    const buffer = space.memory.buffer;
    new Float64Array(buffer, 0, n * p).set(X.subarray(0, n * p));
    new Float64Array(buffer, extraAt, n).set(extra);
    this.vector = new Float64Array(buffer, vector, s);
    this.out = new Float64Array(buffer, out, s);
    this.dotsView = new Float64Array(buffer, dots, n);
    this.G = new Float64Array(buffer, this.at.gram, s * s);
    this.weights = new Float64Array(buffer, weights, n);
    space.kernel.pack(0, n, p, s, extraAt);
    space.busy = true;
  }

  columnSums(): Float64Array {
    this.space.kernel.colsums(0, this.n, this.s, this.at.weights, this.at.out);
    return this.out.slice(0, this.q);
  }

  squaredDeviations(c: Float64Array): Float64Array {
    this.input(c);
    this.space.kernel.sqdev(0, this.n, this.s, this.at.weights, this.at.vector, this.at.out);
    return this.out.slice(0, this.q);
  }

  columnStats(c: Float64Array): { sums: Float64Array; nonZero: Float64Array; differ: Float64Array } {
    this.input(c);
    // The Gram matrix's space (s × s ≥ 2s entries) holds the two counts; `gram()` clears it.
    const { s, q } = this;
    const nonZeroAt = this.at.gram;
    const differAt = nonZeroAt + s * 8;
    this.space.kernel.stats(0, this.n, s, this.at.weights, this.at.vector, this.at.out, nonZeroAt, differAt);
    return { sums: this.out.slice(0, q), nonZero: this.G.slice(0, q), differ: this.G.slice(s, s + q) };
  }

  shift(c: Float64Array): void {
    this.input(c);
    this.space.kernel.shift(0, this.n, this.s, this.at.vector);
  }

  gram(): Float64Array {
    const { q, s, G } = this;
    G.fill(0);
    this.space.kernel.syrk(0, this.n, s, q, this.at.weights, this.at.gram);
    const full = new Float64Array(q * q);
    for (let j = 0; j < q; j++) {
      for (let k = j; k < q; k++) full[j * q + k] = full[k * q + j] = G[j * s + k];
    }
    return full;
  }

  dots(v: Float64Array): Float64Array {
    this.input(v);
    this.space.kernel.dots(0, this.n, this.s, this.at.vector, this.at.dots);
    return this.dotsView;
  }

  scores(v: Float64Array): Float64Array {
    this.input(v);
    this.space.kernel.affine(0, this.n, this.q - 1, this.s, this.at.vector, v[this.q - 1], this.at.dots);
    return this.dotsView;
  }

  project(v: Float64Array): Float64Array {
    this.input(v);
    this.space.kernel.project(0, this.n, this.s, this.at.vector, this.at.weights, this.at.out);
    return this.out.slice(0, this.q);
  }

  release(): void {
    this.space.busy = false;
  }

  /** `v` (q entries) into the kernels' vector slot, zero-padded to s. */
  private input(v: Float64Array): void {
    this.vector.fill(0);
    this.vector.set(v.subarray(0, this.q));
  }
}
