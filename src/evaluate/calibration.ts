import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { Label } from "../models/estimator.ts";

/** One equal-width confidence bin of a reliability diagram. */
export interface ReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  /** Mean confidence of the rows in the bin (NaN when empty). */
  confidence: number;
  /** Share of those rows whose predicted label was right (NaN when empty). */
  accuracy: number;
}

/** How well predicted probabilities match observed frequencies. */
export interface Calibration {
  n: number;
  /**
   * Expected calibration error: Σ_b (count_b / n) · |accuracy_b − confidence_b| over `bins`
   * equal-width bins of the top-class probability; a row with confidence c goes to bin
   * min(floor(c · bins), bins − 1), so bins are [l, u) and the last is [l, 1].
   */
  ece: number;
  /** Maximum calibration error: the largest |accuracy_b − confidence_b| over non-empty bins. */
  mce: number;
  /** Brier score: mean over rows of Σ_k (p_k − 1[y = k])² (0 is perfect, 2 the worst). */
  brier: number;
  /** Two classes: mean (p(classes[1]) − 1[y = classes[1]])², as scikit-learn's brier_score_loss. */
  brierBinary?: number;
  /** Mean negative log probability of the true class (probabilities clipped to 1e-15). */
  logLoss: number;
  bins: ReliabilityBin[];
}

/**
 * Calibration of a classifier's probabilities against reference labels (gold or the
 * teacher's): ECE, MCE, Brier score, log loss and reliability bins (`bins`, default 10,
 * equal-width on the top-class probability). `classes` is the column order of `probabilities`
 * (`model.classes`); a label outside it throws.
 *
 * @example
 * const c = calibration(model.predictProba(X), model.classes!, gold, { bins: 10 });
 * c.ece; // 0.04
 */
export function calibration(probabilities: number[][], classes: Label[], yTrue: ArrayLike<Label>, options: { bins?: number } = {}): Calibration {
  const nBins = options.bins ?? 10;
  if (!Number.isInteger(nBins) || nBins < 1) throw new UnderstudyError("bad_option", messages.evaluate.binCount(nBins));
  const n = yTrue.length;
  if (probabilities.length !== n || n === 0) {
    throw new UnderstudyError("length_mismatch", messages.evaluate.probabilityRows("calibration", probabilities.length, n));
  }
  const index = new Map<Label, number>(classes.map((c, k) => [c, k]));
  const count = new Float64Array(nBins);
  const conf = new Float64Array(nBins);
  const correct = new Float64Array(nBins);
  let brier = 0;
  let brierBinary = 0;
  let logLoss = 0;
  for (let i = 0; i < n; i++) {
    const p = probabilities[i];
    const y = index.get(yTrue[i]);
    if (y === undefined) {
      throw new UnderstudyError("bad_labels", messages.evaluate.unknownClass("calibration", yTrue[i], i, classes));
    }
    let best = 0;
    for (let k = 0; k < p.length; k++) {
      brier += (p[k] - (k === y ? 1 : 0)) ** 2;
      if (p[k] > p[best]) best = k;
    }
    if (classes.length === 2) brierBinary += (p[1] - (y === 1 ? 1 : 0)) ** 2;
    logLoss -= Math.log(Math.min(Math.max(p[y], 1e-15), 1 - 1e-15));
    const b = Math.min(Math.floor(p[best] * nBins), nBins - 1);
    count[b]++;
    conf[b] += p[best];
    if (best === y) correct[b]++;
  }
  let ece = 0;
  let mce = 0;
  const bins: ReliabilityBin[] = [];
  for (let b = 0; b < nBins; b++) {
    const c = count[b];
    const confidence = c > 0 ? conf[b] / c : NaN;
    const accuracy = c > 0 ? correct[b] / c : NaN;
    if (c > 0) {
      const gap = Math.abs(accuracy - confidence);
      ece += (c / n) * gap;
      mce = Math.max(mce, gap);
    }
    bins.push({ lower: b / nBins, upper: (b + 1) / nBins, count: c, confidence, accuracy });
  }
  const result: Calibration = { n, ece, mce, brier: brier / n, logLoss: logLoss / n, bins };
  if (classes.length === 2) result.brierBinary = brierBinary / n;
  return result;
}
