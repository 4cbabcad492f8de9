import { kernelWorkspace } from "./kernel-workspace.ts";

/**
 * The rows whose score is above 0, in order, found by the WebAssembly kernel `positives` of
 * gram.wat (a copy of the scores goes into the kernels' memory); undefined where the kernels
 * cannot run. For a binary classifier's labels: every other row gets the first class, which a
 * native `fill` writes, so the JavaScript loop visits only these rows. Why: through a process's
 * first predicts V8 runs a loop over every row unoptimized, about 20–50 ns a row (1–2 ms on
 * 40,000 rows), where `fill` and this kernel cost a few microseconds.
 *
 * @example
 * positiveRows(new Float64Array([-1, 2, 0, 3])); // Int32Array [1, 3]
 */
export function positiveRows(scores: Float64Array, n = scores.length): Int32Array | undefined {
  const idxAt = (n * 8 + 15) & ~15;
  const space = kernelWorkspace(idxAt + n * 4);
  if (!space) return undefined;
  const buffer = space.memory.buffer;
  new Float64Array(buffer, 0, n).set(scores.subarray(0, n));
  const count = space.kernel.positives(0, n, idxAt);
  return new Int32Array(buffer, idxAt, count).slice();
}
