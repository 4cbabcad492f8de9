import type { ModelJSON } from "./estimator.ts";

/**
 * Wraps an estimator's own state in the versioned `ModelJSON` envelope, so the format and
 * version are written in one place. Copies `options` (deeply), `featureNames` and `classes`,
 * so the caller's JSON shares nothing with the model; leaves out `classes` for regressors.
 *
 * @example
 * modelJSON({ kind: "KNNRegressor", options: { k: 5 }, featureNames: ["x"], state: { targets: [1] } });
 */
export function modelJSON(parts: Omit<ModelJSON, "format" | "version">): ModelJSON {
  const { kind, options, featureNames, classes, state } = parts;
  return {
    format: "understudy-model",
    version: 1,
    kind,
    options: structuredClone(options),
    featureNames: [...featureNames],
    ...(classes ? { classes: [...classes] } : {}),
    state,
  };
}
