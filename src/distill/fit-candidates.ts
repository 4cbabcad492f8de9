import { UnderstudyError } from "../core/errors.ts";
import { setLogger } from "../core/logger.ts";
import { messages } from "../core/messages/index.ts";
import type { Matrix } from "../data/matrix.ts";
import { assignFolds } from "../evaluate/assign-folds.ts";
import { forwardFolds, type ForwardFold } from "../evaluate/forward-folds.ts";
import type { Featurizer } from "../features/featurizer.ts";
import type { Estimator, Label } from "../models/estimator.ts";
import { neighborWeights } from "../models/neighbors/neighbor-weights.ts";
import {
  candidateModels, chooseModel, predictionScore, selectCandidates,
  type Candidate, type MonotoneColumns, type CandidateSettings, type ModelChoice, type ModelChoiceResult, type ScoredCandidate,
} from "../understudy/choose-model.ts";
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
 *
 * @example
 * const { choice, chosen } = fitCandidates({ kind: "classification", model: "auto", seed: 0, labelled, featurizerOn });
 * choice.candidates.map((c) => [c.name, c.settings, c.score, c.standardError]); chosen.model.predict(chosen.train);
 */
export function fitCandidates(input: FitCandidatesInput): FittedCandidates {
  const cls = input.kind === "classification";
  const all = candidateModels(input.kind, input.model, input.seed, input.monotone);
  const { rows, y } = input.labelled;
  const { folds, predicted } = makeFolds(input, rows, y);
  const selected = selectCandidates(all, { ...input, family: input.model, features: folds[0].matrices(false).train, nClasses: cls ? new Set(y).size : 0, nRows: y.length });
  const candidates = selected.kept.map((c) => (input.classWeight ? weighted(c, input.classWeight) : c));
  const leftOut = selected.leftOut;
  const classes = cls ? [...new Set(y)].sort(compareLabels) : [];
  const scored: Omit<ScoredCandidate, "chosen">[] = [];
  const tuned = new Map<string, Tuned & { fitted?: Estimator<Label> }>();
  for (const [step, c] of candidates.entries()) {
    input.onProgress?.(step, candidates.length + 1, `tuning ${c.type} by ${folds.length}-fold cross-validation`);
    const t = quietly(() => tune(c, folds, y, classes, input, predicted));
    tuned.set(c.name, t);
    if (!t.converged) input.warn?.(`${c.describe(t.settings)} did not converge even with 10× the iterations; its cross-validated score is of a model stopped early (it is marked converged: false).`);
    const mean = t.scores.reduce((a, b) => a + b, 0) / t.scores.length;
    scored.push({
      name: c.name, type: c.describe(t.settings), family: c.family, simplicity: c.simplicity, score: mean, standardError: standardError(t.scores, mean),
      metric: cls ? "agreement" : "r2", rows: "cv", n: predicted?.length ?? y.length, folds: folds.length, settings: t.settings,
      ...(c.family === "logistic" ? { converged: t.converged } : {}), options: {},
    });
  }
  const choice = chooseModel(scored, input.tolerance);
  if (predicted) {
    choice.reason += ` Out of time: each fold trained only on rows earlier than those it scored (forward-chained), so the ${y.length - predicted.length} earliest labelled rows only trained.`;
  } else if (input.folds === undefined && folds.length === BIG_FOLDS && y.length > BIG_SAMPLE) {
    choice.reason += ` ${BIG_FOLDS} folds rather than ${DEFAULT_FOLDS}: ${y.length} labelled rows (above ${BIG_SAMPLE}) leave every held-out fold over ${Math.floor(y.length / BIG_FOLDS)} rows, enough to rank the settings.`;
  }
  if (leftOut.length) choice.leftOut = leftOut;
  const candidate = candidates.find((c) => c.name === choice.chosen)!;
  const best = tuned.get(candidate.name)!;
  input.onProgress?.(candidates.length, candidates.length + 1, `refitting ${candidate.describe(best.settings)} on all ${y.length} labelled rows`);
  const featurizer = input.featurizerOn(rows, candidate.standardized);
  const X = featurizer.transform(rows);
  const model = best.fitted ?? quietly(() => fitConverged(candidate, best.settings, X, y).model);
  const outOfFold = best.outOfFold.proba && model.classes
    ? { ...best.outOfFold, proba: best.outOfFold.proba.map((p) => alignProba(p, classes, model.classes!)) }
    : best.outOfFold;
  for (const s of choice.candidates) s.options = plainOptions(s.name === candidate.name ? model.options : candidates.find((c) => c.name === s.name)!.make(s.settings).options);
  const second = runnerUp(choice, candidates, tuned, { featurizer, X, standardized: candidate.standardized }, input);
  input.onProgress?.(candidates.length + 1, candidates.length + 1, choice.reason);
  return { choice, chosen: { candidate, settings: best.settings, model, featurizer, train: X, y, outOfFold, ...(second ? { runnerUp: second } : {}) } };
}

