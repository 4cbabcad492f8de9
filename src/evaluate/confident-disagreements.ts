import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { Label } from "../models/estimator.ts";

/** A row where the student confidently contradicts the teacher: a candidate teacher mistake. */
export interface Disagreement {
  /** Row index in the inputs. */
  row: number;
  /** Caller's id for the row, when given. */
  id?: string | number;
  teacher: Label;
  student: Label;
  /** The student's probability for its own label. */
  confidence: number;
  /** The student's probability for the teacher's label. */
  teacherLabelProbability: number;
}

/**
 * The rows where the student predicts a different label than the teacher with probability at
 * least `minConfidence` (default 0.8), most confident first: the teacher labels most worth a
 * human look. Returns table rows (plain objects), ready for `aq.from(...)`.
 *
 * @example
 * confidentDisagreements({ probabilities: model.predictProba(X), classes: model.classes!, teacherLabels });
 */
export function confidentDisagreements(input: {
  probabilities: number[][];
  classes: Label[];
  teacherLabels: ArrayLike<Label>;
  ids?: ArrayLike<string | number>;
  minConfidence?: number;
}): Disagreement[] {
  const { probabilities, classes, teacherLabels, ids } = input;
  const min = input.minConfidence ?? 0.8;
  if (probabilities.length !== teacherLabels.length) {
    throw new UnderstudyError("length_mismatch", messages.evaluate.teacherLabelsLength(probabilities.length, teacherLabels.length));
  }
  const index = new Map<Label, number>(classes.map((c, k) => [c, k]));
  const out: Disagreement[] = [];
  probabilities.forEach((p, i) => {
    let best = 0;
    for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
    const teacher = teacherLabels[i];
    if (classes[best] === teacher || p[best] < min) return;
    const t = index.get(teacher);
    const d: Disagreement = { row: i, teacher, student: classes[best], confidence: p[best], teacherLabelProbability: t === undefined ? 0 : p[t] };
    if (ids) d.id = ids[i];
    out.push(d);
  });
  return out.sort((a, b) => b.confidence - a.confidence || a.row - b.row);
}
