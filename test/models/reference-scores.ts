// Scores written out in the tests themselves, so the estimators are not judged by library code.

/**
 * Coefficient of determination, 1 − Σ(y − p)² / Σ(y − ȳ)².
 *
 * @example
 * r2([1, 2, 3], [1, 2, 4]); // 0.5
 */
export function r2(y: number[], p: number[]): number {
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  let res = 0;
  let tot = 0;
  y.forEach((v, i) => {
    res += (v - p[i]) ** 2;
    tot += (v - mean) ** 2;
  });
  return 1 - res / tot;
}

/**
 * Share of positions where `a` and `b` hold the same label: accuracy against the truth, or
 * agreement with another model's predictions.
 *
 * @example
 * fractionEqual(["a", "b"], ["a", "a"]); // 0.5
 */
export function fractionEqual(a: unknown[], b: unknown[]): number {
  return a.filter((v, i) => v === b[i]).length / a.length;
}
