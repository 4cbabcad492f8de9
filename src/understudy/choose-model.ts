import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { Matrix } from "../data/matrix.ts";
import { fidelity } from "../evaluate/fidelity.ts";
import { regressionMetrics } from "../evaluate/regression-metrics.ts";
import { DecisionTreeClassifier } from "../models/decision-tree-classifier.ts";
import { DecisionTreeRegressor } from "../models/decision-tree-regressor.ts";
import { ExplainableBoostingClassifier } from "../models/explainable-boosting-classifier.ts";
import { ExplainableBoostingRegressor } from "../models/explainable-boosting-regressor.ts";
import type { MonotoneDirection } from "../models/ebm/ebm-options.ts";
import type { Estimator, Label } from "../models/estimator.ts";
import { KNNClassifier } from "../models/knn-classifier.ts";
import { KNNRegressor } from "../models/knn-regressor.ts";
import { LinearRegression } from "../models/linear-regression.ts";
import { LogisticRegression } from "../models/logistic-regression.ts";
import { RandomForestClassifier } from "../models/random-forest-classifier.ts";
import { RandomForestRegressor } from "../models/random-forest-regressor.ts";

/** The model families distill can be asked for. */
export type ModelChoice = "auto" | "tree" | "logistic" | "linear" | "knn" | "forest" | "ebm";

/** `distill({ monotone })`: a direction per input column. */
export type MonotoneColumns = Readonly<Record<string, MonotoneDirection>>;

/** One setting of a family's tuned options, as plain JSON (e.g. `{ C: 0.1 }`). */
export type CandidateSettings = Record<string, unknown>;

/** One candidate family: the settings it tunes, how to build it, where it sits in the simplicity order. */
export interface Candidate {
  /** Short id: the family, e.g. "logistic". */
  name: string;
  /** Human name for reports, e.g. "logistic regression (L2)". */
  type: string;
  family: Exclude<ModelChoice, "auto">;
  /** Simplicity rank: lower is simpler (easier to read and audit). */
  simplicity: number;
  /** k-NN compares raw distances, so it gets standardized numeric columns. */
  standardized: boolean;
  /** The family has a SQL form (`u.toSQL`); `exportable: true` keeps only these. */
  sql: boolean;
  /** The family weights classes (`classWeight` in its settings); `distill({ classWeight })` keeps only these. Absent: it cannot. */
  weights?: boolean;
  /**
   * The settings tried, simplest (most regularized) first; ties go to the earlier one.
   * "folds": every setting is fitted in every fold; "neighbors": one neighbor search per fold
   * serves every k and weighting; "oob": settings ranked by out-of-bag score on all rows, the
   * best then cross-validated like the others.
   */
  grid: CandidateSettings[];
  tuning: "folds" | "neighbors" | "oob";
  /** A fresh, unfitted model with these settings (and the run's seed). */
  make: (settings: CandidateSettings) => Estimator<Label>;
  /** The human name with these settings, e.g. "logistic regression (L2, C = 0.1)". */
  describe: (settings: CandidateSettings) => string;
}

/** A tuned candidate family's cross-validated score. */
export interface ScoredCandidate {
  name: string;
  /** Human name with the tuned settings. */
  type: string;
  family: string;
  simplicity: number;
  /** Mean out-of-fold agreement with the teacher (classification) or R² (regression) over the folds, at the tuned settings. */
  score: number;
  /** Standard error of `score`: the folds' standard deviation / √folds. */
  standardError: number;
  metric: "agreement" | "r2";
  /** Where the score comes from: out-of-fold predictions on the labelled train + validation rows. */
  rows: "cv";
  /** Rows scored (each once, by the model that did not see it). */
  n: number;
  folds: number;
  /** The tuned settings (the grid point with the best mean score). */
  settings: CandidateSettings;
  /** False when the solver still stopped at its iteration limit after the automatic retry. */
  converged?: boolean;
  chosen: boolean;
  /** Every option of the refit model, defaults included. */
  options: Record<string, unknown>;
}

/** What {@link chooseModel} decided, and why. */
export interface ModelChoiceResult {
  chosen: string;
  reason: string;
  /** The margin used: the best candidate's standard error or 0.005, whichever is smaller, unless `tolerance` was given. */
  tolerance: number;
  metric: "agreement" | "r2";
  candidates: ScoredCandidate[];
  /** Families left out before fitting, with the reason (e.g. no SQL form with `exportable: true`). */
  leftOut?: LeftOutCandidate[];
}

