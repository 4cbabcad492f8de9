/**
 * Puts training row `t` at distance `d` into one query's list of its k nearest rows so far
 * (`bestD`/`bestI` from `o`, ascending by distance) and returns the new k-th distance. The caller
 * has checked `d` is below the current k-th; a row already listed at an equal distance stays
 * ahead, so among equal distances the earlier training row wins.
 *
 * @example
 * const bestD = Float64Array.of(1, 4, Infinity), bestI = Int32Array.of(7, 2, -1);
 * insertNeighbor(bestD, bestI, 0, 3, 2, 9); // 4: bestD [1, 2, 4], bestI [7, 9, 2]
 */
export function insertNeighbor(bestD: Float64Array, bestI: Int32Array, o: number, k: number, d: number, t: number): number {
  let pos = k - 1;
  while (pos > 0 && bestD[o + pos - 1] > d) {
    bestD[o + pos] = bestD[o + pos - 1];
    bestI[o + pos] = bestI[o + pos - 1];
    pos--;
  }
  bestD[o + pos] = d;
  bestI[o + pos] = t;
  return bestD[o + k - 1];
}
