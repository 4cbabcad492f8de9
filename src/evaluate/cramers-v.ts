/**
 * Cramér's V between two categorical columns: √(χ² / n / (min(levels) − 1)), from 0 (no
 * association) to 1 (each column determines the other). 0 when either column has one level (a
 * constant cannot stand in for anything). Equals scipy's
 * `contingency.association(table, method="cramer")` (no bias correction).
 *
 * @example
 * cramersV(["a", "a", "b", "b"], ["x", "x", "y", "y"]); // 1
 */
export function cramersV(x: readonly string[], y: readonly string[]): number {
  const n = x.length;
  const rows = new Map<string, number>(), cols = new Map<string, number>(), cells = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    rows.set(x[i], (rows.get(x[i]) ?? 0) + 1);
    cols.set(y[i], (cols.get(y[i]) ?? 0) + 1);
    const key = `${x[i]}\u0000${y[i]}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  const k = Math.min(rows.size, cols.size);
  if (n === 0 || k < 2) return 0;
  let chi2 = 0;
  for (const [a, ra] of rows) {
    for (const [b, cb] of cols) {
      const expected = (ra * cb) / n;
      const observed = cells.get(`${a}\u0000${b}`) ?? 0;
      chi2 += (observed - expected) ** 2 / expected;
    }
  }
  return Math.sqrt(chi2 / n / (k - 1));
}
