import { compileWasm } from "../../../core/compile-wasm.ts";
import { WASM_BASE64 } from "./dot-kernel-bytes.ts";

/**
 * Training rows held in WebAssembly memory as float32 in the kernel's panel layout
 * (dot-kernel.wat), with room for one block of queries and one tile of results.
 */
export interface DotKernel {
  /** Queries per block and training rows per tile (a multiple of 8) the memory was sized for. */
  readonly block: number;
  readonly width: number;
  /** The power of two the rows were scaled by before rounding to float32 (queries get the same). */
  readonly scale: number;
  /** After `dots`: tile[i·width + x] = Σ_j Q̂[q0 + i][j] · T̂[t0 + x][j] in float32, j in order. */
  readonly tile: Float32Array;
  /** The pre-filter's per-training-row term, set by the caller before the first `dots`. */
  readonly add: Float32Array;
  /** The pre-filter's cap of each query of the block, set by the caller before `dots`. */
  readonly caps: Float32Array;
  /**
   * After `dots`: query i's `counts[i]` hits at `hits[i * width / 8 + h]`, each the first
   * training row of eight of which at least one has tile + add ≤ cap (float32).
   */
  readonly hits: Int32Array;
  readonly counts: Int32Array;
  /**
   * Copies queries [q0, q1) of row-major `Q` (at most `block`), times `scale` and rounded to
   * float32 (Q̂), in as the current block, with each group of four's list of columns where
   * one of them is non-zero (the only columns the kernel sums).
   */
  loadQueries(Q: Float64Array, q0: number, q1: number): void;
  /** Fills the tile and the hits for the current block and training rows [t0, t1) (t0 a multiple of 8). */
  dots(t0: number, t1: number): void;
}

/**
 * Copies n × p row-major training rows, scaled by a power of two so the largest magnitude
 * (`largest`, which the caller knows) is in [0.5, 1) and rounded to float32 (T̂), into a fresh instance of the SIMD dot-product
 * kernel. Undefined where WebAssembly SIMD is unavailable, the values are beyond 2^±500
 * (float32 could not hold them after one power of two), or the rows do not fit in its 32-bit
 * memory: the caller then searches without it (same answers, slower).
 *
 * @example
 * const kernel = dotKernel(new Float64Array([1, 2, 3, 4]), 2, 2, 4, 4, 8)!; // scale 1/8
 * kernel.caps[0] = Infinity;
 * kernel.loadQueries(new Float64Array([4, 0]), 0, 1);
 * kernel.dots(0, 2); // kernel.tile[0] = 1/16, kernel.tile[1] = 3/16 (scale² = 1/64); kernel.counts[0] = 1
 */
export function dotKernel(train: Float64Array, n: number, p: number, largest: number, block: number, width: number): DotKernel | undefined {
  const module = compileWasm(WASM_BASE64);
  if (!module) return undefined;
  if (largest > 2 ** 500 || (largest > 0 && largest < 2 ** -500)) return undefined;
  const scale = largest > 0 ? 2 ** -(Math.floor(Math.log2(largest)) + 1) : 1;
  const panels = Math.ceil(n / 8);
  const block4 = Math.ceil(block / 4) * 4;
  width = Math.ceil(Math.min(width, panels * 8) / 8) * 8;
  const hitStride = width / 8;
  const groups = block4 / 4;
  // Byte offsets, each region 16-byte aligned: panels, add, queries, lists, list counts, tile,
  // caps, hits, counts.
  const addAt = panels * 8 * p * 4;
  const queriesAt = addAt + panels * 8 * 4;
  const listsAt = queriesAt + groups * p * 64;
  const listCountsAt = listsAt + groups * p * 4;
  const tileAt = listCountsAt + Math.ceil(groups / 4) * 16;
  const capsAt = tileAt + block4 * width * 4;
  const hitsAt = capsAt + block4 * 4;
  const countsAt = hitsAt + block4 * hitStride * 4;
  const pages = Math.ceil((countsAt + block4 * 4) / 65536);
  if (pages > 65536) return undefined;
  const instance = new WebAssembly.Instance(module);
  const exports = instance.exports as unknown as {
    memory: WebAssembly.Memory;
    dots(
      q: number, nq: number, panels: number, np: number, p: number, lists: number, listCounts: number,
      add: number, tile: number, rowBytes: number, firstRow: number, caps: number, hits: number, hitStride: number, counts: number,
    ): void;
  };
  try {
    exports.memory.grow(pages - exports.memory.buffer.byteLength / 65536);
  } catch {
    return undefined; // the engine would not give that much memory
  }
  const buffer = exports.memory.buffer;
  const panelValues = new Float32Array(buffer, 0, panels * 8 * p);
  for (let b = 0; b < panels; b++) {
    const o = b * 8 * p;
    for (let r = 0; r < 8 && 8 * b + r < n; r++) {
      const row = (8 * b + r) * p;
      for (let j = 0; j < p; j++) panelValues[o + j * 8 + r] = train[row + j] * scale;
    }
  }
  const queries = new Float32Array(buffer, queriesAt, groups * p * 16);
  const lists = new Int32Array(buffer, listsAt, groups * p);
  const listCounts = new Int32Array(buffer, listCountsAt, groups);
  const caps = new Float32Array(buffer, capsAt, block4);
  let loaded = 0;
  return {
    block,
    width,
    scale,
    tile: new Float32Array(buffer, tileAt, block4 * width),
    add: new Float32Array(buffer, addAt, n),
    caps,
    hits: new Int32Array(buffer, hitsAt, block4 * hitStride),
    counts: new Int32Array(buffer, countsAt, block4),
    loadQueries(Q, q0, q1) {
      loaded = Math.ceil((q1 - q0) / 4) * 4;
      // Rows past the block's end are zero and never hit (cap −∞): the kernel computes four queries at a time.
      for (let g = 0; g < loaded / 4; g++) {
        let count = 0;
        for (let j = 0; j < p; j++) {
          let any = false;
          for (let i = 0; i < 4; i++) {
            const q = q0 + 4 * g + i;
            const v = q < q1 ? Math.fround(Q[q * p + j] * scale) : 0;
            const at = ((g * p + j) * 4 + i) * 4;
            queries[at] = v;
            queries[at + 1] = v;
            queries[at + 2] = v;
            queries[at + 3] = v;
            any ||= v !== 0;
          }
          if (any) lists[g * p + count++] = j * 32;
        }
        listCounts[g] = count;
      }
      caps.fill(-Infinity, q1 - q0, loaded);
    },
    dots(t0, t1) {
      exports.dots(
        queriesAt, loaded, t0 * p * 4, Math.ceil((t1 - t0) / 8), p, listsAt, listCountsAt,
        addAt + t0 * 4, tileAt, width * 4, t0, capsAt, hitsAt, hitStride * 4, countsAt,
      );
    },
  };
}
