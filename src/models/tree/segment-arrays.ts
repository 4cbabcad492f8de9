import { compileWasm } from "../../core/compile-wasm.ts";
import { WASM_BASE64 } from "./wasm/segment-partition-bytes.ts";

/**
 * The arrays `PresortedSegments` partitions at every split: each feature's presorted rows and
 * their values (nRows × nCols), scratch for one segment, and the rows' directions. With
 * WebAssembly they live in one memory beside wasm/segment-partition.wat, and `partition` runs it.
 */
export interface SegmentArrays {
  rows: Int32Array;
  vals: Float64Array;
  tmpRows: Int32Array;
  tmpVals: Float64Array;
  goLeft: Uint8Array;
  /** 1 for the rows of the tree being grown (scratch for its first filter). */
  inSample: Uint8Array;
  /** The kernel over these arrays (see wasm/segment-partition.wat); absent: the caller's JavaScript loop. */
  partition?: (start: number, end: number, nCols: number, m: number) => void;
}

interface PartitionKernel {
  partition(rows: number, vals: number, goLeft: number, tmpRows: number, tmpVals: number, start: number, end: number, nCols: number, m: number): void;
}

// wasm32 addresses are 32-bit; past 1 GiB of segments the JavaScript loop runs on ordinary arrays.
const MAX_BYTES = 2 ** 30;
const PAGE = 65536;
let enabled = true;

/**
 * Turns the WebAssembly partition off (`segmentArrays` then gives plain arrays and no kernel)
 * or back on; returns the previous setting. For tests that check both paths grow the same trees,
 * and for timing one against the other.
 *
 * @example
 * const before = setSegmentKernel(false);
 * try { new RandomForestRegressor().fit(X, y); } finally { setSegmentKernel(before); }
 */
export function setSegmentKernel(on: boolean): boolean {
  const before = enabled;
  enabled = on;
  return before;
}

/**
 * Arrays for `nRows` × `nCols` presorted segments, in a WebAssembly memory with its partition
 * kernel where the engine has WebAssembly and they fit, else plain typed arrays.
 *
 * @example
 * const a = segmentArrays(16000, 20);
 * a.partition?.(0, 16000, 20, 16000); // after setting a.goLeft
 */
export function segmentArrays(nRows: number, nCols: number): SegmentArrays {
  const cells = nRows * nCols;
  // Doubles first, so every array is aligned: vals, tmpVals, rows, tmpRows, goLeft.
  const valsAt = 0;
  const tmpValsAt = valsAt + 8 * cells;
  const rowsAt = tmpValsAt + 8 * nRows;
  const tmpRowsAt = rowsAt + 4 * cells;
  const goLeftAt = tmpRowsAt + 4 * nRows;
  const bytes = goLeftAt + nRows;
  const module = enabled && bytes <= MAX_BYTES ? compileWasm(WASM_BASE64) : null;
  if (!module) {
    return {
      rows: new Int32Array(cells),
      vals: new Float64Array(cells),
      tmpRows: new Int32Array(nRows),
      tmpVals: new Float64Array(nRows),
      goLeft: new Uint8Array(nRows),
      inSample: new Uint8Array(nRows),
    };
  }
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / PAGE)) });
  const kernel = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as PartitionKernel;
  const buffer = memory.buffer;
  return {
    rows: new Int32Array(buffer, rowsAt, cells),
    vals: new Float64Array(buffer, valsAt, cells),
    tmpRows: new Int32Array(buffer, tmpRowsAt, nRows),
    tmpVals: new Float64Array(buffer, tmpValsAt, nRows),
    goLeft: new Uint8Array(buffer, goLeftAt, nRows),
    inSample: new Uint8Array(nRows),
    partition: (start, end, p, m) => kernel.partition(rowsAt, valsAt, goLeftAt, tmpRowsAt, tmpValsAt, start, end, p, m),
  };
}