/** Log grid of logistic C (inverse penalty) and ridge alpha: strongest penalty first. */
const C_GRID = [0.01, 0.1, 1, 10, 100];
const ALPHA_GRID = [100, 10, 1, 0.1, 0.01];
/** Tree depth × fewest rows per leaf, shallowest and largest leaves first. */
const TREE_DEPTHS = [2, 3, 4, 6, 8];
const TREE_LEAVES = [25, 5];
const KNN_K = [40, 20, 10, 5, 3, 1];
const FOREST_GRID: CandidateSettings[] = [
  { minSamplesLeaf: 5, maxFeatures: "sqrt" }, { minSamplesLeaf: 1, maxFeatures: "sqrt" },
  { minSamplesLeaf: 5, maxFeatures: { fraction: 0.33 } }, { minSamplesLeaf: 1, maxFeatures: { fraction: 0.33 } },
];
/** Value bins of the EBM's coarse setting: octiles of each feature. */
const EBM_COARSE_BINS = 8;
/**
 * EBM, tuned lightly (each fit boosts every feature in 4 bags): main effects only, or with 10
 * pairwise terms. Purely additive first: it is the easier model to read. The pairs' setting
 * comes twice, and {@link selectCandidates} keeps one by the labelled rows: up to
 * {@link EBM_COARSE_MAX_ROWS}, over coarse shapes (8 bins per feature), because 255 quantile
 * bins of a few hundred rows hold one or two rows each and the shapes follow their noise (cars,
 * 300 rows: cross-validated R² 0.856 with 255 bins, 0.874 with 8); above it, over the default
 * 255 bins, which then hold enough rows each for the detail they give.
 */
const EBM_GRID: CandidateSettings[] = [{ interactions: 0 }, { interactions: 10, maxBins: EBM_COARSE_BINS }, { interactions: 10 }];
/** Trees per forest (out-of-bag ranking uses the same forests that would be kept). */
const FOREST_TREES = 100;

/**
 * The candidate families for a task, simplest first: logistic / linear regression (one weight
 * per feature) < decision tree (a handful of readable rules) < explainable boosting machine
 * (additive shape functions) < k-NN (explains only by example) < random forest (only through
 * attributions). Each family carries the grid cross-validation tunes: C or alpha over a log
 * grid; tree depth and leaf size; EBM pairwise terms or none, and bins per feature; k and
 * weighting; forest leaf size and features per split.
 *
 * @example
 * candidateModels("classification", "auto", 0).map((c) => c.name);
 * // ["logistic", "tree", "ebm", "knn", "forest"]
 */
