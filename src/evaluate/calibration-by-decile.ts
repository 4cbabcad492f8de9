/** One band of rows by predicted probability: its range, mean prediction, observed rate, rows. */
export interface ScoreBand {
  /** 1 = the lowest predicted probabilities. */
  band: number;
  n: number;
  scoreFrom: number;
  scoreTo: number;
  meanPredicted: number;
  observedRate: number;
}

/**
 * Calibration by score band: rows sorted by predicted probability and cut into `bands` groups
 * of equal size (deciles by default; the first bands take one row more when n is not a
 * multiple), each with its mean prediction and the observed rate of the positive class — the
 * table a credit validator reads beside the AUC. Rows of one score stay in one band only when
 * the cut allows; ties are ordered by row index, so the bands are fixed.
 *
 * @example
 * calibrationByDecile(pApproved, gold.map((g) => g === "approved"))[9]; // { band: 10, n: 40, meanPredicted: 0.93, observedRate: 0.95, ... }
 */
export function calibrationByDecile(scores: ArrayLike<number>, positives: ArrayLike<boolean>, bands = 10): ScoreBand[] {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b] || a - b);
  const count = Math.min(bands, order.length);
  const out: ScoreBand[] = [];
  let start = 0;
  for (let b = 0; b < count; b++) {
    const size = Math.floor(order.length / count) + (b < order.length % count ? 1 : 0);
    const rows = order.slice(start, start + size);
    start += size;
    out.push({
      band: b + 1, n: rows.length, scoreFrom: scores[rows[0]], scoreTo: scores[rows[rows.length - 1]],
      meanPredicted: rows.reduce((s, i) => s + scores[i], 0) / rows.length,
      observedRate: rows.filter((i) => positives[i]).length / rows.length,
    });
  }
  return out;
}
