import { allFinite } from "./all-finite.ts";
import { affineScores } from "./wasm/affine-scores.ts";

/** Values in X from which a batch goes to the WebAssembly kernel: below, the views and the call cost more than they save. */
const KERNEL_MIN_ENTRIES = 1024;

/**
 * Scores of a linear model for every row: `out[i·K + k] = b[k] + Σ_j W[k·p + j] · X[i·p + j]`,
 * for n rows of p features (row-major) and K outputs. Each score is summed in the same order
 * as a plain row-by-row loop (intercept first, then j = 0, 1, …), so it is bit for bit that
 * loop's result; rows go eight at a time (then four, then one) so each coefficient is loaded
 * once for eight rows and eight independent sums are in flight (about 1.3× four on 4,000 × 20).
 * Batches of at least `KERNEL_MIN_ENTRIES` values run the same sums in WebAssembly
 * (`affineScores`: ready before the first call, where this loop starts unoptimized); smaller
 * ones, a single row above all, stay here, where a call costs no copy. Writes into `out`
 * (length ≥ n·K) and allocates nothing here. Returns whether every score is finite (the
 * kernel checks them in WebAssembly; here a sum of v·0, which is NaN for any NaN or ±∞).
 *
 * @example
 * const out = new Float64Array(2);
 * linearScores(new Float64Array([1, 2, 3, 4]), 2, 2, new Float64Array([10, 1]), new Float64Array([0.5]), 1, out);
 * out; // [12.5, 34.5]
 */
export function linearScores(
  X: Float64Array,
  n: number,
  p: number,
  W: Float64Array,
  b: Float64Array,
  K: number,
  out: Float64Array,
): boolean {
  const finite = n * p >= KERNEL_MIN_ENTRIES ? affineScores(X, n, p, W, b, K, out) : undefined;
  if (finite !== undefined) return finite;
  for (let k = 0; k < K; k++) {
    const wo = k * p;
    const bk = b[k];
    let i = 0;
    for (; i + 7 < n; i += 8) {
      const o0 = i * p, o1 = o0 + p, o2 = o1 + p, o3 = o2 + p, o4 = o3 + p, o5 = o4 + p, o6 = o5 + p, o7 = o6 + p;
      let t0 = bk, t1 = bk, t2 = bk, t3 = bk, t4 = bk, t5 = bk, t6 = bk, t7 = bk;
      for (let j = 0; j < p; j++) {
        const c = W[wo + j];
        t0 += c * X[o0 + j]; t1 += c * X[o1 + j]; t2 += c * X[o2 + j]; t3 += c * X[o3 + j];
        t4 += c * X[o4 + j]; t5 += c * X[o5 + j]; t6 += c * X[o6 + j]; t7 += c * X[o7 + j];
      }
      out[i * K + k] = t0; out[(i + 1) * K + k] = t1; out[(i + 2) * K + k] = t2; out[(i + 3) * K + k] = t3;
      out[(i + 4) * K + k] = t4; out[(i + 5) * K + k] = t5; out[(i + 6) * K + k] = t6; out[(i + 7) * K + k] = t7;
    }
    for (; i + 3 < n; i += 4) {
      const o0 = i * p, o1 = o0 + p, o2 = o1 + p, o3 = o2 + p;
      let t0 = bk, t1 = bk, t2 = bk, t3 = bk;
      for (let j = 0; j < p; j++) {
        const c = W[wo + j];
        t0 += c * X[o0 + j]; t1 += c * X[o1 + j]; t2 += c * X[o2 + j]; t3 += c * X[o3 + j];
      }
      out[i * K + k] = t0; out[(i + 1) * K + k] = t1; out[(i + 2) * K + k] = t2; out[(i + 3) * K + k] = t3;
    }
    for (; i < n; i++) {
      const o = i * p;
      let t = bk;
      for (let j = 0; j < p; j++) t += W[wo + j] * X[o + j];
      out[i * K + k] = t;
    }
  }
  return allFinite(out, n * K);
}
