import { Random } from "../../core/random.ts";
import type { Matrix } from "../../data/matrix.ts";
import { cutsOfSorted } from "./bin-cuts.ts";
import { boostCyclic, type BoostRows, type BoostSettings, type BoostTerm } from "./boost-cyclic.ts";
import { INTERACTION_BINS, VALIDATION_FRACTION, type MonotoneDirection } from "./ebm-options.ts";
import { ebmLoss, type EBMLoss } from "./ebm-loss.ts";
import { binsOf, type EBMState, type EBMTerm } from "./ebm-state.ts";
import { isotonic } from "./isotonic.ts";
import { SortedColumns } from "./sorted-columns.ts";
import { rankPairs } from "./rank-pairs.ts";
import { mainSplit, pairSplit } from "./term-splits.ts";

/** What `fitEBM` needs beyond the rows: the checked options, monotone constraints by feature index. */
export interface EBMFitSettings extends BoostSettings {
  maxBins: number;
  interactions: number;
  outerBags: number;
  seed: number;
  monotone: Map<number, MonotoneDirection>;
}

/**
 * Fits an Explainable Boosting Machine (Lou, Caruana et al.; InterpretML's algorithm):
 * 1. bin every feature (quantile cuts, NaN its own bin);
 * 2. per outer bag, split the rows into inner train/validation (seeded) and boost all main
 *    terms round-robin with early stopping; average the bags;
 * 3. project monotone-constrained shape functions onto their order (isotonic regression);
 * 4. rank feature pairs by FAST on the residuals and boost the best `interactions` pairs the
 *    same way, on top of the main effects; average the bags;
 * 5. centre every term (weighted mean 0 over the training rows), moving the means into the intercept.
 * `y` holds regression targets, or class codes 0…nClasses−1.
 *
 * @example
 * const state = fitEBM(X, y, weights, 2, settings);
 */
export function fitEBM(X: Matrix, y: Float64Array, w: Float64Array, nClasses: number | undefined, settings: EBMFitSettings): EBMState {
  const loss = ebmLoss(nClasses);
  const K = loss.nOutputs;
  const intercept = baseScores(y, w, loss);
  const features = Array.from({ length: X.nCols }, (_, j) => j);
  const sorted = new SortedColumns(X);
  const mainCuts = features.map((j) => cutsOfSorted(sorted.finite(j), settings.maxBins));
  const mainBins = features.map((j) => sorted.bins(j, mainCuts[j], new Uint16Array(X.nRows)));
  const bags = bagSplits(X.nRows, settings.outerBags, settings.seed);

  const mains = averageBags(bags, K, (bag) => {
    const terms = mainBins.map((bins, j): BoostTerm => ({
      nCells: binsOf(mainCuts[j]),
      train: pick(bins, bag.train),
      valid: pick(bins, bag.valid),
      split: mainSplit,
    }));
    const start = (rows: Int32Array) => repeatIntercept(intercept, rows.length);
    return boostCyclic(loss, terms, bagRows(y, w, bag.train, start), bagRows(y, w, bag.valid, start), settings);
  }, mainCuts.map((c) => binsOf(c)));
  let terms: EBMTerm[] = mains.map((scores, j) => ({ features: [j], cuts: [mainCuts[j]], scores }));
  for (const [j, direction] of settings.monotone) makeMonotone(terms[j], mainBins[j], w, direction, nClasses !== undefined, K);

  // Every term's cell per training row, in term order: scoring and centring read these
  // instead of binning X again.
  let cells: Uint16Array[] = mainBins;
  const eligible = features.filter((j) => !settings.monotone.has(j));
  if (settings.interactions > 0 && eligible.length >= 2) {
    const base = scoreCells(intercept, terms, cells, K);
    const pairCuts = features.map((j) => (eligible.includes(j) ? cutsOfSorted(sorted.finite(j), INTERACTION_BINS) : new Float64Array(0)));
    const pairBins = features.map((j) => sorted.bins(j, pairCuts[j], new Uint8Array(X.nRows)));
    const sample = rankingSample(X.nRows, settings.seed);
    const pairs = rankPairs(eligible, pairBins.map((b) => pick(b, sample)), pairCuts, pickScores(base, sample, K), pickValues(y, sample), pickValues(w, sample), loss, settings.minSamplesLeaf)
      .slice(0, settings.interactions);
    const cellsOf = (a: number, b: number) => pairCells(pairBins[a], pairBins[b], binsOf(pairCuts[b]));
    const allCells = pairs.map(([a, b]) => cellsOf(a, b));
    const pairScores = averageBags(bags, K, (bag) => {
      const boostTerms = pairs.map(([a, b], p): BoostTerm => {
        const na = binsOf(pairCuts[a]);
        const nb = binsOf(pairCuts[b]);
        return {
          nCells: na * nb,
          train: pick(allCells[p], bag.train),
          valid: pick(allCells[p], bag.valid),
          split: (G, H, C, KK, minLeaf, scratch) => pairSplit(G, H, C, na, nb, KK, minLeaf, scratch),
        };
      });
      const start = (rows: Int32Array) => pickScores(base, rows, K);
      return boostCyclic(loss, boostTerms, bagRows(y, w, bag.train, start), bagRows(y, w, bag.valid, start), settings);
    }, pairs.map(([a, b]) => binsOf(pairCuts[a]) * binsOf(pairCuts[b])));
    terms = terms.concat(pairs.map(([a, b], p) => ({ features: [a, b], cuts: [pairCuts[a], pairCuts[b]], scores: pairScores[p] })));
    cells = cells.concat(allCells);
  }
  return centre({ intercept, terms, nOutputs: K }, cells, w);
}

