import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { Matrix } from "../data/matrix.ts";
import { fidelity } from "../evaluate/fidelity.ts";
import { regressionMetrics } from "../evaluate/regression-metrics.ts";
import { DecisionTreeClassifier } from "../models/decision-tree-classifier.ts";
import { DecisionTreeRegressor } from "../models/decision-tree-regressor.ts";
import type { Estimator, Label } from "../models/estimator.ts";
import { KNNClassifier } from "../models/knn-classifier.ts";
import { KNNRegressor } from "../models/knn-regressor.ts";
import { LinearRegression } from "../models/linear-regression.ts";
import { LogisticRegression } from "../models/logistic-regression.ts";
import { RandomForestClassifier } from "../models/random-forest-classifier.ts";
import { RandomForestRegressor } from "../models/random-forest-regressor.ts";

/** The model families distill can be asked for. */
export type ModelChoice = "auto" | "tree" | "logistic" | "linear" | "knn" | "forest";

/** One candidate: how to build it, and where it sits in the simplicity order. */
export interface Candidate {
  /** Short id, e.g. "tree-depth-3". */
  name: string;
  /** Human name for reports, e.g. "decision tree (depth ≤ 3)". */
  type: string;
  family: Exclude<ModelChoice, "auto">;
  /** Simplicity rank: lower is simpler (easier to read and audit). */
  simplicity: number;
  /** k-NN compares raw distances, so it gets standardized numeric columns. */
  standardized: boolean;
  make: () => Estimator<Label>;
}

/** A candidate's validation score. */
export interface ScoredCandidate {
  name: string;
  type: string;
  family: string;
  simplicity: number;
  /** Agreement with the teacher on validation rows (classification) or R² (regression). */
  score: number;
  metric: "agreement" | "r2";
  chosen: boolean;
  options: Record<string, unknown>;
}

/** What {@link chooseModel} decided, and why. */
export interface ModelChoiceResult {
  chosen: string;
  reason: string;
  tolerance: number;
  metric: "agreement" | "r2";
  candidates: ScoredCandidate[];
}

/**
 * The candidates for a task, simplest first: shallow tree (depth ≤ 3) < logistic / linear
 * regression < deeper tree (depth ≤ 6) < k-NN (k = 5) < random forest (100 trees). A shallow
 * tree is a handful of readable rules; a linear model is one weight per feature; a deeper tree
 * has more rules; k-NN explains only by example; a forest only through attributions.
 *
 * @example
 * candidateModels("classification", "auto", 0).map((c) => c.name);
 * // ["tree-depth-3", "logistic", "tree-depth-6", "knn", "forest"]
 */
export function candidateModels(kind: "classification" | "regression", family: ModelChoice, seed: number): Candidate[] {
  const cls = kind === "classification";
  if (family === "logistic" && !cls) throw new UnderstudyError("bad_option", messages.distill.logisticForRegression());
  if (family === "linear" && cls) throw new UnderstudyError("bad_option", messages.distill.linearForClassification());
  const all: Candidate[] = [
    { name: "tree-depth-3", type: "decision tree (depth ≤ 3)", family: "tree", simplicity: 0, standardized: false,
      make: () => (cls ? new DecisionTreeClassifier({ maxDepth: 3, minSamplesLeaf: 5, seed }) : new DecisionTreeRegressor({ maxDepth: 3, minSamplesLeaf: 5, seed })) as Estimator<Label> },
    cls
      ? { name: "logistic", type: "logistic regression (L2, C = 1)", family: "logistic", simplicity: 1, standardized: false, make: () => new LogisticRegression({ penalty: "l2", C: 1 }) as Estimator<Label> }
      : { name: "linear", type: "linear regression (L2, alpha = 1)", family: "linear", simplicity: 1, standardized: false, make: () => new LinearRegression({ penalty: "l2", alpha: 1 }) as unknown as Estimator<Label> },
    { name: "tree-depth-6", type: "decision tree (depth ≤ 6)", family: "tree", simplicity: 2, standardized: false,
      make: () => (cls ? new DecisionTreeClassifier({ maxDepth: 6, minSamplesLeaf: 5, seed }) : new DecisionTreeRegressor({ maxDepth: 6, minSamplesLeaf: 5, seed })) as Estimator<Label> },
    { name: "knn", type: "k-nearest neighbours (k = 5)", family: "knn", simplicity: 3, standardized: true,
      make: () => (cls ? new KNNClassifier({ k: 5 }) : new KNNRegressor({ k: 5 })) as Estimator<Label> },
    { name: "forest", type: "random forest (100 trees)", family: "forest", simplicity: 4, standardized: false,
      make: () => (cls ? new RandomForestClassifier({ nEstimators: 100, minSamplesLeaf: 2, seed }) : new RandomForestRegressor({ nEstimators: 100, minSamplesLeaf: 2, seed })) as Estimator<Label> },
  ];
  return family === "auto" ? all : all.filter((c) => c.family === family);
}

/**
 * Validation score of a fitted model: agreement with the teacher's labels, or R² against its values.
 *
 * @example
 * validationScore(model, Xvalidation, teacherLabels); // 0.93
 */
export function validationScore(model: Estimator<Label>, X: Matrix, reference: readonly Label[]): number {
  const predicted = model.predict(X);
  if (model.capabilities.task === "classification") return fidelity(predicted, reference).agreement;
  return regressionMetrics(reference as number[], predicted as number[]).r2;
}

/**
 * Picks the simplest candidate whose validation score is within `tolerance` of the best
 * (scores are agreement or R², so 0.01 is one point), and says why in one sentence.
 *
 * @example
 * chooseModel([{ name: "tree-depth-3", score: 0.95, simplicity: 0, ... }, { name: "forest", score: 0.955, simplicity: 4, ... }], 0.01).chosen;
 * // "tree-depth-3"
 */
export function chooseModel(scored: Omit<ScoredCandidate, "chosen">[], tolerance: number): ModelChoiceResult {
  if (scored.length === 0) throw new UnderstudyError("not_fittable", messages.distill.noCandidates());
  const best = scored.reduce((a, b) => (b.score > a.score ? b : a));
  const eligible = scored.filter((c) => c.score >= best.score - tolerance - 1e-12);
  const chosen = eligible.reduce((a, b) => (b.simplicity < a.simplicity ? b : a));
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const what = best.metric === "agreement" ? "validation agreement with the teacher" : "validation R²";
  const fmt = best.metric === "agreement" ? pct : (v: number) => v.toFixed(3);
  const reason = scored.length === 1
    ? `${chosen.type} was the only candidate asked for (${what} ${fmt(chosen.score)}).`
    : chosen.name === best.name
      ? `${chosen.type} had the best ${what} (${fmt(chosen.score)}), and no simpler candidate came within ${fmt(tolerance)} of it.`
      : `${chosen.type} is the simplest candidate within ${fmt(tolerance)} of the best ${what} (${fmt(chosen.score)} against ${fmt(best.score)} for ${best.type}).`;
  return {
    chosen: chosen.name, reason, tolerance, metric: best.metric,
    candidates: scored.map((c) => ({ ...c, chosen: c.name === chosen.name })),
  };
}
