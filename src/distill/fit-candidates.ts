import { UnderstudyError } from "../core/errors.ts";
import { setLogger } from "../core/logger.ts";
import { messages } from "../core/messages/index.ts";
import type { Matrix } from "../data/matrix.ts";
import { assignFolds } from "../evaluate/assign-folds.ts";
import { forwardFolds, type ForwardFold } from "../evaluate/forward-folds.ts";
import type { Featurizer } from "../features/featurizer.ts";
import type { Estimator, Label } from "../models/estimator.ts";
import {
  candidateModels, chooseModel, predictionScore, selectCandidates,
  type Candidate, type MonotoneColumns, type CandidateSettings, type ModelChoice, type ModelChoiceResult, type ScoredCandidate,
} from "../understudy/choose-model.ts";
import { FitPool, type PooledForest } from "./fit-pool.ts";
import { fitConverged, type FamilySpec, type FoldResult, type NeighborsResult } from "./fit-task.ts";
import type { FeaturizerOn } from "./fold-featurizer.ts";

type Row = Record<string, unknown>;

/** The labelled rows: the rows and their teacher labels, one per row. */
export interface LabelledRows {
  rows: Row[];
  y: Label[];
}

/** What {@link fitCandidates} needs: every labelled row that may choose and fit the model (train + validation, never test). */
export interface FitCandidatesInput {
  kind: "classification" | "regression";
  model: ModelChoice;
  seed: number;
  /** Fixed margin of the choice; default: the best candidate's standard error or 0.005, whichever is smaller. */
  tolerance?: number;
  /**
   * Cross-validation folds. Default 5, or 3 above 50,000 labelled rows (fewer when there are
   * fewer rows or groups); the model choice's reason says when the 3 were used.
   */
  folds?: number;
  /** Keep only families with a SQL form. Default false. */
  exportable?: boolean;
  /**
   * "balanced": every fit (each grid setting in each fold, the refit) weights each class by
   * rows / (classes × its rows); it becomes part of the tuned settings. k-NN cannot weight
   * classes and is left out with the reason. Default: none.
   */
  classWeight?: "balanced";
  /** Monotone direction per input column: families that cannot honour it are left out. */
  monotone?: MonotoneColumns;
  labelled: LabelledRows;
  /** Group id per labelled row: rows sharing one stay in one fold. */
  groups?: Int32Array | readonly number[];
  /**
   * Time rank per labelled row (`split.by`): the folds are then forward-chained (see
   * `forwardFolds`): each trains only on rows earlier than those it validates, equal times
   * together; the earliest block only trains, so it has no out-of-fold prediction, and nor has
   * the block of a fold whose earlier rows hold a single label (it is left out). Overrides `groups`.
   */
  times?: Int32Array | readonly number[];
  /** Fits the run's featurizer on given rows (each fold's training rows, then all labelled rows). */
  featurizerOn: FeaturizerOn;
  /**
   * Worker threads that fit beside the main thread (node:worker_threads; each fit is
   * independent and seeded, so the choice is the same with any number). Default: one per
   * spare core (`availableParallelism() − 1`, at most 7) from 2,000 labelled rows, none below
   * (starting a worker costs more than such a choice saves). 0: every fit on the main thread.
   */
  workers?: number;
  /** False: the main thread only featurizes and hands every fit to the workers (tests of the worker path). Default true. */
  mainThreadFits?: boolean;
  /** Another worker script (tests: one that cannot start, to see the fall-back to the main thread). */
  workerEntry?: URL;
  onProgress?: (done: number, total: number, message: string) => void;
  /** Recoverable problems (a solver that did not converge), for `u.metadata.warnings`. */
  warn?: (message: string) => void;
}

/** Out-of-fold predictions of the chosen family at its tuned settings: each labelled row predicted by the model that did not see it. */
export interface OutOfFold {
  /**
   * Forward-chained (time) folds: the labelled rows that were predicted, ascending (the
   * earliest block only trains); `predictions` and `proba` follow this order. Absent: every
   * labelled row, in order.
   */
  rows?: number[];
  predictions: Label[];
  /** Classifiers: probabilities, columns in the refit model's `classes` order. */
  proba?: number[][];
}

