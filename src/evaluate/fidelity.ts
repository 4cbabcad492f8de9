import type { Label } from "../models/estimator.ts";
import { sortLabels } from "../models/labels.ts";
import { checkPairs } from "./check-pairs.ts";
import { confusionMatrix, type ConfusionMatrix } from "./confusion-matrix.ts";

/** How faithfully the small model reproduces its teacher. */
export interface Fidelity {
  n: number;
  /** Share of rows where student and teacher give the same label. */
  agreement: number;
  /** Per teacher label: rows the teacher gave it, and the share the student matched. */
  perClass: { label: Label; n: number; agreement: number }[];
  /** Rows: teacher label; columns: student label. */
  confusion: ConfusionMatrix;
}

/**
 * Agreement of the student's predictions with the teacher's labels, overall and per teacher
 * class, with the student-vs-teacher confusion matrix. Measure it on held-out rows. `classes`
 * fixes the classes and their order (default: every label seen, sorted).
 *
 * @example
 * fidelity(model.predict(Xtest), teacherLabels).agreement; // 0.94
 */
export function fidelity(studentPredictions: ArrayLike<Label>, teacherLabels: ArrayLike<Label>, options: { classes?: Label[] } = {}): Fidelity {
  checkPairs(teacherLabels, studentPredictions, "fidelity");
  const classes = options.classes ?? sortLabels([...new Set([...Array.from(teacherLabels), ...Array.from(studentPredictions)])]);
  const confusion = confusionMatrix(teacherLabels, studentPredictions, classes);
  const n = teacherLabels.length;
  let same = 0;
  for (let i = 0; i < n; i++) if (teacherLabels[i] === studentPredictions[i]) same++;
  const perClass = classes.map((label, k) => {
    const row = confusion.matrix[k];
    const count = row.reduce((a, b) => a + b, 0);
    return { label, n: count, agreement: count > 0 ? row[k] / count : 0 };
  });
  return { n, agreement: same / n, perClass, confusion };
}