export function candidateModels(kind: "classification" | "regression", family: ModelChoice, seed: number, monotone: MonotoneColumns = {}): Candidate[] {
  const cls = kind === "classification";
  if (family === "logistic" && !cls) throw new UnderstudyError("bad_option", messages.distill.logisticForRegression());
  if (family === "linear" && cls) throw new UnderstudyError("bad_option", messages.distill.linearForClassification());
  const num = (s: CandidateSettings, key: string) => s[key] as number;
  // distill({ classWeight }) puts it into every setting of the families that take it.
  const cw = (s: CandidateSettings) => (s.classWeight ? { classWeight: s.classWeight as "balanced" } : {});
  // Constrained columns are numeric or boolean, so each is one feature of the same name.
  const constraints = Object.keys(monotone).length ? { monotone } : {};
  const all: Candidate[] = [
    cls
      ? {
        name: "logistic", type: "logistic regression (L2)", family: "logistic", simplicity: 0, standardized: false, sql: true, weights: true,
        grid: C_GRID.map((C) => ({ C })), tuning: "folds",
        make: (s) => new LogisticRegression({ penalty: "l2", C: num(s, "C"), ...(s.maxIter ? { maxIter: num(s, "maxIter") } : {}), ...cw(s), ...constraints }) as Estimator<Label>,
        describe: (s) => `logistic regression (L2, C = ${s.C})`,
      }
      : {
        name: "linear", type: "linear regression (L2)", family: "linear", simplicity: 0, standardized: false, sql: true, weights: false,
        grid: ALPHA_GRID.map((alpha) => ({ alpha })), tuning: "folds",
        make: (s) => new LinearRegression({ penalty: "l2", alpha: num(s, "alpha"), ...constraints }) as unknown as Estimator<Label>,
        describe: (s) => `linear regression (L2, alpha = ${s.alpha})`,
      },
    {
      name: "tree", type: "decision tree", family: "tree", simplicity: 1, standardized: false, sql: true, weights: true,
      grid: TREE_DEPTHS.flatMap((maxDepth) => TREE_LEAVES.map((minSamplesLeaf) => ({ maxDepth, minSamplesLeaf }))), tuning: "folds",
      make: (s) => {
        const o = { maxDepth: num(s, "maxDepth"), minSamplesLeaf: num(s, "minSamplesLeaf"), seed, ...constraints };
        return (cls ? new DecisionTreeClassifier({ ...o, ...cw(s) }) : new DecisionTreeRegressor(o)) as Estimator<Label>;
      },
      describe: (s) => `decision tree (depth ≤ ${s.maxDepth}, ≥ ${s.minSamplesLeaf} rows per leaf)`,
    },
    {
      // Additive shape functions: every contribution is exact and charted, so simpler to audit than k-NN or a forest.
      name: "ebm", type: "explainable boosting machine", family: "ebm", simplicity: 2, standardized: false, sql: true,
      grid: EBM_GRID, tuning: "folds",
      make: (s) => {
        const o = { interactions: num(s, "interactions"), ...(s.maxBins ? { maxBins: num(s, "maxBins") } : {}), seed, ...constraints };
        return (cls ? new ExplainableBoostingClassifier(o) : new ExplainableBoostingRegressor(o)) as unknown as Estimator<Label>;
      },
      describe: (s) => `explainable boosting machine (${s.interactions === 0 ? "main effects only" : `main effects + ${s.interactions} pairwise terms`}${s.maxBins ? `, ${s.maxBins} bins per feature` : ""})`,
    },
    {
      name: "knn", type: "k-nearest neighbors", family: "knn", simplicity: 3, standardized: true, sql: false, weights: false,
      grid: KNN_K.flatMap((k) => (["uniform", "distance"] as const).map((weights) => ({ k, weights }))), tuning: "neighbors",
      make: (s) => {
        const o = { k: num(s, "k"), weights: s.weights as "uniform" | "distance" };
        return (cls ? new KNNClassifier(o) : new KNNRegressor(o)) as Estimator<Label>;
      },
      describe: (s) => `k-nearest neighbors (k = ${s.k}, ${s.weights === "distance" ? "weighted by 1/distance" : "equal votes"})`,
    },
    {
      name: "forest", type: `random forest (${FOREST_TREES} trees)`, family: "forest", simplicity: 4, standardized: false, sql: true, weights: true,
      grid: FOREST_GRID, tuning: "oob",
      make: (s) => {
        const o = { nEstimators: FOREST_TREES, minSamplesLeaf: num(s, "minSamplesLeaf"), maxFeatures: s.maxFeatures as "sqrt" | { fraction: number }, seed, ...(s.oobScore ? { oobScore: true } : {}), ...constraints };
        return (cls ? new RandomForestClassifier({ ...o, ...cw(s) }) : new RandomForestRegressor(o)) as Estimator<Label>;
      },
      describe: (s) => `random forest (${FOREST_TREES} trees, ≥ ${s.minSamplesLeaf} rows per leaf, ${typeof s.maxFeatures === "string" ? `${s.maxFeatures} of the features` : `${(s.maxFeatures as { fraction: number }).fraction * 100}% of the features`} per split)`,
    },
  ];
  return family === "auto" ? all : all.filter((c) => c.family === family);
}

/** A family left out before fitting, and why. */
export interface LeftOutCandidate {
  name: string;
  type: string;
  reason: string;
}

/** Above this many features "auto" leaves the EBM out: it boosts every feature and ranks every pair of them. */
const EBM_MAX_FEATURES = 100;
/**
 * Above this many labelled rows "auto" leaves k-NN out: each held-out row is compared with every
 * training row, so its search grows with the square of the rows (100,000 × 59 features: 241 s
 * of CPU, more than every other family together but the forest), and the model it would keep
 * stores every row.
 */
