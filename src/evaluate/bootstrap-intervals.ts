import { Random } from "../core/random.ts";

/** A 95% (or `level`) percentile interval, with the resamples it rests on. */
export interface BootstrapInterval {
  low: number;
  high: number;
  level: number;
  /** Resamples where the statistic was defined (a resample with one class has no AUC). */
  resamples: number;
}

/** Options of {@link bootstrapIntervals}. */
export interface BootstrapOptions {
  /** Resamples drawn. Default 1,000. */
  resamples?: number;
  /** Seed of the resampling: the same seed gives the same intervals. Default 0. */
  seed?: number;
  /** Coverage of the interval. Default 0.95. */
  level?: number;
}

/**
 * Percentile bootstrap intervals of several statistics of the same rows, from the same
 * resamples: each resample draws n rows with replacement and hands `statistics` the count of
 * each row (a weight vector), so statistics over presorted rows need not sort again. Seeded.
 * A statistic that is NaN on a resample skips it; with no defined resample its interval is
 * NaN – NaN. `names` lists the statistics (those the function returns).
 *
 * @example
 * const ci = bootstrapIntervals(y.length, ["accuracy"], (w) => ({ accuracy: weightedShare(right, w) }), { seed: 0 });
 * ci.accuracy; // { low: 0.81, high: 0.9, level: 0.95, resamples: 1000 }
 */
export function bootstrapIntervals<K extends string>(
  n: number, names: readonly K[], statistics: (weights: Float64Array) => Record<K, number>, options: BootstrapOptions = {},
): Record<K, BootstrapInterval> {
  const { resamples = 1000, seed = 0, level = 0.95 } = options;
  const draws = new Map<K, number[]>(names.map((k) => [k, []]));
  const rng = new Random(seed);
  const weights = new Float64Array(n);
  for (let r = 0; r < resamples && n > 0; r++) {
    weights.fill(0);
    for (let i = 0; i < n; i++) weights[rng.int(n)]++;
    const values = statistics(weights);
    for (const k of names) if (Number.isFinite(values[k])) draws.get(k)!.push(values[k]);
  }
  const out = {} as Record<K, BootstrapInterval>;
  for (const k of names) {
    const v = draws.get(k)!.sort((a, b) => a - b);
    out[k] = { low: quantile(v, (1 - level) / 2), high: quantile(v, 1 - (1 - level) / 2), level, resamples: v.length };
  }
  return out;
}

/** Linear interpolation between order statistics (numpy's default), NaN for no values. */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)]) - sorted[lo]);
}
