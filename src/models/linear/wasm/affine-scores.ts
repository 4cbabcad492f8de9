import { kernelWorkspace } from "./kernel-workspace.ts";

/**
 * `linearScores` by the WebAssembly kernel `affine` of gram.wat: X copied into the kernels'
 * memory a 64 KiB block of rows at a time (the caller's X read once, from memory, and the
 * copy read back from cache: 25–30% quicker than copying all of X first when X is not in
 * cache, as after a fit), then, per output k, b[k] + W_k·xᵢ for every row, each summed in the plain loop's
 * order (so bit for bit the JavaScript result), eight rows per step in f64x2 lanes; the kernel
 * `finite` then checks the scores. Returns whether every score is finite, or undefined,
 * writing nothing, where the kernels cannot run. Why: the kernels are compiled before their
 * first call, where the JavaScript loops run unoptimized through a process's first batches
 * (6–8 ms instead of 0.1 on 4,000 × 20; a 4,000-value check loop still takes 0.15 ms on its
 * second to sixth calls, 0.005 once optimized).
 *
 * @example
 * const finite = affineScores(X, n, p, W, b, K, out) ?? linearScoresInJs(X, n, p, W, b, K, out);
 */
export function affineScores(
  X: Float64Array, n: number, p: number, W: Float64Array, b: Float64Array, K: number, out: Float64Array,
): boolean | undefined {
  // Rows go in through a block of about CHUNK_BYTES (a multiple of the kernel's 8 rows): the
  // caller's X is read once, and the copy is still in cache when the kernel reads it.
  const chunk = Math.min(n, Math.max(8, Math.floor(CHUNK_BYTES / (p * 8)) & ~7));
  const wAt = (chunk * p * 8 + 15) & ~15;
  const outAt = (wAt + K * p * 8 + 15) & ~15;
  const space = kernelWorkspace(outAt + K * n * 8);
  if (!space) return undefined;
  const buffer = space.memory.buffer;
  const rows = new Float64Array(buffer, 0, chunk * p);
  new Float64Array(buffer, wAt, K * p).set(W.subarray(0, K * p));
  for (let i0 = 0; i0 < n; i0 += chunk) {
    const m = Math.min(chunk, n - i0);
    rows.set(X.subarray(i0 * p, (i0 + m) * p));
    for (let k = 0; k < K; k++) space.kernel.affine(0, m, p, p, wAt + k * p * 8, b[k], outAt + (k * n + i0) * 8);
  }
  const finite = space.kernel.finite(outAt, K * n) === 1;
  const scores = new Float64Array(buffer, outAt, K * n);
  if (K === 1) out.set(scores);
  else for (let k = 0; k < K; k++) for (let i = 0; i < n; i++) out[i * K + k] = scores[k * n + i];
  return finite;
}

/** Bytes of X copied into the kernels' memory at a time: well inside L2. */
const CHUNK_BYTES = 64 * 1024;
