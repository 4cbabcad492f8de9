import type { Matrix } from "../data/matrix.ts";
import type { Estimator, Label } from "../models/estimator.ts";
import { neighborWeights } from "../models/neighbors/neighbor-weights.ts";
import { candidateModels, type Candidate, type CandidateSettings, type ModelChoice, type MonotoneColumns } from "../understudy/choose-model.ts";

/**
 * Which candidate family a task fits. A task travels to a worker thread as data, so the family
 * is named, not sent: each thread rebuilds it from `candidateModels` (settings carry any
 * `classWeight`, which the families read from their settings).
 */
export interface FamilySpec {
  kind: "classification" | "regression";
  model: ModelChoice;
  seed: number;
  monotone?: MonotoneColumns;
  name: string;
}

/**
 * One independent fit of the model choice. `X` holds the matrices it reads ([train, held out]
 * for a fold, [every labelled row] out of bag); the pool sends each matrix to a worker once.
 */
export type FitTask =
  /** One grid setting in one fold: fit on the fold's training rows, predict its held-out rows. */
  | { type: "fold"; family: FamilySpec; settings: CandidateSettings; X: [Matrix, Matrix]; y: Label[] }
  /** k-NN in one fold: one neighbor search for the largest k serves every setting. */
  | { type: "neighbors"; family: FamilySpec; settings: CandidateSettings[]; classes: Label[]; X: [Matrix, Matrix]; y: Label[] }
  /** A forest setting fitted once on every labelled row, scored out of bag. */
  | { type: "oob"; family: FamilySpec; settings: CandidateSettings; X: [Matrix]; y: Label[] };

/** A fold fit's held-out predictions (probabilities in the model's own `classes` order). */
export interface FoldResult {
  type: "fold";
  predicted: Label[];
  proba?: number[][];
  classes?: Label[];
  converged: boolean;
}

/** Per setting of the k-NN grid: the fold's held-out predictions (probabilities in `classes` order). */
export interface NeighborsResult {
  type: "neighbors";
  predicted: Label[][];
  proba?: number[][][];
}

/** An out-of-bag forest: its score and the forest itself (the refit, when its setting wins). */
export interface OutOfBagResult {
  type: "oob";
  score: number;
  model: Estimator<Label>;
}

export type FitResult = FoldResult | NeighborsResult | OutOfBagResult;

/**
 * Runs one task of the model choice: the same code on the main thread and in a worker, so
 * where a task runs never changes its result. Every fit is seeded and depends only on the
 * task, which is what lets the tasks run in any order on any thread.
 *
 * @example
 * const r = runFitTask({ type: "fold", family: { kind: "classification", model: "auto", seed: 0, name: "tree" }, settings: { maxDepth: 3, minSamplesLeaf: 5 }, X: [train, test], y: yTrain });
 * r.predicted; // one label per held-out row
 */
export function runFitTask(task: FitTask): FitResult {
  const family = familyOf(task.family);
  if (task.type === "oob") {
    const model = family.make({ ...task.settings, oobScore: true }).fit(task.X[0], task.y);
    return { type: "oob", score: (model as { oobScore?: number }).oobScore ?? -Infinity, model };
  }
  if (task.type === "neighbors") return neighborFold(family, task.settings, task.classes, task.X, task.y);
  const [train, test] = task.X;
  const fit = fitConverged(family, task.settings, train, task.y);
  const p = fit.model.capabilities.task === "classification" && fit.model.predictProba ? fit.model.predictProba(test) : undefined;
  const classes = fit.model.classes;
  const predicted = p && classes ? p.map((row) => classes[argmax(row)]) : fit.model.predict(test);
  return { type: "fold", predicted, converged: fit.converged, ...(p && classes ? { proba: p, classes: [...classes] } : {}) };
}

/**
 * Fits; a solver that stopped at its iteration limit gets one retry with 10× the iterations.
 *
 * @example
 * const { model, converged } = fitConverged(candidate, { C: 1 }, X, y);
 */
export function fitConverged(c: Candidate, settings: CandidateSettings, X: Matrix, y: Label[]): { model: Estimator<Label>; converged: boolean } {
  const model = c.make(settings).fit(X, y);
  if (stoppedEarly(model)) {
    const retried = c.make({ ...settings, maxIter: ((model.options.maxIter as number) ?? 100) * 10 }).fit(X, y);
    return { model: retried, converged: !stoppedEarly(retried) };
  }
  return { model, converged: true };
}

function stoppedEarly(model: Estimator<Label>): boolean {
  const iterations = (model as { nIter?: number }).nIter;
  const limit = model.options.maxIter;
  return typeof iterations === "number" && typeof limit === "number" && iterations >= limit;
}

function familyOf(spec: FamilySpec): Candidate {
  return candidateModels(spec.kind, spec.model, spec.seed, spec.monotone).find((k) => k.name === spec.name)!;
}

type NeighborModel = Estimator<Label> & { kneighbors(X: Matrix, k: number): { indices: number[][]; distances: number[][] } };

function neighborFold(c: Candidate, settings: CandidateSettings[], classes: Label[], [train, test]: [Matrix, Matrix], yTrain: Label[]): NeighborsResult {
  const kMax = Math.max(...settings.map((s) => s.k as number));
  const code = new Map(classes.map((l, j) => [l, j]));
  const model = c.make({ ...settings[0], k: kMax }).fit(train, yTrain) as NeighborModel;
  const { indices, distances } = model.kneighbors(test, kMax);
  const predicted: Label[][] = [];
  const proba: number[][][] = [];
  for (const s of settings) {
    const k = s.k as number;
    const w = new Float64Array(k);
    const probaOf: number[][] = [];
    predicted.push(indices.map((near, q) => {
      neighborWeights(Float64Array.from(distances[q].slice(0, k)), 0, k, s.weights as "uniform" | "distance", w);
      if (!classes.length) {
        let sum = 0, total = 0;
        for (let n = 0; n < k; n++) { sum += w[n] * (yTrain[near[n]] as number); total += w[n]; }
        return sum / total;
      }
      const votes = new Array<number>(classes.length).fill(0);
      let total = 0;
      for (let n = 0; n < k; n++) { votes[code.get(yTrain[near[n]])!] += w[n]; total += w[n]; }
      probaOf.push(votes.map((v) => v / total));
      return classes[argmax(votes)];
    }));
    proba.push(probaOf);
  }
  return { type: "neighbors", predicted, ...(classes.length ? { proba } : {}) };
}

function argmax(values: number[]): number {
  let best = 0;
  for (let j = 1; j < values.length; j++) if (values[j] > values[best]) best = j;
  return best;
}
