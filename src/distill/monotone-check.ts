import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { Featurizer } from "../features/featurizer.ts";
import type { Estimator, Label } from "../models/estimator.ts";
import type { MonotoneColumns } from "../understudy/choose-model.ts";

type Row = Record<string, unknown>;

/** One monotone constraint checked on held-out rows: how many rows' sweeps broke it. */
export interface MonotoneMetric {
  column: string;
  direction: "increasing" | "decreasing";
  rows: "test";
  /** Rows swept. */
  n: number;
  /** Rows whose prediction moved against the direction somewhere along the sweep. */
  violations: number;
}

/** Values a column is swept over: at most this many, spread over its observed range. */
const SWEEP_POINTS = 25;

/** Moves smaller than this are rounding, not a violation. */
const SLACK = 1e-9;

/**
 * Checks each monotone constraint on held-out rows: for every row, the constrained column is
 * swept over its observed values (up to 25 points from its smallest to its largest) with the
 * other columns kept, and the row counts as a violation if the positive label's probability
 * (regression: the prediction) ever moves against the direction.
 *
 * @example
 * monotoneCheck({ model, featurizer, rows: testRows, observed: trainRows, monotone: { income: "increasing" }, positive: "approve" });
 * // [{ column: "income", direction: "increasing", rows: "test", n: 200, violations: 0 }]
 */
export function monotoneCheck(input: {
  model: Estimator<Label>; featurizer: Featurizer; rows: Row[]; observed: Row[]; monotone: MonotoneColumns; positive?: Label;
}): MonotoneMetric[] {
  const { model, featurizer, rows } = input;
  const score = (swept: Row[]): number[] => {
    const X = featurizer.transform(swept);
    if (input.positive === undefined || !model.predictProba) return model.predict(X) as number[];
    const k = model.classes!.indexOf(input.positive);
    return model.predictProba(X).map((p) => (k >= 0 ? p[k] : 0));
  };
  return Object.entries(input.monotone).map(([column, direction]) => {
    const grid = sweepValues(input.observed.map((r) => r[column]));
    const swept = rows.flatMap((row) => grid.map((v) => ({ ...row, [column]: v })));
    const s = grid.length ? score(swept) : [];
    const sign = direction === "increasing" ? 1 : -1;
    let violations = 0;
    for (let r = 0; r < rows.length; r++) {
      for (let g = 1; g < grid.length; g++) {
        if (sign * (s[r * grid.length + g] - s[r * grid.length + g - 1]) < -SLACK) {
          violations++;
          break;
        }
      }
    }
    return { column, direction, rows: "test" as const, n: rows.length, violations };
  });
}

// Distinct finite values, thinned evenly to SWEEP_POINTS (the smallest and largest kept).
function sweepValues(values: unknown[]): number[] {
  const distinct = [...new Set(values.map(Number).filter(Number.isFinite))].sort((a, b) => a - b);
  if (distinct.length <= SWEEP_POINTS) return distinct;
  return Array.from({ length: SWEEP_POINTS }, (_, i) => distinct[Math.round((i * (distinct.length - 1)) / (SWEEP_POINTS - 1))]);
}

/**
 * The constraints as the models read them. Models constrain the probability of their first
 * class (`classes`, sorted) while `monotone` speaks of the positive label (the first of
 * `labels`): for two classes a positive label that sorts second flips every direction; with
 * more classes only a positive label that sorts first can be constrained.
 *
 * @example
 * modelMonotone({ income: "increasing" }, ["approve", "decline"], "decline"); // { income: "decreasing" }
 */
export function modelMonotone(monotone: MonotoneColumns, classes: Label[], positive: Label | undefined): MonotoneColumns {
  if (positive === undefined || classes[0] === positive) return monotone;
  if (classes.length !== 2) throw new UnderstudyError("bad_option", messages.distill.monotoneMulticlass(String(positive), classes.map(String)));
  const flip = (d: "increasing" | "decreasing") => (d === "increasing" ? "decreasing" : "increasing");
  return Object.fromEntries(Object.entries(monotone).map(([c, d]) => [c, flip(d)]));
}
