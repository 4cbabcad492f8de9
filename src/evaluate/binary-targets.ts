import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";

/** Checks scores and binary labels for a calibrator; returns 0/1 targets. */
export function binaryTargets(scores: ArrayLike<number>, y: ArrayLike<number | boolean>, method: string): Float64Array {
  if (scores.length !== y.length || scores.length === 0) {
    throw new UnderstudyError("length_mismatch", messages.evaluate.scoresLength(method, scores.length, y.length));
  }
  const t = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (v !== 0 && v !== 1 && v !== true && v !== false) {
      throw new UnderstudyError("bad_labels", messages.evaluate.notBinaryLabel(method, i, v));
    }
    if (!Number.isFinite(scores[i])) throw new UnderstudyError("bad_input", messages.evaluate.scoreNotFinite(method, i, scores[i]));
    t[i] = v === 1 || v === true ? 1 : 0;
  }
  return t;
}
