import type { EBMLoss } from "./ebm-loss.ts";
import { binsOf } from "./ebm-state.ts";
import { SplitScratch } from "./split-scratch.ts";
import { bestQuadrants } from "./term-splits.ts";

/**
 * FAST (Lou et al. 2013): ranks feature pairs by the gain of the best four-quadrant split of
 * their 2-D histogram of the residual gradients. Returns the pairs with a positive gain, best
 * first (ties: lower indices first). `bins[j]` holds feature j's pair bin per ranked row,
 * `base` the rows' scores so far (n × K).
 *
 * @example
 * const pairs = rankPairs([0, 1, 2], bins, cuts, base, y, w, ebmLoss(2), 2).slice(0, 10);
 */
export function rankPairs(
  eligible: number[], bins: Uint8Array[], cuts: Float64Array[], base: Float64Array, y: Float64Array, w: Float64Array,
  loss: EBMLoss, minLeaf: number,
): [number, number][] {
  const K = loss.nOutputs;
  const g = new Float64Array(base.length);
  const h = new Float64Array(base.length);
  loss.gradients(base, y, w, g, h);
  // One set of histogram arrays and split scratch for every pair, cleared before each.
  const most = Math.max(...eligible.map((j) => binsOf(cuts[j])));
  const G = new Float64Array(most * most * K);
  const H = new Float64Array(most * most * K);
  const C = new Float64Array(most * most);
  const scratch = new SplitScratch();
  const ranked: { pair: [number, number]; gain: number }[] = [];
  for (let x = 0; x < eligible.length; x++) {
    for (let z = x + 1; z < eligible.length; z++) {
      const [a, b] = [eligible[x], eligible[z]];
      const na = binsOf(cuts[a]);
      const nb = binsOf(cuts[b]);
      const cells = na * nb;
      G.fill(0, 0, cells * K);
      H.fill(0, 0, cells * K);
      C.fill(0, 0, cells);
      histogram2D(bins[a], bins[b], nb, g, h, K, G, H, C);
      const q = bestQuadrants(G.subarray(0, cells * K), H.subarray(0, cells * K), C.subarray(0, cells), na, nb, K, minLeaf, scratch);
      if (q && q.gain > 0) ranked.push({ pair: [a, b], gain: q.gain });
    }
  }
  return ranked.sort((p, q) => q.gain - p.gain).map((r) => r.pair);
}

// Sums of g, h and row counts per cell a·nb + b, rows in order.
function histogram2D(
  binA: Uint8Array, binB: Uint8Array, nb: number, g: Float64Array, h: Float64Array, K: number, G: Float64Array, H: Float64Array, C: Float64Array,
): void {
  for (let i = 0; i < binA.length; i++) {
    const c = binA[i] * nb + binB[i];
    C[c]++;
    for (let k = 0; k < K; k++) {
      G[c * K + k] += g[i * K + k];
      H[c * K + k] += h[i * K + k];
    }
  }
}
