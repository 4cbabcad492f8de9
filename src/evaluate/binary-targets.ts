import { UnderstudyError } from "../core/errors.ts";

/** Checks scores and binary labels for a calibrator; returns 0/1 targets. */
export function binaryTargets(scores: ArrayLike<number>, y: ArrayLike<number | boolean>, method: string): Float64Array {
  if (scores.length !== y.length || scores.length === 0) {
    throw new UnderstudyError("length_mismatch", `${method}: ${scores.length} scores for ${y.length} labels; pass one of each per validation row (at least one).`);
  }
  const t = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (v !== 0 && v !== 1 && v !== true && v !== false) {
      throw new UnderstudyError("bad_label", `${method}: y[${i}] is ${JSON.stringify(v)}; pass 1/true for the positive class and 0/false otherwise.`);
    }
    if (!Number.isFinite(scores[i])) throw new UnderstudyError("bad_input", `${method}: score ${i} is ${scores[i]}; scores must be finite numbers.`);
    t[i] = v === 1 || v === true ? 1 : 0;
  }
  return t;
}