/** The chosen model, refit on every labelled row, with what it was fitted on and its out-of-fold predictions. */
export interface ChosenModel {
  candidate: Candidate;
  settings: CandidateSettings;
  model: Estimator<Label>;
  featurizer: Featurizer;
  /** Every labelled row, featurized by `featurizer`. */
  train: Matrix;
  y: Label[];
  outOfFold: OutOfFold;
  /** The best-scoring other family, refit on the same rows, for the test-row comparison; absent when only one family was a candidate. */
  runnerUp?: RunnerUpModel;
}

/** The runner-up family at its tuned settings, refit on every labelled row, with the featurizer its rows went through. */
export interface RunnerUpModel {
  name: string;
  /** The family and its settings in words (`describe`). */
  type: string;
  model: Estimator<Label>;
  featurizer: Featurizer;
}

/** What {@link fitCandidates} returns: every family's tuned score and the reason for the choice, and the chosen model. */
export interface FittedCandidates {
  choice: ModelChoiceResult;
  chosen: ChosenModel;
}

interface Fold {
  train: number[];
  test: number[];
  matrices: (standardized: boolean) => { train: Matrix; test: Matrix };
}

/** The folds, and the labelled rows they predict (all of them, except out of time). */
interface Folds {
  folds: Fold[];
  /** Rows held out by some fold, ascending; undefined when every row is. */
  predicted?: number[];
}

interface Tuned {
  settings: CandidateSettings;
  scores: number[];
  outOfFold: OutOfFold;
  converged: boolean;
  /** Forests: the out-of-bag forest of the tuned setting, fitted on every labelled row (the refit), fetched when needed. */
  fitted?: () => Promise<Estimator<Label>>;
}

const DEFAULT_FOLDS = 5;
/**
 * Above this many labelled rows the default is BIG_FOLDS: each held-out fold then has over
 * 16,000 rows, so an agreement's standard error per fold is under 0.004 (√(0.25 / 16,667)),
 * fine enough to rank settings, and the search fits 3 models per setting instead of 5 (on 2/3
 * of the rows instead of 4/5): about half the CPU on 160,000 rows.
 */
const BIG_SAMPLE = 50_000;
const BIG_FOLDS = 3;
/** From this many labelled rows the fits go to worker threads by default: below, a worker's start (~0.5 s) costs more than it saves. */
const WORKER_ROWS = 2_000;
/**
 * Relative CPU of one fit per training row, by family (measured on bench/model-choice.ts's
 * 10,000 × 20 table: logistic 0.036 s, tree 0.06, EBM 1, k-NN's search 0.3, forest 4 per fit).
 * Only the order matters: the pool starts the longest fits first.
 */
const FIT_COST: Record<Candidate["family"], number> = { logistic: 1, linear: 1, tree: 2, ebm: 30, knn: 8, forest: 110 };

/**
 * Stage 6: chooses the model by k-fold cross-validation (stratified, grouped, seeded; 5 folds,
 * 3 above 50,000 labelled rows) on every labelled train + validation row, or, out of time
 * (`times`), on forward-chained folds that train only on earlier rows. In each fold the
 * featurizer is fitted on the fold's training rows alone; each family tunes its settings over its grid by mean out-of-fold score
 * (forests rank theirs by out-of-bag score first); the simplest family within one standard
 * error of the best (at most 0.005) wins and is refit on all the labelled rows, and so is the
 * runner-up (the best-scoring other family), for the test-row comparison. Test rows never
 * enter. A logistic fit that stops at its iteration limit is retried with 10× the iterations;
 * if it still stops there the candidate is marked `converged: false` and a warning says so.
 * The fits (each setting in each fold, each out-of-bag forest) are independent: they run on
 * the main thread and on worker threads (`workers`), longest first, with the same result.
 *
 * @example
 * const { choice, chosen } = await fitCandidates({ kind: "classification", model: "auto", seed: 0, labelled, featurizerOn });
 * choice.candidates.map((c) => [c.name, c.settings, c.score, c.standardError]); chosen.model.predict(chosen.train);
 */
