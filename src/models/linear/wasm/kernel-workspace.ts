import { compileWasm } from "../../../core/compile-wasm.ts";
import { WASM_BASE64 } from "./gram-bytes.ts";

/** The functions gram.wat exports; addresses are byte offsets into the workspace's memory. */
export type GramExports = {
  pack(a: number, n: number, p: number, s: number, extra: number): void;
  colsums(a: number, n: number, s: number, w: number, out: number): void;
  shift(a: number, n: number, s: number, c: number): void;
  syrk(a: number, n: number, s: number, q: number, w: number, g: number): void;
  project(a: number, n: number, s: number, v: number, w: number, out: number): void;
  dots(a: number, n: number, s: number, v: number, out: number): void;
  sqdev(a: number, n: number, s: number, w: number, c: number, out: number): void;
  stats(a: number, n: number, s: number, w: number, c: number, sums: number, nonzero: number, differ: number): void;
  affine(x: number, n: number, p: number, stride: number, w: number, b: number, out: number): void;
  finite(x: number, n: number): number;
  positives(x: number, n: number, idx: number): number;
  csrdots(start: number, col: number, val: number, n: number, v: number, b: number, out: number): void;
  csrscatter(start: number, col: number, val: number, n: number, r: number, g: number, p: number): void;
};

/** A kernel instance and its memory; `busy` while a caller holds views into it. */
export interface Workspace {
  memory: WebAssembly.Memory;
  kernel: GramExports;
  busy: boolean;
}

// wasm32 addresses are 32-bit; V8 caps one memory at 4 GiB. Past 2 GiB the JavaScript loops run.
const MAX_BYTES = 2 ** 31;
const PAGE = 65536;
// Creating a memory costs about a millisecond at these sizes (mapping and first-touch page
// faults), as much as the Gram kernel itself on 16,000 × 20, so one is kept for the next call;
// a larger one is used once and left to the collector, so nothing pins more than this.
const KEEP_BYTES = 32 * 2 ** 20;
let enabled = true;
let kept: Workspace | undefined;

/**
 * Turns the WebAssembly kernels off (`kernelWorkspace` then returns undefined, so every caller
 * runs its JavaScript loops) or back on; returns the previous setting. For tests that check the
 * two paths give the same models, and for timing one against the other.
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

/**
 * An instance of the gram.wat kernels with at least `bytes` of memory, not marked busy (the
 * caller marks it while it holds views), or undefined where WebAssembly SIMD is unavailable,
 * the kernels are turned off, or `bytes` passes 2 GiB. The memory kept from the last call is
 * reused when it is large enough and free.
 *
 * @example
 * const space = kernelWorkspace(n * p * 8);
 * if (space) space.kernel.affine(0, n, p, p, wAt, b, outAt);
 */
export function kernelWorkspace(bytes: number): Workspace | undefined {
  if (bytes > MAX_BYTES || !enabled) return undefined;
  // Null where there is no WebAssembly or no SIMD (old engines): callers use their JavaScript loops.
  const module = compileWasm(WASM_BASE64);
  if (!module) return undefined;
  if (kept && !kept.busy && kept.memory.buffer.byteLength >= bytes) return kept;
  const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / PAGE) });
  const kernel = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as GramExports;
  const fresh = { memory, kernel, busy: false };
  if (bytes <= KEEP_BYTES && !kept?.busy) kept = fresh;
  return fresh;
}
