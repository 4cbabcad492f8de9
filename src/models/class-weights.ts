import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { Label } from "./estimator.ts";

/**
 * Weight of each class code under a `classWeight` option (undefined: all 1). "balanced" uses
 * the unweighted class counts, like scikit-learn's compute_class_weight; a map must name only
 * classes that are in y (its values were checked against the option table).
 *
 * @example
 * classWeights("DecisionTreeClassifier", "balanced", ["a", "b"], Int32Array.from([0, 0, 0, 1])); // [0.667, 2]
 */
export function classWeights(
  kind: string,
  classWeight: "balanced" | Readonly<Record<string, number>> | undefined,
  classes: readonly Label[],
  codes: Int32Array,
): Float64Array {
  const K = classes.length;
  const out = new Float64Array(K).fill(1);
  if (classWeight === undefined) return out;
  if (classWeight === "balanced") {
    const counts = new Float64Array(K);
    for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
    for (let k = 0; k < K; k++) out[k] = codes.length / (K * counts[k]);
    return out;
  }
  const known = new Set(classes.map(String));
  for (const label of Object.keys(classWeight)) {
    if (!known.has(label)) throw new UnderstudyError("bad_option", messages.models.unknownClassWeightLabel(kind, label, classes));
  }
  classes.forEach((c, k) => {
    const w = classWeight[String(c)];
    if (w !== undefined) out[k] = w;
  });
  return out;
}
