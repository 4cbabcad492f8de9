import { GRAM_WASM_BASE64 } from "./gram-wasm.ts";

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
  /** Per entry, the number of rows with wᵢ ≠ 0 whose value differs from c's. */
  countDifferent(c: Float64Array): Float64Array;
  /** Subtracts `c` from every row: ãᵢ ← ãᵢ − c (centring). */
  shift(c: Float64Array): void;
  /** Σᵢ wᵢ·ãᵢãᵢᵀ, (p + 1) × (p + 1) row-major, both halves filled. */
  gram(): Float64Array;
  /** ãᵢ·v for every row, into a view of n entries (valid until the next call). */
  dots(v: Float64Array): Float64Array;
  /** Σᵢ wᵢ·(ãᵢ·v)·ãᵢ. */
  project(v: Float64Array): Float64Array;
  /** Hands the memory back for the next fit; the views above are invalid afterwards. */
  release(): void;
}

type GramExports = {
  pack(a: number, n: number, p: number, s: number, centre: number, extra: number): void;
  colsums(a: number, n: number, s: number, w: number, out: number): void;
  shift(a: number, n: number, s: number, c: number): void;
  syrk(a: number, n: number, s: number, q: number, w: number, g: number): void;
  project(a: number, n: number, s: number, v: number, w: number, out: number): void;
  dots(a: number, n: number, s: number, v: number, out: number): void;
  sqdev(a: number, n: number, s: number, w: number, c: number, out: number): void;
  countne(a: number, n: number, s: number, w: number, c: number, out: number): void;
};

// wasm32 addresses are 32-bit; V8 caps one memory at 4 GiB. Past 2 GiB the JavaScript kernels run.
const MAX_BYTES = 2 ** 31;
const PAGE = 65536;
let compiled: WebAssembly.Module | null | undefined;
let enabled = true;

/**
 * Turns the WebAssembly kernels off (`packRows` then returns undefined, so every caller runs
 * its JavaScript loops) or back on; returns the previous setting. For tests that check the two
 * paths give the same models, and for timing one against the other.
 *
 * @example
 * const before = setWasmKernels(false);
 * try { new LinearRegression().fit(X, y); } finally { setWasmKernels(before); }
 */
export function setWasmKernels(on: boolean): boolean {
  const before = enabled;
  enabled = on;
  return before;
}

/** The compiled kernel module, or null where WebAssembly (with SIMD) is not available. */
function gramModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const text = atob(GRAM_WASM_BASE64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    compiled = new WebAssembly.Module(bytes);
  } catch {
    compiled = null; // no WebAssembly, or no SIMD (old engines): callers use their JavaScript loops
  }
  return compiled;
}

/** A kernel instance and its memory, kept between fits up to `KEEP_BYTES`. */
interface Workspace {
  memory: WebAssembly.Memory;
  kernel: GramExports;
  busy: boolean;
}

// Creating a memory costs about a millisecond at these sizes (mapping and first-touch page
// faults), as much as the kernel itself on 16,000 × 20, so one is kept for the next fit; a
// larger one is used once and left to the collector, so no fit pins more than this.
const KEEP_BYTES = 32 * 2 ** 20;
let kept: Workspace | undefined;

function workspace(module: WebAssembly.Module, bytes: number): Workspace {
  if (kept && !kept.busy && kept.memory.buffer.byteLength >= bytes) return kept;
  const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / PAGE) });
  const kernel = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as GramExports;
  const fresh = { memory, kernel, busy: false };
  if (bytes <= KEEP_BYTES && !kept?.busy) kept = fresh;
  return fresh;
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
  const q = p + 1;
  const s = (q + 3) & ~3;
  const column = ((n + 1) & ~1) * 8; // bytes of one n-vector, rounded so what follows stays 16-byte aligned
  const weightsAt = n * s * 8;
  const extraAt = weightsAt + column;
  const dotsAt = extraAt + column;
  const vectorAt = dotsAt + column;
  const outAt = vectorAt + s * 8;
  const gramAt = outAt + s * 8;
  const bytes = gramAt + s * s * 8;
  if (bytes > MAX_BYTES || !enabled) return undefined;
  const module = gramModule();
  if (!module) return undefined;
  const space = workspace(module, bytes);
  const { kernel } = space;
  const buffer = space.memory.buffer;
  new Float64Array(buffer, 0, n * p).set(X.subarray(0, n * p));
  new Float64Array(buffer, extraAt, n).set(extra);
  const vector = new Float64Array(buffer, vectorAt, s);
  const out = new Float64Array(buffer, outAt, s);
  const dots = new Float64Array(buffer, dotsAt, n);
  vector.fill(0);
  kernel.pack(0, n, p, s, vectorAt, extraAt);
  const G = new Float64Array(buffer, gramAt, s * s);
  space.busy = true;
  const input = (v: Float64Array): void => {
    vector.fill(0);
    vector.set(v.subarray(0, q));
  };
  return {
    weights: new Float64Array(buffer, weightsAt, n),
    columnSums(): Float64Array {
      kernel.colsums(0, n, s, weightsAt, outAt);
      return out.slice(0, q);
    },
    squaredDeviations(c: Float64Array): Float64Array {
      input(c);
      kernel.sqdev(0, n, s, weightsAt, vectorAt, outAt);
      return out.slice(0, q);
    },
    countDifferent(c: Float64Array): Float64Array {
      input(c);
      kernel.countne(0, n, s, weightsAt, vectorAt, outAt);
      return out.slice(0, q);
    },
    shift(c: Float64Array): void {
      input(c);
      kernel.shift(0, n, s, vectorAt);
    },
    gram(): Float64Array {
      G.fill(0);
      kernel.syrk(0, n, s, q, weightsAt, gramAt);
      const full = new Float64Array(q * q);
      for (let j = 0; j < q; j++) {
        for (let k = j; k < q; k++) full[j * q + k] = full[k * q + j] = G[j * s + k];
      }
      return full;
    },
    dots(v: Float64Array): Float64Array {
      input(v);
      kernel.dots(0, n, s, vectorAt, dotsAt);
      return dots;
    },
    project(v: Float64Array): Float64Array {
      input(v);
      kernel.project(0, n, s, vectorAt, weightsAt, outAt);
      return out.slice(0, q);
    },
    release(): void {
      space.busy = false;
    },
  };
}