export async function fitCandidates(input: FitCandidatesInput): Promise<FittedCandidates> {
  const { y } = input.labelled;
  const pool = await FitPool.open(input.workers ?? (y.length >= WORKER_ROWS ? FitPool.defaultWorkers() : 0), { mainThreadFits: input.mainThreadFits ?? true, ...(input.workerEntry ? { entry: input.workerEntry } : {}) });
  try {
    return await pool.drive(choose(input, pool));
  } finally {
    await pool.close();
  }
}

async function choose(input: FitCandidatesInput, pool: FitPool): Promise<FittedCandidates> {
  const cls = input.kind === "classification";
  const all = candidateModels(input.kind, input.model, input.seed, input.monotone);
  const { rows, y } = input.labelled;
  const { folds, predicted } = makeFolds(input, rows, y);
  const selected = selectCandidates(all, { ...input, family: input.model, features: folds[0].matrices(false).train, nClasses: cls ? new Set(y).size : 0, nRows: y.length });
  const candidates = selected.kept.map((c) => (input.classWeight ? weighted(c, input.classWeight) : c));
  const leftOut = selected.leftOut;
  const classes = cls ? [...new Set(y)].sort(compareLabels) : [];
  const total = candidates.length + 1;
  const tuned = await tuneAll(candidates, { folds, y, classes, input, pool, predicted });
  const byName = new Map(candidates.map((c, k) => [c.name, tuned[k]]));
  const scored = candidates.map((c, k) => {
    if (!tuned[k].converged) input.warn?.(`${c.describe(tuned[k].settings)} did not converge even with 10× the iterations; its cross-validated score is of a model stopped early (it is marked converged: false).`);
    return scoredCandidate(c, tuned[k], { metric: cls ? "agreement" : "r2", n: predicted?.length ?? y.length, folds: folds.length });
  });
  const choice = chooseModel(scored, input.tolerance);
  if (predicted) {
    choice.reason += ` Out of time: each fold trained only on rows earlier than those it scored (forward-chained), so the ${y.length - predicted.length} earliest labelled rows only trained.`;
  } else if (input.folds === undefined && folds.length === BIG_FOLDS && y.length > BIG_SAMPLE) {
    choice.reason += ` ${BIG_FOLDS} folds rather than ${DEFAULT_FOLDS}: ${y.length} labelled rows (above ${BIG_SAMPLE}) leave every held-out fold over ${Math.floor(y.length / BIG_FOLDS)} rows, enough to rank the settings.`;
  }
  if (leftOut.length) choice.leftOut = leftOut;
  const candidate = candidates.find((c) => c.name === choice.chosen)!;
  const best = byName.get(candidate.name)!;
  input.onProgress?.(candidates.length, total, `refitting ${candidate.describe(best.settings)} on all ${y.length} labelled rows`);
  const featurizer = input.featurizerOn(rows, candidate.standardized);
  const X = featurizer.transform(rows);
  const model = best.fitted ? await best.fitted() : quietly(() => fitConverged(candidate, best.settings, X, y).model);
  const outOfFold = best.outOfFold.proba && model.classes
    ? { ...best.outOfFold, proba: best.outOfFold.proba.map((p) => alignProba(p, classes, model.classes!)) }
    : best.outOfFold;
  for (const s of choice.candidates) s.options = plainOptions(s.name === candidate.name ? model.options : candidates.find((c) => c.name === s.name)!.make(s.settings).options);
  const second = await runnerUp(choice, candidates, byName, { featurizer, X, standardized: candidate.standardized }, input);
  input.onProgress?.(total, total, choice.reason);
  return { choice, chosen: { candidate, settings: best.settings, model, featurizer, train: X, y, outOfFold, ...(second ? { runnerUp: second } : {}) } };
}

