import type { Matrix } from "../../data/matrix.ts";
import { binOf } from "./bin-cuts.ts";

/**
 * One fitted additive term: a main effect (one feature) or a pairwise interaction (two).
 * Each feature has its own cut points (see `binCuts`): bin 0 is missing, bin b ≥ 1 holds the
 * values in (cuts[b−2], cuts[b−1]]. `scores` holds nOutputs numbers per cell, cells row-major
 * over the features' bins (a pair's cell is `binA · (cutsB.length + 2) + binB`).
 */
export interface EBMTerm {
  features: number[];
  cuts: Float64Array[];
  scores: Float64Array;
}

/** A fitted EBM: score_k(x) = intercept[k] + Σ_terms term.scores[cell(x)·K + k]. */
export interface EBMState {
  intercept: Float64Array;
  terms: EBMTerm[];
  nOutputs: number;
}

/** Number of bins of a feature with these cuts, the missing bin included. */
export function binsOf(cuts: Float64Array): number {
  return cuts.length + 2;
}

/**
 * The cell each row of X falls in for one term.
 *
 * @example
 * termCells(state.terms[0], X); // Uint16Array, one cell per row
 */
export function termCells(term: EBMTerm, X: Matrix): Uint16Array {
  const out = new Uint16Array(X.nRows);
  const [a, b] = term.features;
  const nb = term.cuts.length === 2 ? binsOf(term.cuts[1]) : 1;
  for (let i = 0; i < X.nRows; i++) {
    const row = i * X.nCols;
    let cell = binOf(X.data[row + a], term.cuts[0]);
    if (term.cuts.length === 2) cell = cell * nb + binOf(X.data[row + b], term.cuts[1]);
    out[i] = cell;
  }
  return out;
}

/**
 * Each row's raw scores (n × nOutputs, row-major): the intercept, then every term's score
 * added in term order — the same additions `explainTerms` reports, so they sum exactly.
 *
 * @example
 * const s = scoreRows(state, X); // binary: s[i] is the log-odds of classes[1]
 */
export function scoreRows(state: EBMState, X: Matrix): Float64Array {
  const K = state.nOutputs;
  const s = new Float64Array(X.nRows * K);
  for (let i = 0; i < X.nRows; i++) for (let k = 0; k < K; k++) s[i * K + k] = state.intercept[k];
  for (const term of state.terms) {
    const cells = termCells(term, X);
    for (let i = 0; i < X.nRows; i++) for (let k = 0; k < K; k++) s[i * K + k] += term.scores[cells[i] * K + k];
  }
  return s;
}