interface Bag { train: Int32Array; valid: Int32Array }

// Each bag shuffles the rows with its own stream and holds out the validation share.
function bagSplits(n: number, nBags: number, seed: number): Bag[] {
  const master = new Random(seed);
  const nValid = Math.floor(n * VALIDATION_FRACTION);
  return Array.from({ length: nBags }, () => {
    const order = master.fork().shuffle(Int32Array.from({ length: n }, (_, i) => i)) as Int32Array;
    return { valid: order.slice(0, nValid).sort(), train: order.slice(nValid).sort() };
  });
}

// Runs one boosting per bag and averages each term's scores over the bags.
function averageBags(bags: Bag[], K: number, boost: (bag: Bag) => Float64Array[], cells: number[]): Float64Array[] {
  const sum = cells.map((c) => new Float64Array(c * K));
  for (const bag of bags) boost(bag).forEach((s, t) => s.forEach((v, c) => (sum[t][c] += v)));
  for (const s of sum) for (let c = 0; c < s.length; c++) s[c] /= bags.length;
  return sum;
}

// The constant model: weighted mean (regression), log-odds (binary), centred log-shares (multiclass).
function baseScores(y: Float64Array, w: Float64Array, loss: EBMLoss): Float64Array {
  const K = loss.nOutputs;
  let total = 0;
  for (let i = 0; i < y.length; i++) total += w[i];
  if (loss.name === "squared_error") {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += w[i] * y[i];
    return Float64Array.of(s / total);
  }
  const shares = new Float64Array(loss.name === "logistic" ? 2 : K);
  for (let i = 0; i < y.length; i++) shares[y[i]] += w[i] / total;
  const log = Array.from(shares, (p) => Math.log(Math.min(Math.max(p, 1e-12), 1 - 1e-12)));
  if (loss.name === "logistic") return Float64Array.of(log[1] - log[0]);
  const mean = log.reduce((a, b) => a + b, 0) / K;
  return Float64Array.from(log, (v) => v - mean);
}

// FAST ranks pairs on at most this many rows: the ranking only needs the strongest pairs to stand
// out, and ranking every pair on every row cost more than boosting the chosen ones.
const RANKING_ROWS = 5000;

// The rows pairs are ranked on: all of them, or a seeded sample of RANKING_ROWS in row order.
function rankingSample(n: number, seed: number): Int32Array {
  const all = Int32Array.from({ length: n }, (_, i) => i);
  if (n <= RANKING_ROWS) return all;
  const shuffled = new Random(seed).fork().fork().shuffle(all) as Int32Array; // a stream no bag uses
  return shuffled.slice(0, RANKING_ROWS).sort();
}

