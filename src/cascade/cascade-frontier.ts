import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { Label } from "../models/estimator.ts";

/** One operating point of a cascade: the small model answers rows whose confidence ≥ threshold. */
export interface CascadePoint {
  /** Confidence at or above which the small model answers; Infinity: the teacher answers every row. */
  threshold: number;
  /** Share of rows the small model answers (the rest go to the teacher). */
  coverage: number;
  /** Agreement of the cascade's answers with the teacher (teacher-answered rows agree by definition). */
  agreement: number;
  /** Agreement of the small model with the teacher on the rows it answers (1 when it answers none). */
  coveredAgreement: number;
  /** Accuracy of the cascade against gold labels, when gold labels were given. */
  accuracy?: number;
}

/** Inputs: one entry per validation row. */
export interface CascadeRows {
  /** The small model's confidence (probability of its predicted class). */
  confidence: ArrayLike<number>;
  /** The small model's predictions. */
  student: ArrayLike<Label>;
  /** The teacher's labels on the same rows. */
  teacher: ArrayLike<Label>;
  /** Gold labels, when known: the cascade's accuracy is reported too. */
  gold?: ArrayLike<Label>;
}

/**
 * Every operating point of a small-model-first cascade, from "the teacher answers everything"
 * (coverage 0) to "the small model answers everything" (coverage 1). Points are the distinct
 * confidence values, highest first; a row is answered by the small model when its confidence
 * is at least the threshold.
 *
 * @example
 * const points = cascadeFrontier({ confidence: [0.99, 0.6, 0.9], student: ["a", "b", "a"], teacher: ["a", "a", "a"] });
 * // [{ threshold: Infinity, coverage: 0, agreement: 1 }, { threshold: 0.99, coverage: 1/3, agreement: 1 }, ...]
 */
export function cascadeFrontier(rows: CascadeRows): CascadePoint[] {
  const n = rows.confidence.length;
  if (rows.student.length !== n || rows.teacher.length !== n || (rows.gold && rows.gold.length !== n)) {
    throw new UnderstudyError("length_mismatch", messages.cascade.rowsLength(n, rows.student.length, rows.teacher.length, rows.gold?.length));
  }
  if (n === 0) {
    throw new UnderstudyError("empty_input", messages.cascade.noRows());
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => rows.confidence[b] - rows.confidence[a]);
  const gold = rows.gold;
  // Teacher-answered rows: agreement 1; accuracy = teacher correct. Start with all rows on the teacher.
  let teacherCorrectOnRest = 0;
  if (gold) for (let i = 0; i < n; i++) if (rows.teacher[i] === gold[i]) teacherCorrectOnRest++;
  let covered = 0;
  let coveredAgree = 0;
  let coveredCorrect = 0;
  const point = (threshold: number): CascadePoint => {
    const p: CascadePoint = {
      threshold,
      coverage: covered / n,
      agreement: (coveredAgree + (n - covered)) / n,
      coveredAgreement: covered === 0 ? 1 : coveredAgree / covered,
    };
    if (gold) p.accuracy = (coveredCorrect + teacherCorrectOnRest) / n;
    return p;
  };
  const points: CascadePoint[] = [point(Infinity)];
  for (let r = 0; r < n; ) {
    const t = rows.confidence[order[r]];
    // Admit every row tied at this confidence together: one threshold cannot split them.
    while (r < n && rows.confidence[order[r]] === t) {
      const i = order[r];
      covered++;
      if (rows.student[i] === rows.teacher[i]) coveredAgree++;
      if (gold) {
        if (rows.student[i] === gold[i]) coveredCorrect++;
        if (rows.teacher[i] === gold[i]) teacherCorrectOnRest--;
      }
      r++;
    }
    points.push(point(t));
  }
  return points;
}