/**
 * Every family tuned, in the candidates' order; progress as each finishes. The costliest
 * families submit their fits first, so the workers start on them while the main thread
 * featurizes the folds for the others.
 */
async function tuneAll(candidates: Candidate[], search: Search): Promise<Tuned[]> {
  const { input, folds } = search;
  const total = candidates.length + 1;
  input.onProgress?.(0, total, `tuning ${candidates.map((c) => c.type).join(", ")} by ${folds.length}-fold cross-validation`);
  let done = 0;
  const order = candidates.map((_, k) => k).sort((a, b) => FIT_COST[candidates[b].family] - FIT_COST[candidates[a].family]);
  const tuning = new Array<Promise<Tuned>>(candidates.length);
  for (const k of order) {
    tuning[k] = tune(candidates[k], search).then((t) => {
      input.onProgress?.(++done, total, `tuned ${candidates[k].describe(t.settings)}`);
      return t;
    });
  }
  return Promise.all(tuning);
}

/** A tuned family's line of the model choice: mean out-of-fold score and its standard error over the folds. */
function scoredCandidate(c: Candidate, t: Tuned, o: { metric: "agreement" | "r2"; n: number; folds: number }): Omit<ScoredCandidate, "chosen"> {
  const mean = t.scores.reduce((a, b) => a + b, 0) / t.scores.length;
  return {
    name: c.name, type: c.describe(t.settings), family: c.family, simplicity: c.simplicity, score: mean, standardError: standardError(t.scores, mean),
    metric: o.metric, rows: "cv", n: o.n, folds: o.folds, settings: t.settings,
    ...(c.family === "logistic" ? { converged: t.converged } : {}), options: {},
  };
}

/**
 * The best cross-validated family other than the chosen one (ties: the simpler), refit on every
 * labelled row at its tuned settings: one extra fit (none for a forest, whose out-of-bag tuning
 * already fitted it on every row), reusing the chosen model's features when the standardization matches.
 */
async function runnerUp(
  choice: ModelChoiceResult, candidates: Candidate[], tuned: Map<string, Tuned>,
  chosen: { featurizer: Featurizer; X: Matrix; standardized: boolean }, input: FitCandidatesInput,
): Promise<RunnerUpModel | undefined> {
  const others = choice.candidates.filter((s) => !s.chosen);
  if (!others.length) return undefined;
  const top = others.reduce((a, b) => (b.score > a.score || (b.score === a.score && b.simplicity < a.simplicity) ? b : a));
  const c = candidates.find((k) => k.name === top.name)!;
  const t = tuned.get(c.name)!;
  const featurizer = c.standardized === chosen.standardized ? chosen.featurizer : input.featurizerOn(input.labelled.rows, c.standardized);
  const X = featurizer === chosen.featurizer ? chosen.X : featurizer.transform(input.labelled.rows);
  const model = t.fitted ? await t.fitted() : quietly(() => fitConverged(c, t.settings, X, input.labelled.y).model);
  return { name: c.name, type: c.describe(t.settings), model, featurizer };
}

/** The family with `classWeight` in every grid setting, so tuning, the folds and the refit all weight classes alike. */
function weighted(c: Candidate, classWeight: "balanced"): Candidate {
  return { ...c, grid: c.grid.map((s) => ({ ...s, classWeight })), describe: (s) => `${c.describe(s)}, classes balanced` };
}

