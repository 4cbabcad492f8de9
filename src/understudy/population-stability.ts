/** Shares below this are raised to it, so an empty bin adds a large but finite term. */
export const PSI_FLOOR = 1e-4;

/**
 * The population stability index of two distributions over the same bins:
 * Σ (actual − expected) · ln(actual / expected), each share floored at 1e-4. Common reading:
 * under 0.1 stable, 0.1–0.25 a moderate shift, over 0.25 a significant one.
 *
 * @example
 * populationStability([0.5, 0.5], [0.4, 0.6]); // (0.4 − 0.5)·ln(0.8) + (0.6 − 0.5)·ln(1.2) ≈ 0.0405
 */
export function populationStability(expected: readonly number[], actual: readonly number[]): number {
  let psi = 0;
  for (let b = 0; b < expected.length; b++) {
    const e = Math.max(expected[b], PSI_FLOOR);
    const a = Math.max(actual[b], PSI_FLOOR);
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
}
