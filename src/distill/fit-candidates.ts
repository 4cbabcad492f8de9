import type { Matrix } from "../data/matrix.ts";
import type { Featurizer } from "../features/featurizer.ts";
import type { Estimator, Label } from "../models/estimator.ts";
import { candidateModels, chooseModel, validationScore, type Candidate, type ModelChoice, type ModelChoiceResult, type ScoredCandidate } from "../understudy/choose-model.ts";

/** The labelled rows of one part: the rows and their teacher labels, one per row. */
export interface LabelledRows {
  rows: Record<string, unknown>[];
  y: Label[];
}

/** What {@link fitCandidates} needs: the labelled train and validation rows, and which featurizer each candidate gets. */
export interface FitCandidatesInput {
  kind: "classification" | "regression";
  model: ModelChoice;
  seed: number;
  tolerance: number;
  train: LabelledRows;
  validation: LabelledRows;
  /** The featurizer for a candidate (standardized for distance-based models), fitted on training rows. */
  featurizerFor: (standardized: boolean) => Featurizer;
  onProgress?: (done: number, total: number, message: string) => void;
}

/** The chosen model, fitted, with the matrices it was fitted and scored on. */
export interface ChosenModel {
  candidate: Candidate;
  model: Estimator<Label>;
  featurizer: Featurizer;
  train: Matrix;
  validation: Matrix;
}

/** What {@link fitCandidates} returns: every candidate's score and the reason for the choice, and the chosen model. */
export interface FittedCandidates {
  choice: ModelChoiceResult;
  chosen: ChosenModel;
}

/**
 * Stage 6: fits every candidate (simplest first) on the training rows, scores it on the
 * validation rows (agreement with the teacher, or R²), and keeps the simplest within
 * `tolerance` of the best. The seam for model choice by cross-validation: same input rows,
 * same output.
 *
 * @example
 * const { choice, chosen } = fitCandidates({ kind: "classification", model: "auto", seed: 0, tolerance: 0.01, train, validation, featurizerFor });
 * choice.reason; chosen.model.predict(chosen.validation);
 */
export function fitCandidates(input: FitCandidatesInput): FittedCandidates {
  const candidates = candidateModels(input.kind, input.model, input.seed);
  const matrices = new Map<Featurizer, { train: Matrix; validation: Matrix }>();
  const matricesOf = (f: Featurizer) => {
    let m = matrices.get(f);
    if (!m) matrices.set(f, (m = { train: f.transform(input.train.rows), validation: f.transform(input.validation.rows) }));
    return m;
  };
  // One standardized featurizer for every candidate that wants one, built only if one does.
  const standardized = input.featurizerFor(candidates.some((c) => c.standardized));
  const scored: Omit<ScoredCandidate, "chosen">[] = [];
  const fitted = new Map<string, ChosenModel>();
  for (const [k, c] of candidates.entries()) {
    input.onProgress?.(k, candidates.length, `fitting ${c.type}`);
    const featurizer = c.standardized ? standardized : input.featurizerFor(false);
    const X = matricesOf(featurizer);
    const model = c.make().fit(X.train, input.train.y);
    fitted.set(c.name, { candidate: c, model, featurizer, train: X.train, validation: X.validation });
    scored.push({
      name: c.name, type: c.type, family: c.family, simplicity: c.simplicity, metric: input.kind === "classification" ? "agreement" : "r2",
      score: validationScore(model, X.validation, input.validation.y), options: plainOptions(model.options),
    });
  }
  const choice = chooseModel(scored, input.tolerance);
  input.onProgress?.(candidates.length, candidates.length, choice.reason);
  return { choice, chosen: fitted.get(choice.chosen)! };
}

function plainOptions(options: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).map(([k, v]) => [k, typeof v === "number" && !Number.isFinite(v) ? String(v) : v]).filter(([, v]) => v !== undefined));
}
