/** How neighbors' votes are weighted: equally, or by 1 / distance. */
export type NeighborWeighting = "uniform" | "distance";

/**
 * The weight of each of one query's k neighbors (`distances` at offset `o`, length k) into
 * `out`. "distance" uses 1/d; when any neighbor is at distance 0 the exact matches share all
 * the weight equally and the others get none, as in scikit-learn.
 *
 * @example
 * const w = new Float64Array(2);
 * neighborWeights(new Float64Array([0, 2]), 0, 2, "distance", w); // w = [1, 0]
 */
export function neighborWeights(distances: Float64Array, o: number, k: number, weighting: NeighborWeighting, out: Float64Array): void {
  if (weighting === "uniform") { out.fill(1, 0, k); return; }
  let exact = false;
  for (let c = 0; c < k; c++) if (distances[o + c] === 0) exact = true;
  for (let c = 0; c < k; c++) {
    const d = distances[o + c];
    out[c] = exact ? (d === 0 ? 1 : 0) : 1 / d;
  }
}
