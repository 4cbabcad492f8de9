import { kernelWorkspace } from "./kernel-workspace.ts";

/**
 * `linearScores` by the WebAssembly kernel `affine` of gram.wat: X copied into the kernels'
 * memory once, then, per output k, b[k] + W_k·xᵢ for every row, each summed in the plain loop's
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
  const xBytes = n * p * 8;
  const wAt = (xBytes + 15) & ~15;
  const outAt = (wAt + p * 8 + 15) & ~15;
  const space = kernelWorkspace(outAt + n * 8);
  if (!space) return undefined;
  const buffer = space.memory.buffer;
  new Float64Array(buffer, 0, n * p).set(X.subarray(0, n * p));
  const w = new Float64Array(buffer, wAt, p);
  const scores = new Float64Array(buffer, outAt, n);
  let finite = true;
  for (let k = 0; k < K; k++) {
    w.set(W.subarray(k * p, (k + 1) * p));
    space.kernel.affine(0, n, p, p, wAt, b[k], outAt);
    finite = space.kernel.finite(outAt, n) === 1 && finite;
    if (K === 1) out.set(scores);
    else for (let i = 0; i < n; i++) out[i * K + k] = scores[i];
  }
  return finite;
}