const KNN_MAX_ROWS = 50_000;
/**
 * Up to this many labelled rows the EBM's pairs setting uses 8 bins per feature, above it the
 * default 255 (10 rows or more per bin on average). One of the two, not both: a third EBM
 * setting costs half again (penguins, 344 rows: distill's CPU +37%; 10,000 × 20: the EBM family
 * 9.9 → 17.0 s), and on bench/quality.ts's small sets, with all three tried, the 255-bin pairs
 * won the EBM's tuning in 4 of 12 outer folds (iris, penguins), each time in a fold where
 * another family was chosen, while the coarse pairs won all 4 of cars' and were chosen there.
 */
const EBM_COARSE_MAX_ROWS = 2550;

/** Why a family cannot honour monotone constraints, with the number of classes (0: regression); undefined when it can. */
const NOT_MONOTONE: Partial<Record<Candidate["family"], (nClasses: number) => string | undefined>> = {
  knn: () => "k-NN cannot honour monotone constraints: a vote among neighbors has no direction to constrain",
  tree: (n) => (n > 2 ? "a tree's monotone splits constrain one class's probability, which needs two classes" : undefined),
  forest: (n) => (n > 2 ? "a forest's monotone splits constrain one class's probability, which needs two classes" : undefined),
  logistic: (n) => (n > 2 ? "sign constraints on a multinomial model's coefficients do not make one class's probability monotone" : undefined),
};

/**
 * The families the search fits, and those it leaves out with the reason: no SQL form under
 * `exportable: true`; cannot honour `monotone`; an EBM over too many features, or k-NN over
 * too many labelled rows (`nRows`), when the family was not asked for by name. The EBM's
 * pairs are fitted over 8 bins per feature up to 2,550 labelled rows, over 255 above. Throws when a monotone column is not one numeric or boolean
 * feature (a categorical or text column has no order), or when nothing is left.
 *
 * @example
 * selectCandidates(candidateModels("classification", "auto", 0, { income: "increasing" }), { features: X, monotone: { income: "increasing" } }).kept.map((c) => c.name);
 * // ["logistic", "tree", "ebm", "forest"]
 */
export function selectCandidates(
  all: Candidate[],
  o: { exportable?: boolean; classWeight?: "balanced"; monotone?: MonotoneColumns; features: Pick<Matrix, "nCols" | "featureNames" | "origins">; family?: ModelChoice; nClasses?: number; nRows?: number },
): { kept: Candidate[]; leftOut: LeftOutCandidate[] } {
  const monotone = Object.keys(o.monotone ?? {});
  const ordered = orderedColumns(o.features);
  const bad = monotone.find((column) => !ordered.includes(column));
  if (bad !== undefined) throw new UnderstudyError("bad_option", messages.distill.monotoneNotNumeric(bad, ordered));
  const nFeatures = o.features.nCols;
  const reasonOut = (c: Candidate): string | undefined => {
    if (o.exportable && !c.sql) return "no SQL form (exportable: true)";
    if (o.classWeight && !c.weights) return `cannot weight classes (classWeight: "${o.classWeight}")`;
    const cannot = monotone.length ? NOT_MONOTONE[c.family]?.(o.nClasses ?? 0) : undefined;
    if (cannot) return cannot;
    if (c.family === "ebm" && o.family !== "ebm" && nFeatures > EBM_MAX_FEATURES) {
      return `${nFeatures} features: an EBM boosts every feature and ranks every pair, so the search leaves it out above ${EBM_MAX_FEATURES} (model: "ebm" fits it anyway)`;
    }
    if (c.family === "knn" && o.family !== "knn" && (o.nRows ?? 0) > KNN_MAX_ROWS) {
      return `${o.nRows} labelled rows: k-NN compares every row with every stored row, so the search leaves it out above ${KNN_MAX_ROWS} (model: "knn" fits it anyway)`;
    }
    return undefined;
  };
  const leftOut = all.filter((c) => reasonOut(c) !== undefined).map((c) => ({ name: c.name, type: c.type, reason: reasonOut(c)! }));
  const kept = all.filter((c) => reasonOut(c) === undefined).map((c) => (c.family === "ebm" ? pairBinsFor(c, o.nRows ?? 0) : c));
  if (kept.length === 0) throw new UnderstudyError("bad_option", messages.distill.noCandidateLeft(leftOut.map((c) => `${c.name}: ${c.reason}`)));
  return { kept, leftOut };
}

