// The pair split is the hot spot of pairwise boosting: its fast prefix-sum search must find
// the same best quadrants as trying every pair of cuts by brute force.
import { describe, expect, it } from "vitest";
import { Random } from "../../src/core/random.ts";
import { bestQuadrants } from "../../src/models/ebm/term-splits.ts";

// Brute force: for every (ca, cb), sum each quadrant cell by cell.
function bruteQuadrants(G: Float64Array, H: Float64Array, C: Float64Array, na: number, nb: number, K: number, minLeaf: number) {
  const score = (g: number, h: number) => (h > 1e-12 ? (g * g) / h : 0);
  const sums = (a0: number, a1: number, b0: number, b1: number) => {
    const g = new Float64Array(K), h = new Float64Array(K);
    let c = 0;
    for (let a = a0; a < a1; a++) for (let b = b0; b < b1; b++) {
      c += C[a * nb + b];
      for (let k = 0; k < K; k++) { g[k] += G[(a * nb + b) * K + k]; h[k] += H[(a * nb + b) * K + k]; }
    }
    return { g, h, c };
  };
  const all = sums(0, na, 0, nb);
  let best: { ca: number; cb: number; gain: number } | undefined;
  for (let ca = 0; ca < na - 1; ca++) for (let cb = 0; cb < nb - 1; cb++) {
    const q = [sums(0, ca + 1, 0, cb + 1), sums(0, ca + 1, cb + 1, nb), sums(ca + 1, na, 0, cb + 1), sums(ca + 1, na, cb + 1, nb)];
    if (q.some((x) => x.c < minLeaf)) continue;
    let gain = 0;
    for (let k = 0; k < K; k++) gain += q.reduce((s, x) => s + score(x.g[k], x.h[k]), 0) - score(all.g[k], all.h[k]);
    if (!best || gain > best.gain + 1e-9) best = { ca, cb, gain };
  }
  return best;
}

describe("bestQuadrants", () => {
  for (const [na, nb, K, minLeaf] of [[5, 7, 1, 3], [9, 4, 3, 2], [12, 12, 1, 40]]) {
    it(`matches brute force on a random ${na}×${nb} histogram with ${K} output(s), ≥ ${minLeaf} rows per quadrant`, () => {
      const rng = new Random(na * 31 + nb);
      const C = Float64Array.from({ length: na * nb }, () => rng.int(10));
      const G = Float64Array.from({ length: na * nb * K }, (_, i) => C[Math.floor(i / K)] * rng.normal());
      const H = Float64Array.from({ length: na * nb * K }, (_, i) => C[Math.floor(i / K)] * (0.1 + rng.next()));
      const fast = bestQuadrants(G, H, C, na, nb, K, minLeaf);
      const brute = bruteQuadrants(G, H, C, na, nb, K, minLeaf);
      expect(fast && { ca: fast.ca, cb: fast.cb }).toEqual(brute && { ca: brute.ca, cb: brute.cb });
      if (fast && brute) expect(fast.gain).toBeCloseTo(brute.gain, 9);
    });
  }
  it("finds no split when no quadrant can hold enough rows", () => {
    const C = Float64Array.from([1, 1, 1, 1]);
    expect(bestQuadrants(new Float64Array(4), Float64Array.from([1, 1, 1, 1]), C, 2, 2, 1, 2)).toBeUndefined();
  });
});