function makeFolds(input: FitCandidatesInput, rows: Row[], y: Label[]): Folds {
  const { groups, times } = input;
  const units = times || groups ? new Set(Array.from(times ?? groups!)).size : y.length;
  const wanted = input.folds ?? (y.length > BIG_SAMPLE ? BIG_FOLDS : DEFAULT_FOLDS);
  if (times) {
    // A fold whose earlier rows hold one label cannot train a classifier: it is left out, and its rows go unpredicted.
    const trainable = (p: ForwardFold) => input.kind === "regression" || new Set(p.train.map((i) => y[i])).size > 1;
    const all = forwardFolds(times, Math.max(1, Math.min(wanted, units - 1)));
    const parts = all.filter(trainable);
    if (parts.length === 0) throw new UnderstudyError("not_fittable", messages.evaluate.forwardFoldsOneLabel(y[all[all.length - 1].train[0]]));
    const predicted = parts.flatMap((p) => p.test).sort((a, b) => a - b);
    return { folds: parts.map((p) => fold(input, rows, p.train, p.test)), predicted };
  }
  const held = assignFolds(y, { folds: Math.min(wanted, units), seed: input.seed, stratified: input.kind === "classification", ...(groups ? { groups } : {}) });
  return {
    folds: held.map((test) => {
      const out = new Uint8Array(y.length);
      for (const i of test) out[i] = 1;
      return fold(input, rows, y.map((_, i) => i).filter((i) => !out[i]), test);
    }),
  };
}

/** A fold whose featurizer is fitted on its training rows, once per variant, when first asked. */
function fold(input: FitCandidatesInput, rows: Row[], train: number[], test: number[]): Fold {
  const trainRows = train.map((i) => rows[i]);
  const cache = new Map<boolean, { train: Matrix; test: Matrix }>();
  return {
    train, test,
    matrices: (standardized) => {
      let m = cache.get(standardized);
      if (!m) {
        const f = input.featurizerOn(trainRows, standardized);
        cache.set(standardized, (m = { train: f.transform(trainRows), test: f.transform(test.map((i) => rows[i])) }));
      }
      return m;
    },
  };
}


/** What every family's search shares: the folds, the labels, and the pool that runs the fits. */
interface Search {
  folds: Fold[];
  y: Label[];
  classes: Label[];
  input: FitCandidatesInput;
  pool: FitPool;
  /** Forward-chained folds: the rows some fold held out. */
  predicted?: number[];
}

/** Tunes one family: every grid setting scored out of fold; the best mean wins (ties: the simpler, earlier setting). */
async function tune(c: Candidate, search: Search): Promise<Tuned> {
  const tuned = await (async (): Promise<Tuned> => {
    if (c.tuning === "neighbors") return bestOf(await neighborGrid(c, search));
    if (c.tuning === "oob") return outOfBagBest(c, search);
    return bestOf(await Promise.all(c.grid.map((s) => crossValidated(c, s, search))));
  })();
  return search.predicted ? { ...tuned, outOfFold: onlyRows(tuned.outOfFold, search.predicted) } : tuned;
}

/** Out-of-fold predictions of the rows some fold held out (forward-chained folds leave the earliest rows out). */
function onlyRows(o: OutOfFold, rows: number[]): OutOfFold {
  return { rows, predictions: rows.map((i) => o.predictions[i]), ...(o.proba ? { proba: rows.map((i) => o.proba![i]) } : {}) };
}

function bestOf(results: Tuned[]): Tuned {
  const mean = (t: Tuned) => t.scores.reduce((a, b) => a + b, 0) / t.scores.length;
  return results.reduce((a, b) => (mean(b) > mean(a) + 1e-12 ? b : a));
}

function familySpec(c: Candidate, input: FitCandidatesInput): FamilySpec {
  return { kind: input.kind, model: input.model, seed: input.seed, ...(input.monotone ? { monotone: input.monotone } : {}), name: c.name };
}

/**
 * One setting in every fold, each fold its own task. Each fold retries a solver that stopped
 * early on its own, so no fold depends on another: the folds may run in any order, anywhere.
 */
async function crossValidated(c: Candidate, settings: CandidateSettings, { folds, y, classes, input, pool }: Search): Promise<Tuned> {
  const task = classes.length ? "classification" : "regression";
  const family = familySpec(c, input);
  const results = await Promise.all(folds.map((fold) => {
    const X = fold.matrices(c.standardized);
    return pool.run({ type: "fold", family, settings, X: [X.train, X.test], y: fold.train.map((i) => y[i]) }, FIT_COST[c.family] * fold.train.length);
  }));
  const predictions = new Array<Label>(y.length);
  const proba: number[][] | undefined = classes.length ? new Array(y.length) : undefined;
  const scores = folds.map((fold, f) => {
    const r = results[f] as FoldResult;
    fold.test.forEach((i, q) => {
      predictions[i] = r.predicted[q];
      if (proba && r.proba) proba[i] = alignProba(r.proba[q], r.classes!, classes);
    });
    return predictionScore(task, r.predicted, fold.test.map((i) => y[i]));
  });
  const converged = results.every((r) => (r as FoldResult).converged);
  return { settings, scores, outOfFold: { predictions, ...(proba && proba.every(Boolean) ? { proba } : {}) }, converged };
}

