/** A fitted map from a model's scores or probabilities to calibrated probabilities. */
export interface Calibrator {
  kind: "platt" | "isotonic";
  /** Plain parameters: Platt { a, b }; isotonic { x, y } (breakpoints, interpolated linearly). */
  params: Record<string, number | number[]>;
  /** Calibrated probability for each score. */
  transform(scores: ArrayLike<number>): number[];
}
