/** Deciles: at most 10 bins. */
const BINS = 10;

/**
 * Numeric values in quantile bins: bin 0 holds `x ≤ edges[0]`, bin b holds
 * `edges[b−1] < x ≤ edges[b]`, the last bin `x > edges[last]`. `shares` (one per bin) and
 * `missing` are fractions of all the training rows (together they add up to 1); `means` is
 * each bin's mean value (NaN, stored as null, for an empty bin).
 */
export interface QuantileBins {
  edges: number[];
  shares: number[];
  means: (number | null)[];
  missing: number;
}

/**
 * Quantile bins of values (NaN = missing): deciles by nearest rank, repeated edges merged, so
 * at most 10 bins.
 *
 * @example
 * quantileBins([1, 2, 3, 4, NaN]).missing; // 0.2
 */
export function quantileBins(values: readonly number[]): QuantileBins {
  const present = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const edges: number[] = [];
  for (let q = 1; q < BINS && present.length > 0; q++) {
    const edge = present[Math.ceil((q * present.length) / BINS) - 1];
    // An edge at the maximum would leave the last bin empty for good.
    if (edge < present[present.length - 1] && edge !== edges[edges.length - 1]) edges.push(edge);
  }
  const counts = new Array<number>(edges.length + 1).fill(0);
  const sums = new Array<number>(edges.length + 1).fill(0);
  for (const v of present) {
    const b = binOf(edges, v);
    counts[b]++;
    sums[b] += v;
  }
  const n = values.length || 1;
  return { edges, shares: counts.map((c) => c / n), means: counts.map((c, b) => (c > 0 ? sums[b] / c : null)), missing: (values.length - present.length) / n };
}

/**
 * The bin of a present value: the first edge it does not exceed.
 *
 * @example
 * binOf([1, 5], 3); // 1
 */
export function binOf(edges: readonly number[], v: number): number {
  let b = 0;
  while (b < edges.length && v > edges[b]) b++;
  return b;
}

/**
 * A quantile bin in words: "≤ 3", "(3, 5]", "> 9", or "missing" past the last.
 *
 * @example
 * numericBinLabel([3, 5], 1); // "(3, 5]"
 */
export function numericBinLabel(edges: readonly number[], b: number): string {
  const num = (v: number) => String(Number(v.toPrecision(6)));
  if (b > edges.length) return "missing";
  if (edges.length === 0) return "any value";
  if (b === 0) return `≤ ${num(edges[0])}`;
  if (b === edges.length) return `> ${num(edges[b - 1])}`;
  return `(${num(edges[b - 1])}, ${num(edges[b])}]`;
}

