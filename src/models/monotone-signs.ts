import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { MonotoneConstraints } from "./ebm/ebm-options.ts";

/**
 * A `monotone` option as one sign per feature: +1 increasing, −1 decreasing, 0 free. Features
 * are named, or given by index as a string; anything else is a bad_option naming the features.
 *
 * @example
 * monotoneSigns("DecisionTreeRegressor", { income: "increasing", 1: "decreasing" }, ["income", "debt"]); // Int8Array [1, -1]
 */
export function monotoneSigns(kind: string, monotone: MonotoneConstraints, featureNames: readonly string[]): Int8Array {
  const signs = new Int8Array(featureNames.length);
  for (const [key, direction] of Object.entries(monotone)) {
    const byName = featureNames.indexOf(key);
    const j = byName >= 0 ? byName : /^\d+$/.test(key) ? Number(key) : -1;
    if (j < 0 || j >= featureNames.length) throw new UnderstudyError("bad_option", messages.models.monotoneFeature(kind, key, featureNames));
    signs[j] = direction === "increasing" ? 1 : -1;
  }
  return signs;
}