// The EBM's pairs over coarse bins on a small set, over the default 255 bins on a larger one.
function pairBinsFor(c: Candidate, nRows: number): Candidate {
  const coarse = nRows <= EBM_COARSE_MAX_ROWS;
  return { ...c, grid: c.grid.filter((s) => s.interactions === 0 || (s.maxBins === EBM_COARSE_BINS) === coarse) };
}

// Input columns that became one numeric or boolean feature of their own name: the ones with an order.
function orderedColumns(X: Pick<Matrix, "featureNames" | "origins">): string[] {
  const names = X.featureNames ?? [];
  return names.filter((name, j) => {
    const origin = X.origins?.[j];
    return origin !== undefined && origin.column === name && (origin.kind === "numeric" || origin.kind === "boolean");
  });
}

/**
 * Score of a fitted model on labelled rows: agreement with the teacher's labels, or R² against its values.
 *
 * @example
 * validationScore(model, Xvalidation, teacherLabels); // 0.93
 */
export function validationScore(model: Estimator<Label>, X: Matrix, reference: readonly Label[]): number {
  return predictionScore(model.capabilities.task, model.predict(X), reference);
}

/**
 * Agreement of predictions with the teacher's labels (classification), or their R² against its values.
 *
 * @example
 * predictionScore("classification", ["a", "b"], ["a", "a"]); // 0.5
 */
export function predictionScore(task: "classification" | "regression", predicted: readonly Label[], reference: readonly Label[]): number {
  if (task === "classification") return fidelity(predicted as Label[], reference as Label[]).agreement;
  return regressionMetrics(reference as number[], predicted as number[]).r2;
}

/** The one-standard-error margin is capped here: a noisy best score never licenses a much worse model. */
const MAX_MARGIN = 0.005;

/**
 * Picks the simplest candidate whose cross-validated score is within a margin of the best:
 * the best candidate's standard error or 0.005, whichever is smaller (the one-standard-error
 * rule, capped), or `tolerance` when given. Says why in one sentence.
 *
 * @example
 * chooseModel([{ name: "logistic", score: 0.951, standardError: 0.004, simplicity: 0, ... }, { name: "forest", score: 0.955, standardError: 0.003, simplicity: 4, ... }]).chosen;
 * // "logistic" (0.951 ≥ 0.955 − 0.003)
 */
export function chooseModel(scored: Omit<ScoredCandidate, "chosen">[], tolerance?: number): ModelChoiceResult {
  if (scored.length === 0) throw new UnderstudyError("not_fittable", messages.distill.noCandidates());
  const best = scored.reduce((a, b) => (b.score > a.score || (b.score === a.score && b.simplicity < a.simplicity) ? b : a));
  const margin = tolerance ?? Math.min(best.standardError, MAX_MARGIN);
  const eligible = scored.filter((c) => c.score >= best.score - margin - 1e-12);
  const chosen = eligible.reduce((a, b) => (b.simplicity < a.simplicity ? b : a));
  const agreement = best.metric === "agreement";
  const fmt = agreement ? (v: number) => `${(v * 100).toFixed(1)}%` : (v: number) => v.toFixed(3);
  const what = `${best.folds}-fold cross-validated ${agreement ? "agreement with the teacher" : "R²"}`;
  const withError = (c: Omit<ScoredCandidate, "chosen">) => `${fmt(c.score)} ± ${fmt(c.standardError)}`;
  const within = tolerance === undefined ? `within ${fmt(margin)} (one standard error of the best, at most ${fmt(MAX_MARGIN)})` : `within ${fmt(margin)} (tolerance)`;
  const reason = scored.length === 1
    ? `${chosen.type} was the only candidate asked for (${what} ${withError(chosen)}).`
    : chosen.name === best.name
      ? `${chosen.type} had the best ${what} (${withError(chosen)}), and no simpler candidate came ${within} of it.`
      : `${chosen.type} is the simplest candidate ${within} of the best ${what} (${withError(chosen)} against ${withError(best)} for ${best.type}).`;
  return {
    chosen: chosen.name, reason, tolerance: margin, metric: best.metric,
    candidates: scored.map((c) => ({ ...c, chosen: c.name === chosen.name })),
  };
}
