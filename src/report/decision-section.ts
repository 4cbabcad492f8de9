import { num, pct, rowsText } from "./format.ts";
import type { ReportCalibrationScores, ReportDecision } from "./report-input.ts";
import type { ReportBlock } from "./report-block.ts";

/**
 * The "Decision rule" section: which class is scored, the cutoff `predict` and `toSQL` use (or
 * the most probable class), and calibration measured out of fold against calibration applied,
 * each figure with its rows. Null (not measured) for a regression or a model without one.
 *
 * @example
 * decisionBlocks({ positive: "default", calibrated: false, cutoff: "Predict default when P(default) ≥ 0.18 ..." });
 */
export function decisionBlocks(d: ReportDecision | undefined): ReportBlock[] | null {
  if (d === undefined) return null;
  const measured = [d.calibrationCV, d.calibrationTest].filter((c): c is ReportCalibrationScores => c !== undefined);
  return [
    {
      kind: "facts",
      rows: [
        ["Positive class (scored and explained)", d.positive],
        ["Cutoff", d.cutoff ?? `none: the most probable class is predicted (binary: ${d.positive} when P(${d.positive}) ≥ 0.5)`],
        ["Calibration applied", d.calibrated
          ? "yes: a Platt calibration fitted on out-of-fold probabilities maps the model's probabilities before predict and predictProba"
          : "no: predict and predictProba use the model's own probabilities (pass calibrate: true to apply the out-of-fold calibration)"],
      ],
    },
    ...(measured.length === 0 ? [] : [{
      kind: "table",
      caption: "Calibration measured (against the teacher's labels; lower is better)",
      columns: ["Rows", "Probabilities", "Expected calibration error", "Brier score", "Log loss"],
      numeric: [false, false, true, true, true],
      rows: measured.map((c) => [rowsText(c.on, c.rows), c.probabilities ?? "—", pct(c.ece, 2), num(c.brier), num(c.logLoss)]),
    } as ReportBlock]),
  ];
}