/** k-NN: one neighbor search per fold (for the largest k) serves every k and weighting of the grid. */
async function neighborGrid(c: Candidate, { folds, y, classes, input, pool }: Search): Promise<Tuned[]> {
  const smallest = Math.min(...folds.map((f) => f.train.length));
  const grid = c.grid.filter((s) => (s.k as number) <= smallest);
  const settings = grid.length ? grid : [{ ...c.grid[c.grid.length - 1], k: 1 }];
  const family = familySpec(c, input);
  const results = await Promise.all(folds.map((fold) => {
    const X = fold.matrices(true);
    return pool.run({ type: "neighbors", family, settings, classes, X: [X.train, X.test], y: fold.train.map((i) => y[i]) }, FIT_COST[c.family] * fold.train.length);
  })) as NeighborsResult[];
  return settings.map((s, k) => {
    const predictions = new Array<Label>(y.length);
    const proba = classes.length ? new Array<number[]>(y.length) : undefined;
    const scores = folds.map((fold, f) => {
      const predicted = results[f].predicted[k];
      fold.test.forEach((i, q) => {
        predictions[i] = predicted[q];
        if (proba) proba[i] = results[f].proba![k][q];
      });
      return predictionScore(classes.length ? "classification" : "regression", predicted, fold.test.map((i) => y[i]));
    });
    return { settings: s, scores, outOfFold: { predictions, ...(proba ? { proba } : {}) }, converged: true };
  });
}

/**
 * Forests: each setting fitted once on every labelled row; the best out-of-bag score picks the
 * setting, which is then cross-validated like the others, and its forest is the refit.
 */
async function outOfBagBest(c: Candidate, search: Search): Promise<Tuned> {
  const { input, pool, y } = search;
  const X = input.featurizerOn(input.labelled.rows, c.standardized).transform(input.labelled.rows);
  const family = familySpec(c, input);
  // Out-of-bag forests are the longest fits and the cross-validation waits for them: they go first.
  const forests = await Promise.all(c.grid.map((settings) => pool.run({ type: "oob", family, settings, X: [X], y }, FIT_COST[c.family] * y.length * 2))) as PooledForest[];
  // The first best score in grid order: ties go to the simpler setting.
  const best = forests.reduce((b, r, k) => (r.score > forests[b].score + 1e-12 ? k : b), 0);
  const cv = await crossValidated(c, c.grid[best], search);
  return { ...cv, fitted: forests[best].model };
}

/** Probabilities of a fold model in the order of every class seen (a class missing from the fold's training rows gets 0). */
function alignProba(p: number[], own: Label[], classes: Label[]): number[] {
  const out = new Array<number>(classes.length).fill(0);
  own.forEach((l, j) => (out[classes.indexOf(l)] = p[j]));
  return out;
}

function compareLabels(a: Label, b: Label): number {
  return typeof a === "number" && typeof b === "number" ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function standardError(scores: number[], mean: number): number {
  if (scores.length < 2) return 0;
  return Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / (scores.length - 1) / scores.length);
}

/** Solver warnings of a refit are summarized once per family (fitCandidates warns), not printed per fit. */
function quietly<T>(f: () => T): T {
  const previous = setLogger({ warn: () => {} });
  try {
    return f();
  } finally {
    setLogger(previous);
  }
}

function plainOptions(options: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).map(([k, v]) => [k, typeof v === "number" && !Number.isFinite(v) ? String(v) : v]).filter(([, v]) => v !== undefined));
}
