import { WASM_BASE64 } from "./dot-kernel-bytes.ts";

/**
 * Training rows held in WebAssembly memory in the kernel's panel layout (dot-kernel.wat), with
 * room for one block of queries and one tile of results.
 */
export interface DotKernel {
  /** Queries per block and training rows per tile (a multiple of 4) the memory was sized for. */
  readonly block: number;
  readonly width: number;
  /** The tile: `tile[i * width + x]` after `dots` (a view of the module's memory). */
  readonly tile: Float64Array;
  /** Per query of the block, set by the caller before `dots`: base at [2i], cap at [2i + 1]. */
  readonly bounds: Float64Array;
  /**
   * After `dots`: query i's `counts[i]` hits at `hits[i * width / 4 + h]`, each the first
   * training row of four of which at least one has base + tile value ≤ cap.
   */
  readonly hits: Int32Array;
  readonly counts: Int32Array;
  /** Copies queries [q0, q1) of row-major `Q` (at most `block`) in as the current block. */
  loadQueries(Q: Float64Array, q0: number, q1: number): void;
  /**
   * tile[i·width + x] = Σ_j Q[q0 + i][j] · train[t0 + x][j] (j in order) + add[t0 + x], for
   * the current block and training rows [t0, t1) (t0 a multiple of 4), and the hits.
   */
  dots(t0: number, t1: number): void;
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is missing. */
function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    const bytes = Uint8Array.from(atob(WASM_BASE64), (c) => c.charCodeAt(0));
    compiled = typeof WebAssembly === "object" && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  }
  return compiled;
}

/**
 * Copies n × p row-major training rows and their per-row `add` into a fresh instance of the
 * SIMD dot-product kernel. Undefined where WebAssembly SIMD is unavailable or the rows do not
 * fit in its 32-bit memory: the caller then searches without it (same answers, slower).
 *
 * @example
 * const kernel = dotKernel(new Float64Array([1, 2, 3, 4]), 2, 2, new Float64Array(2), 4, 4)!;
 * kernel.loadQueries(new Float64Array([1, 0]), 0, 1);
 * kernel.dots(0, 2); // kernel.tile[0] = 1, kernel.tile[1] = 3
 */
export function dotKernel(train: Float64Array, n: number, p: number, add: Float64Array, block: number, width: number): DotKernel | undefined {
  const module = kernelModule();
  if (!module) return undefined;
  const panels = Math.ceil(n / 4);
  const block4 = Math.ceil(block / 4) * 4;
  width = Math.ceil(Math.min(width, panels * 4) / 4) * 4;
  // In doubles: panels, add, queries, tile, bounds, then (as int32) hits and counts.
  const addAt = panels * 4 * p;
  const queriesAt = addAt + panels * 4;
  const tileAt = queriesAt + block4 * p;
  const boundsAt = tileAt + block4 * width;
  const hitsAt = boundsAt + block4 * 2;
  const hitStride = width / 4;
  const countsAt = hitsAt * 2 + block4 * hitStride; // int32 index
  const bytes = (countsAt + block4) * 4;
  const pages = Math.ceil(bytes / 65536);
  if (pages > 65536) return undefined;
  const instance = new WebAssembly.Instance(module);
  const exports = instance.exports as unknown as {
    memory: WebAssembly.Memory;
    dots(
      q: number, nq: number, panels: number, np: number, p: number, add: number, tile: number, rowBytes: number,
      firstRow: number, bounds: number, hits: number, hitStride: number, counts: number,
    ): void;
  };
  try {
    exports.memory.grow(pages - exports.memory.buffer.byteLength / 65536);
  } catch {
    return undefined; // the engine would not give that much memory
  }
  const memory = new Float64Array(exports.memory.buffer);
  const ints = new Int32Array(exports.memory.buffer);
  for (let b = 0; b < panels; b++) {
    const o = b * 4 * p;
    for (let r = 0; r < 4 && 4 * b + r < n; r++) {
      const row = (4 * b + r) * p;
      for (let j = 0; j < p; j++) memory[o + j * 4 + r] = train[row + j];
    }
  }
  memory.set(add.subarray(0, n), addAt);
  const queries = memory.subarray(queriesAt, tileAt);
  const bounds = memory.subarray(boundsAt, hitsAt);
  let loaded = 0;
  return {
    block,
    width,
    tile: memory.subarray(tileAt, boundsAt),
    bounds,
    hits: ints.subarray(hitsAt * 2, countsAt),
    counts: ints.subarray(countsAt, countsAt + block4),
    loadQueries(Q, q0, q1) {
      queries.set(Q.subarray(q0 * p, q1 * p));
      loaded = Math.ceil((q1 - q0) / 4) * 4;
      // Rows past the block's end are zero and never hit (cap −∞): the kernel computes four queries at a time.
      queries.fill(0, (q1 - q0) * p, loaded * p);
      for (let i = q1 - q0; i < loaded; i++) { bounds[2 * i] = 0; bounds[2 * i + 1] = -Infinity; }
    },
    dots(t0, t1) {
      exports.dots(
        queriesAt * 8, loaded, t0 * p * 8, Math.ceil((t1 - t0) / 4), p, (addAt + t0) * 8, tileAt * 8, width * 8,
        t0, boundsAt * 8, hitsAt * 8, hitStride * 4, countsAt * 4,
      );
    },
  };
}
