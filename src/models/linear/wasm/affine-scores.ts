import { kernelWorkspace } from "./kernel-workspace.ts";

/**
 * `linearScores` by the WebAssembly kernel `affine` of gram.wat: X copied into the kernels'
 * memory once, then, per output k, b[k] + W_k·xᵢ for every row, each summed in the plain loop's
 * order (so bit for bit the JavaScript result), eight rows per step in f64x2 lanes. Returns
 * false, writing nothing, where the kernels cannot run. Why: the kernel is compiled before its
 * first call, where the JavaScript loop runs unoptimized through a process's first batches
 * (6–8 ms instead of 0.1 on 4,000 × 20).
 *
 * @example
 * if (!affineScores(X, n, p, W, b, K, out)) linearScoresInJs(X, n, p, W, b, K, out);
 */
export function affineScores(
  X: Float64Array, n: number, p: number, W: Float64Array, b: Float64Array, K: number, out: Float64Array,
): boolean {
  const xBytes = n * p * 8;
  const wAt = (xBytes + 15) & ~15;
  const outAt = (wAt + p * 8 + 15) & ~15;
  const space = kernelWorkspace(outAt + n * 8);
  if (!space) return false;
  const buffer = space.memory.buffer;
  new Float64Array(buffer, 0, n * p).set(X.subarray(0, n * p));
  const w = new Float64Array(buffer, wAt, p);
  const scores = new Float64Array(buffer, outAt, n);
  for (let k = 0; k < K; k++) {
    w.set(W.subarray(k * p, (k + 1) * p));
    space.kernel.affine(0, n, p, p, wAt, b[k], outAt);
    if (K === 1) out.set(scores);
    else for (let i = 0; i < n; i++) out[i * K + k] = scores[i];
  }
  return true;
}