/**
 * The best cross-validated family other than the chosen one (ties: the simpler), refit on every
 * labelled row at its tuned settings: one extra fit (none for a forest, whose out-of-bag tuning
 * already fitted it on every row), reusing the chosen model's features when the standardization matches.
 */
function runnerUp(
  choice: ModelChoiceResult, candidates: Candidate[], tuned: Map<string, Tuned & { fitted?: Estimator<Label> }>,
  chosen: { featurizer: Featurizer; X: Matrix; standardized: boolean }, input: FitCandidatesInput,
): RunnerUpModel | undefined {
  const others = choice.candidates.filter((s) => !s.chosen);
  if (!others.length) return undefined;
  const top = others.reduce((a, b) => (b.score > a.score || (b.score === a.score && b.simplicity < a.simplicity) ? b : a));
  const c = candidates.find((k) => k.name === top.name)!;
  const t = tuned.get(c.name)!;
  const featurizer = c.standardized === chosen.standardized ? chosen.featurizer : input.featurizerOn(input.labelled.rows, c.standardized);
  const X = featurizer === chosen.featurizer ? chosen.X : featurizer.transform(input.labelled.rows);
  const model = t.fitted ?? quietly(() => fitConverged(c, t.settings, X, input.labelled.y).model);
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

/** Tunes one family: every grid setting scored out of fold; the best mean wins (ties: the simpler, earlier setting). */
function tune(c: Candidate, folds: Fold[], y: Label[], classes: Label[], input: FitCandidatesInput, predicted?: number[]): Tuned & { fitted?: Estimator<Label> } {
  const tuned = ((): Tuned & { fitted?: Estimator<Label> } => {
    if (c.tuning === "neighbors") return bestOf(neighborGrid(c, folds, y, classes));
    if (c.tuning === "oob") {
      const { settings, model } = outOfBagBest(c, input.labelled.rows, y, input);
      return { ...crossValidated(c, settings, folds, y, classes), fitted: model };
    }
    return bestOf(c.grid.map((s) => crossValidated(c, s, folds, y, classes)));
  })();
  return predicted ? { ...tuned, outOfFold: onlyRows(tuned.outOfFold, predicted) } : tuned;
}

/** Out-of-fold predictions of the rows some fold held out (forward-chained folds leave the earliest rows out). */
function onlyRows(o: OutOfFold, rows: number[]): OutOfFold {
  return { rows, predictions: rows.map((i) => o.predictions[i]), ...(o.proba ? { proba: rows.map((i) => o.proba![i]) } : {}) };
}

function bestOf(results: Tuned[]): Tuned {
  const mean = (t: Tuned) => t.scores.reduce((a, b) => a + b, 0) / t.scores.length;
  return results.reduce((a, b) => (mean(b) > mean(a) + 1e-12 ? b : a));
}

function crossValidated(c: Candidate, settings: CandidateSettings, folds: Fold[], y: Label[], classes: Label[]): Tuned {
  const task = classes.length ? "classification" : "regression";
  const predictions = new Array<Label>(y.length);
  const proba: number[][] | undefined = classes.length ? new Array(y.length) : undefined;
  let converged = true;
  let used = settings;
  const scores = folds.map((fold) => {
    const X = fold.matrices(c.standardized);
    const fit = fitConverged(c, used, X.train, fold.train.map((i) => y[i]));
    converged &&= fit.converged;
    used = fit.settings;
    const p = proba && fit.model.predictProba ? fit.model.predictProba(X.test) : undefined;
    const predicted = p ? p.map((row) => fit.model.classes![argmax(row)]) : fit.model.predict(X.test);
    fold.test.forEach((i, r) => {
      predictions[i] = predicted[r];
      if (proba && p) proba[i] = alignProba(p[r], fit.model.classes!, classes);
    });
    return predictionScore(task, predicted, fold.test.map((i) => y[i]));
  });
  return { settings, scores, outOfFold: { predictions, ...(proba && proba.every(Boolean) ? { proba } : {}) }, converged };
}

/** Fits; a solver that stopped at its iteration limit gets one retry with 10× the iterations. */
function fitConverged(c: Candidate, settings: CandidateSettings, X: Matrix, y: Label[]): { model: Estimator<Label>; converged: boolean; settings: CandidateSettings } {
  const model = c.make(settings).fit(X, y);
  if (stoppedEarly(model)) {
    const more = { ...settings, maxIter: ((model.options.maxIter as number) ?? 100) * 10 };
    const retried = c.make(more).fit(X, y);
    return { model: retried, converged: !stoppedEarly(retried), settings: more };
  }
  return { model, converged: true, settings };
}

function stoppedEarly(model: Estimator<Label>): boolean {
  const iterations = (model as { nIter?: number }).nIter;
  const limit = model.options.maxIter;
  return typeof iterations === "number" && typeof limit === "number" && iterations >= limit;
}

/** k-NN: one neighbor search per fold (for the largest k) serves every k and weighting of the grid. */
function neighborGrid(c: Candidate, folds: Fold[], y: Label[], classes: Label[]): Tuned[] {
  const smallest = Math.min(...folds.map((f) => f.train.length));
  const grid = c.grid.filter((s) => (s.k as number) <= smallest);
  const settings = grid.length ? grid : [{ ...c.grid[c.grid.length - 1], k: 1 }];
  const kMax = Math.max(...settings.map((s) => s.k as number));
  const code = new Map(classes.map((l, j) => [l, j]));
  const results = settings.map((s) => ({ settings: s, scores: [] as number[], predictions: new Array<Label>(y.length), proba: classes.length ? new Array<number[]>(y.length) : undefined }));
  for (const fold of folds) {
    const X = fold.matrices(true);
    const yTrain = fold.train.map((i) => y[i]);
    const model = c.make({ ...settings[0], k: kMax }).fit(X.train, yTrain) as Estimator<Label> & { kneighbors(X: Matrix, k: number): { indices: number[][]; distances: number[][] } };
    const { indices, distances } = model.kneighbors(X.test, kMax);
    for (const r of results) {
      const k = r.settings.k as number;
      const w = new Float64Array(k);
      const predicted = fold.test.map((i, q) => {
        neighborWeights(Float64Array.from(distances[q].slice(0, k)), 0, k, r.settings.weights as "uniform" | "distance", w);
        if (!r.proba) {
          let sum = 0, total = 0;
          for (let n = 0; n < k; n++) { sum += w[n] * (yTrain[indices[q][n]] as number); total += w[n]; }
          return sum / total;
        }
        const votes = new Array<number>(classes.length).fill(0);
        let total = 0;
        for (let n = 0; n < k; n++) { votes[code.get(yTrain[indices[q][n]])!] += w[n]; total += w[n]; }
        r.proba[i] = votes.map((v) => v / total);
        return classes[argmax(votes)];
      });
      fold.test.forEach((i, q) => (r.predictions[i] = predicted[q]));
      r.scores.push(predictionScore(classes.length ? "classification" : "regression", predicted, fold.test.map((i) => y[i])));
    }
  }
  return results.map((r) => ({ settings: r.settings, scores: r.scores, outOfFold: { predictions: r.predictions, ...(r.proba ? { proba: r.proba } : {}) }, converged: true }));
}

/** Forests: each setting fitted once on every labelled row; the best out-of-bag score picks the setting, and that forest is the refit. */
function outOfBagBest(c: Candidate, rows: Row[], y: Label[], input: FitCandidatesInput): { settings: CandidateSettings; model: Estimator<Label> } {
  const X = input.featurizerOn(rows, c.standardized).transform(rows);
  let best: { settings: CandidateSettings; model: Estimator<Label>; score: number } | undefined;
  for (const settings of c.grid) {
    const model = c.make({ ...settings, oobScore: true }).fit(X, y);
    const score = (model as { oobScore?: number }).oobScore ?? -Infinity;
    if (!best || score > best.score + 1e-12) best = { settings, model, score };
  }
  return best!;
}

/** Probabilities of a fold model in the order of every class seen (a class missing from the fold's training rows gets 0). */
function alignProba(p: number[], own: Label[], classes: Label[]): number[] {
  const out = new Array<number>(classes.length).fill(0);
  own.forEach((l, j) => (out[classes.indexOf(l)] = p[j]));
  return out;
}

function argmax(values: number[]): number {
  let best = 0;
  for (let j = 1; j < values.length; j++) if (values[j] > values[best]) best = j;
  return best;
}

function compareLabels(a: Label, b: Label): number {
  return typeof a === "number" && typeof b === "number" ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function standardError(scores: number[], mean: number): number {
  if (scores.length < 2) return 0;
  return Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / (scores.length - 1) / scores.length);
}

/** Solver warnings inside the search are summarized once per family (fitCandidates warns), not printed per fit. */
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
