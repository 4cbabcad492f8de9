import { UnderstudyError } from "../../core/errors.ts";
import { messages } from "../../core/messages/index.ts";
import type { Matrix } from "../../data/matrix.ts";
import type { OptionsOf } from "../option-constraints.ts";
import type { AdditiveTerm } from "./additive-model.ts";
import type { EBM_OPTIONS, MonotoneConstraints, MonotoneDirection } from "./ebm-options.ts";
import { binsOf, termCells, type EBMState } from "./ebm-state.ts";
import type { EBMFitSettings } from "./fit-ebm.ts";

/** What both EBM estimators keep after fit. */
export interface FittedEBM {
  state: EBMState;
  featureNames: string[];
}

/**
 * The fit settings from stored options; monotone keys resolve to feature indices (a feature
 * name first, then an index); an unknown key is a bad_option error naming the features.
 *
 * @example
 * ebmSettings("ExplainableBoostingRegressor", model.options, ["age", "income"]);
 */
export function ebmSettings(kind: string, options: Readonly<OptionsOf<typeof EBM_OPTIONS>>, featureNames: string[]): EBMFitSettings {
  return { ...options, monotone: resolveMonotone(kind, options.monotone, featureNames) };
}

function resolveMonotone(kind: string, monotone: MonotoneConstraints, featureNames: string[]): Map<number, MonotoneDirection> {
  const out = new Map<number, MonotoneDirection>();
  for (const [key, direction] of Object.entries(monotone)) {
    const byName = featureNames.indexOf(key);
    const index = byName >= 0 ? byName : /^\d+$/.test(key) ? Number(key) : -1;
    if (index < 0 || index >= featureNames.length) {
      throw new UnderstudyError("bad_option", messages.models.monotoneFeature(kind, key, featureNames));
    }
    out.set(index, direction);
  }
  return out;
}

/**
 * The fitted terms as plain data (copies).
 *
 * @example
 * publicTerms(fitted)[0].scores[1]; // the first term's scores in bin 1, one per output
 */
export function publicTerms({ state, featureNames }: FittedEBM): AdditiveTerm[] {
  const K = state.nOutputs;
  return state.terms.map((t) => ({
    features: [...t.features],
    names: t.features.map((j) => featureNames[j]),
    cuts: t.cuts.map((c) => Array.from(c)),
    bins: t.cuts.map(binsOf),
    scores: Array.from({ length: t.scores.length / K }, (_, c) => Array.from(t.scores.subarray(c * K, c * K + K))),
  }));
}

/**
 * Every row's contribution per term and output; added to the intercept in term order they
 * give exactly the scores predict uses (`scoreRows` adds in the same order).
 *
 * @example
 * explainState(state, X).contributions[0][2][0]; // row 0, term 2, output 0
 */
export function explainState(state: EBMState, X: Matrix): { intercept: number[]; contributions: number[][][] } {
  const K = state.nOutputs;
  const contributions: number[][][] = Array.from({ length: X.nRows }, () => []);
  for (const term of state.terms) {
    const cells = termCells(term, X);
    for (let i = 0; i < X.nRows; i++) contributions[i].push(Array.from(term.scores.subarray(cells[i] * K, cells[i] * K + K)));
  }
  return { intercept: Array.from(state.intercept), contributions };
}

/** The fitted state as plain JSON (typed arrays as number arrays). */
export function stateToJSON(state: EBMState): Record<string, unknown> {
  return {
    nOutputs: state.nOutputs,
    intercept: Array.from(state.intercept),
    terms: state.terms.map((t) => ({ features: [...t.features], cuts: t.cuts.map((c) => Array.from(c)), scores: Array.from(t.scores) })),
  };
}

/**
 * Reads a saved state back, checking every shape so a damaged file fails here rather than
 * predicting garbage: output count, feature indices, increasing finite cuts, score counts.
 *
 * @example
 * stateFromJSON("ExplainableBoostingClassifier.fromJSON", json.state, 3, 1);
 */
export function stateFromJSON(caller: string, raw: unknown, nFeatures: number, nOutputs: number): EBMState {
  const damaged = (problem: string) => new UnderstudyError("bad_model_json", messages.models.damagedModelJSON(caller, problem));
  const st = raw as { nOutputs?: unknown; intercept?: unknown; terms?: unknown } | null;
  if (!st || typeof st !== "object") throw damaged("state is not an object");
  if (st.nOutputs !== nOutputs) throw damaged(`state.nOutputs is ${JSON.stringify(st.nOutputs)}, expected ${nOutputs}`);
  if (!isNumbers(st.intercept, nOutputs)) throw damaged(`state.intercept must hold ${nOutputs} finite numbers`);
  if (!Array.isArray(st.terms)) throw damaged("state.terms is not an array");
  const terms = st.terms.map((t: { features?: unknown; cuts?: unknown; scores?: unknown }, i: number) => {
    const features = t?.features;
    if (!Array.isArray(features) || features.length < 1 || features.length > 2 ||
      !features.every((j) => Number.isInteger(j) && j >= 0 && j < nFeatures)) {
      throw damaged(`state.terms[${i}].features must be one or two feature indices below ${nFeatures}`);
    }
    const cuts = t.cuts;
    if (!Array.isArray(cuts) || cuts.length !== features.length || !cuts.every((c) => isIncreasing(c))) {
      throw damaged(`state.terms[${i}].cuts must hold increasing finite cut points for each feature`);
    }
    const cells = cuts.reduce((n: number, c: number[]) => n * (c.length + 2), 1);
    if (!isNumbers(t.scores, cells * nOutputs)) throw damaged(`state.terms[${i}].scores must hold ${cells * nOutputs} finite numbers`);
    return { features: [...features], cuts: cuts.map((c: number[]) => Float64Array.from(c)), scores: Float64Array.from(t.scores as number[]) };
  });
  return { intercept: Float64Array.from(st.intercept as number[]), terms, nOutputs };
}

function isNumbers(v: unknown, length: number): boolean {
  return Array.isArray(v) && v.length === length && v.every((x) => typeof x === "number" && Number.isFinite(x));
}

function isIncreasing(v: unknown): boolean {
  return Array.isArray(v) && v.length <= 255 && v.every((x, i) => typeof x === "number" && Number.isFinite(x) && (i === 0 || x > v[i - 1]));
}