// Monotone shape: isotonic projection of the value bins (the missing bin stays free), weighted
// by the training weight in each bin. For classifiers "increasing" is about P(classes[0]),
// so the log-odds of the other classes against class 0 must not increase.
function makeMonotone(term: EBMTerm, bins: Uint16Array, w: Float64Array, direction: MonotoneDirection, classifier: boolean, K: number): void {
  const n = binsOf(term.cuts[0]);
  const weight = new Float64Array(n - 1);
  for (let i = 0; i < bins.length; i++) if (bins[i] > 0) weight[bins[i] - 1] += w[i];
  for (let b = 0; b < weight.length; b++) weight[b] = Math.max(weight[b], 1e-12);
  const scoreRises = (direction === "increasing") !== classifier;
  const s = term.scores;
  const project = (values: Float64Array) => {
    const sign = scoreRises ? 1 : -1;
    return isotonic(values.map((v) => sign * v), weight).map((v) => sign * v);
  };
  if (K === 1) {
    const fitted = project(s.slice(1));
    fitted.forEach((v, b) => (s[b + 1] = v));
    return;
  }
  for (let k = 1; k < K; k++) {
    const diff = Float64Array.from({ length: n - 1 }, (_, b) => s[(b + 1) * K + k] - s[(b + 1) * K]);
    project(diff).forEach((v, b) => (s[(b + 1) * K + k] = s[(b + 1) * K] + v));
  }
}

// Each training row's scores (n × K): the intercept, then every term's score of the row's cell
// added in term order (as `scoreRows` does on X, so the sums are the same).
function scoreCells(intercept: Float64Array, terms: EBMTerm[], cells: Uint16Array[], K: number): Float64Array {
  const n = cells[0].length;
  const s = new Float64Array(n * K);
  for (let i = 0; i < n; i++) s.set(intercept, i * K);
  terms.forEach(({ scores }, t) => {
    const c = cells[t];
    for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) s[i * K + k] += scores[c[i] * K + k];
  });
  return s;
}

// Weighted mean 0 per term over the training rows (`cells[t]`: term t's cell of each row);
// the means move into the intercept.
function centre(state: EBMState, cells: Uint16Array[], w: Float64Array): EBMState {
  const K = state.nOutputs;
  let total = 0;
  for (let i = 0; i < w.length; i++) total += w[i];
  const intercept = state.intercept.slice();
  const terms = state.terms.map((term, t) => {
    const c = cells[t];
    const scores = term.scores.slice();
    for (let k = 0; k < K; k++) {
      let mean = 0;
      for (let i = 0; i < w.length; i++) mean += (w[i] * term.scores[c[i] * K + k]) / total;
      for (let c = k; c < scores.length; c += K) scores[c] -= mean;
      intercept[k] += mean;
    }
    return { ...term, scores };
  });
  return { intercept, terms, nOutputs: K };
}

function pairCells(a: Uint8Array, b: Uint8Array, nb: number): Uint16Array {
  const out = new Uint16Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] * nb + b[i];
  return out;
}

function pickValues(v: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = v[rows[i]];
  return out;
}

function pick<T extends Uint16Array | Uint8Array>(cells: T, rows: Int32Array): T {
  const out = new (cells.constructor as new (n: number) => T)(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = cells[rows[i]];
  return out;
}

function pickScores(s: Float64Array, rows: Int32Array, K: number): Float64Array {
  const out = new Float64Array(rows.length * K);
  for (let i = 0; i < rows.length; i++) for (let k = 0; k < K; k++) out[i * K + k] = s[rows[i] * K + k];
  return out;
}

function repeatIntercept(intercept: Float64Array, n: number): Float64Array {
  const K = intercept.length;
  const out = new Float64Array(n * K);
  for (let i = 0; i < n; i++) out.set(intercept, i * K);
  return out;
}

function bagRows(y: Float64Array, w: Float64Array, rows: Int32Array, start: (rows: Int32Array) => Float64Array): BoostRows {
  return { y: pickValues(y, rows), w: pickValues(w, rows), start: start(rows) };
}
