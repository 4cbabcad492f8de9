import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { Label } from "./estimator.ts";

/**
 * Checks classifier labels and encodes them as indices into the sorted class list.
 * All labels must be of one kind (string, number or boolean); null, undefined and NaN are
 * rejected. Classes sort numbers ascending, strings by code unit, false before true.
 *
 * @example
 * encodeLabels(["spam", "ham", "spam"]); // { classes: ["ham", "spam"], codes: Int32Array [1, 0, 1] }
 */
export function encodeLabels<Y extends Label>(
  y: ArrayLike<Y>,
  kind: string,
): { classes: Y[]; codes: Int32Array } {
  const n = y.length;
  let type: string | undefined;
  const seen = new Map<Y, number>();
  for (let i = 0; i < n; i++) {
    const v = y[i];
    const t = typeof v;
    if (v == null || (t === "number" && !Number.isFinite(v as number)) || (t !== "string" && t !== "number" && t !== "boolean")) {
      throw new UnderstudyError("bad_labels", messages.models.badLabel(kind, i, v));
    }
    if (type === undefined) type = t;
    else if (t !== type) {
      throw new UnderstudyError("bad_labels", messages.models.mixedLabels(kind, type, t, i, v));
    }
    if (!seen.has(v)) seen.set(v, 0);
  }
  const classes = sortLabels([...seen.keys()]);
  if (classes.length < 2) {
    throw new UnderstudyError("not_fittable", messages.models.singleClass(kind, classes[0]));
  }
  classes.forEach((c, k) => seen.set(c, k));
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = seen.get(y[i])!;
  return { classes, codes };
}

/** Sorts labels of one kind: numbers ascending, strings by code unit, false before true. */
export function sortLabels<Y extends Label>(labels: Y[]): Y[] {
  return [...labels].sort((a, b) => {
    if (typeof a === "number" && typeof b === "number") return a - b;
    const sa = String(a);
    const sb = String(b);
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  });
}
