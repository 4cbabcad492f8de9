/**
 * The correlation ratio η of a numeric column given a categorical one: √(between-group sum of
 * squares / total sum of squares), from 0 (every group has the same mean) to 1 (the group
 * determines the value). 0 when the values do not vary.
 *
 * @example
 * correlationRatio(["f", "f", "m", "m"], [1, 1, 5, 5]); // 1
 */
export function correlationRatio(groups: readonly string[], values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const by = new Map<string, { n: number; sum: number }>();
  let total = 0;
  for (let i = 0; i < n; i++) {
    const g = by.get(groups[i]) ?? { n: 0, sum: 0 };
    g.n++;
    g.sum += values[i];
    by.set(groups[i], g);
    total += (values[i] - mean) ** 2;
  }
  if (total === 0) return 0;
  let between = 0;
  for (const g of by.values()) between += g.n * (g.sum / g.n - mean) ** 2;
  return Math.sqrt(Math.min(1, between / total));
}
