/**
 * Cut points of one feature: at most `maxBins` value bins from quantiles of the finite
 * training values (every distinct value its own bin when there are few). A value v goes to
 * bin 1 + (number of cuts below v), i.e. `v <= cuts[0]` is bin 1; NaN is bin 0.
 *
 * @example
 * binCuts(Float64Array.from([1, 2, 2, 3]), 255); // Float64Array [1.5, 2.5]
 */
export function binCuts(values: Float64Array, maxBins: number): Float64Array {
  return cutsOfSorted(values.filter((v) => v === v).sort(), maxBins);
}

/**
 * {@link binCuts} of a column given its finite values in ascending order (a fit sorts each
 * column once and cuts it twice: main-term bins and the coarser pair bins).
 *
 * @example
 * cutsOfSorted(Float64Array.from([1, 2, 2, 3]), 255); // Float64Array [1.5, 2.5]
 */
export function cutsOfSorted(sorted: Float64Array, maxBins: number): Float64Array {
  const n = sorted.length;
  if (n === 0) return new Float64Array(0);
  const distinct: number[] = [sorted[0]];
  for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  const cuts: number[] = [];
  if (distinct.length <= maxBins) {
    for (let i = 1; i < distinct.length; i++) cuts.push(midpoint(distinct[i - 1], distinct[i]));
    return Float64Array.from(cuts);
  }
  // Quantile cuts: each bin's upper edge is the value at its share of the sorted rows.
  for (let q = 1; q < maxBins; q++) {
    const v = sorted[Math.floor((q * n) / maxBins) - 1];
    if (v < sorted[n - 1] && (cuts.length === 0 || v > cuts[cuts.length - 1])) cuts.push(v);
  }
  return Float64Array.from(cuts);
}

/**
 * The bin of each value of one column (see {@link binCuts}): a byte per row.
 *
 * @example
 * binColumn(Float64Array.from([0, 1.7, NaN, 9]), Float64Array.from([1.5, 2.5])); // Uint8Array [1, 2, 0, 3]
 */
export function binColumn(values: ArrayLike<number>, cuts: Float64Array): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = binOf(values[i], cuts);
  return out;
}

/** Bin of one value: 0 for NaN, else 1 + the first cut index c with v <= cuts[c] (binary search). */
export function binOf(v: number, cuts: Float64Array): number {
  if (v !== v) return 0;
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= cuts[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo + 1;
}

// The midpoint, unless rounding puts it on the upper value (then the lower one: v <= cut keeps a on the left).
function midpoint(a: number, b: number): number {
  const m = a + (b - a) / 2;
  return m < b ? m : a;
}
