/** Median, 95th percentile and mean of latency samples, in milliseconds. */
export interface LatencySummary {
  p50Ms: number;
  p95Ms: number;
  meanMs: number;
  /** Samples the figures were computed from. */
  samples: number;
}

/**
 * Summarizes latency samples (ms). Percentiles interpolate linearly between the two nearest
 * ranks (numpy's default, "type 7"), so p50 of [1, 2, 3, 4] is 2.5. No samples → NaN figures.
 *
 * @example
 * latencySummary([1, 2, 3, 4]); // { p50Ms: 2.5, p95Ms: 3.85, meanMs: 2.5, samples: 4 }
 */
export function latencySummary(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const at = (q: number): number => {
    if (n === 0) return NaN;
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, n - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  };
  return { p50Ms: at(0.5), p95Ms: at(0.95), meanMs: n ? sorted.reduce((s, v) => s + v, 0) / n : NaN, samples: n };
}
