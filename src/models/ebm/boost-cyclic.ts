import type { EBMLoss } from "./ebm-loss.ts";
import { gradientPass } from "./gradient-pass.ts";
import { SplitScratch } from "./split-scratch.ts";
import type { TermSplit } from "./term-splits.ts";

/** One term while it is boosted: the cell of every training and validation row, and how its histogram splits. */
export interface BoostTerm {
  nCells: number;
  train: Uint16Array;
  valid: Uint16Array;
  split(G: Float64Array, H: Float64Array, C: Float64Array, K: number, minLeaf: number, scratch: SplitScratch): TermSplit | undefined;
}

/** Rows of one side of a bag: targets, weights and the scores boosting starts from (n × K). */
export interface BoostRows {
  y: Float64Array;
  w: Float64Array;
  start: Float64Array;
}

/** Settings of one boosting run. */
export interface BoostSettings {
  learningRate: number;
  maxRounds: number;
  earlyStoppingRounds: number;
  minSamplesLeaf: number;
}

// A round counts as better only when it lowers the validation loss by this share (InterpretML's tolerance).
const TOLERANCE = 1e-5;

/**
 * Cyclic (round-robin) gradient boosting: each round visits every term once, fits a shallow
 * tree to the current gradients over that term's cells (Newton leaf values, shrunk by the
 * learning rate) and adds it to the term. Stops when the validation loss has not improved for
 * `earlyStoppingRounds` rounds and returns the terms as they were at the best round (without
 * validation rows it runs `maxRounds`). Returns each term's score per cell × output.
 *
 * @example
 * const scores = boostCyclic(ebmLoss(2), terms, train, valid, { learningRate: 0.05, maxRounds: 2000, earlyStoppingRounds: 50, minSamplesLeaf: 2 });
 */
export function boostCyclic(
  loss: EBMLoss, terms: BoostTerm[], train: BoostRows, valid: BoostRows, settings: BoostSettings,
): Float64Array[] {
  if (terms.length === 0) return [];
  const K = loss.nOutputs;
  const { learningRate, maxRounds, earlyStoppingRounds, minSamplesLeaf } = settings;
  const pass = gradientPass(loss, train.y, train.w, train.start);
  const sValid = valid.start.slice();
  const scores = terms.map((t) => new Float64Array(t.nCells * K));
  // Buffers every step reuses: each term's update, and the splits' scratch.
  const updates = terms.map((t) => new Float64Array(t.nCells * K));
  const scratch = new SplitScratch();
  const counts = terms.map((t) => cellCounts(t.train, t.nCells));
  const width = Math.max(...terms.map((t) => t.nCells)) * K;
  const G = new Float64Array(width);
  const H = new Float64Array(width);
  const hasValid = valid.y.length > 0;
  const best = scores.map((s) => s.slice());
  let bestLoss = hasValid ? loss.loss(sValid, valid.y, valid.w) : Infinity;
  let sinceBest = 0;
  pass.histogram(terms[0].train, G, H);
  for (let round = 0; round < maxRounds; round++) {
    terms.forEach((t, j) => {
      const cells = t.nCells * K;
      const update = updates[j];
      termUpdate(t, G.subarray(0, cells), H.subarray(0, cells), counts[j], K, learningRate, minSamplesLeaf, scratch, update);
      const s = scores[j];
      for (let c = 0; c < cells; c++) s[c] += update[c];
      applyUpdate(sValid, t.valid, update, K);
      // The next term's histogram comes out of the same pass over the rows.
      pass.step(t.train, update, terms[(j + 1) % terms.length].train, G, H);
    });
    if (!hasValid) continue;
    const l = loss.loss(sValid, valid.y, valid.w);
    if (l < bestLoss - TOLERANCE * Math.abs(bestLoss)) {
      bestLoss = l;
      scores.forEach((s, t) => best[t].set(s));
      sinceBest = 0;
    } else if (++sinceBest >= earlyStoppingRounds) break;
  }
  return hasValid ? best : scores;
}

// The step for one term from its histogram, written into `update`: shallow tree, Newton leaf
// values spread back over the cells (all zero when no split leaves enough rows on each side).
// Each leaf's value is worked out once (a pair term has ~1,000 cells but 4 leaves).
function termUpdate(
  t: BoostTerm, G: Float64Array, H: Float64Array, C: Float64Array, K: number, rate: number, minLeaf: number,
  scratch: SplitScratch, update: Float64Array,
): void {
  const split = t.split(G, H, C, K, minLeaf, scratch);
  if (!split) {
    update.fill(0);
    return;
  }
  const { leafOf, nLeaves } = split;
  const n = t.nCells;
  const LG = new Float64Array(nLeaves * K);
  const LH = new Float64Array(nLeaves * K);
  // One output (binary, regression) without the loop over outputs: the same sums, in cell order.
  if (K === 1) {
    for (let c = 0; c < n; c++) {
      LG[leafOf[c]] += G[c];
      LH[leafOf[c]] += H[c];
    }
  } else {
    for (let c = 0; c < n; c++) {
      for (let k = 0; k < K; k++) {
        LG[leafOf[c] * K + k] += G[c * K + k];
        LH[leafOf[c] * K + k] += H[c * K + k];
      }
    }
  }
  const value = LG.map((g, l) => (LH[l] > 1e-12 ? (-rate * g) / LH[l] : 0));
  if (K === 1) for (let c = 0; c < n; c++) update[c] = value[leafOf[c]];
  else for (let c = 0; c < n; c++) for (let k = 0; k < K; k++) update[c * K + k] = value[leafOf[c] * K + k];
}

function applyUpdate(s: Float64Array, cells: Uint16Array, update: Float64Array, K: number): void {
  if (K === 1) {
    for (let i = 0; i < cells.length; i++) s[i] += update[cells[i]];
    return;
  }
  for (let i = 0; i < cells.length; i++) for (let k = 0; k < K; k++) s[i * K + k] += update[cells[i] * K + k];
}

function cellCounts(cells: Uint16Array, nCells: number): Float64Array {
  const out = new Float64Array(nCells);
  for (let i = 0; i < cells.length; i++) out[cells[i]]++;
  return out;
}
