import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { ModelJSON } from "./estimator.ts";

/**
 * The most a saved model may hold; a file over a cap is refused before anything is allocated.
 * Far above what distill fits (a 500-tree forest of depth 20 on 10,000 features stays inside).
 */
export const MODEL_JSON_LIMITS = Object.freeze({
  /** Trees in a forest. */
  trees: 10_000,
  /** Nodes in one tree. */
  nodesPerTree: 1_000_000,
  /** Nodes in all trees together. */
  nodes: 20_000_000,
  /** Features (columns) of the model. */
  features: 1_000_000,
  /** Classes of a classifier. */
  classes: 100_000,
  /** Numbers a k-NN model stores (training rows × features). */
  neighborValues: 50_000_000,
});

/**
 * The envelope every saved model shares, checked before its kind restores it: `featureNames`
 * distinct strings (at most {@link MODEL_JSON_LIMITS}.features), `classes` (classifiers) at
 * least two distinct labels, `state` an object. Throws `bad_model_json` naming the problem.
 *
 * @example
 * checkSavedModel(json, "classification");
 */
export function checkSavedModel(json: ModelJSON, task: "classification" | "regression"): void {
  const { kind, featureNames, classes, state } = json;
  const bad = (problem: string) => new UnderstudyError("bad_model_json", messages.models.damagedJSON(kind, problem));
  if (!Array.isArray(featureNames) || featureNames.length === 0 || !featureNames.every((n) => typeof n === "string")) {
    throw bad("featureNames must be a non-empty array of strings");
  }
  if (featureNames.length > MODEL_JSON_LIMITS.features) throw bad(`${featureNames.length} features is over the cap of ${MODEL_JSON_LIMITS.features}`);
  if (new Set(featureNames).size !== featureNames.length) throw bad("featureNames holds a name twice");
  if (state === null || typeof state !== "object" || Array.isArray(state)) throw bad("state must be an object");
  if (task === "regression") return;
  if (!Array.isArray(classes) || classes.length < 2) throw bad("classes must list at least two labels");
  if (classes.length > MODEL_JSON_LIMITS.classes) throw bad(`${classes.length} classes is over the cap of ${MODEL_JSON_LIMITS.classes}`);
  if (!classes.every((c) => typeof c === "string" || (typeof c === "number" && Number.isFinite(c)) || typeof c === "boolean")) {
    throw bad("classes must be strings, finite numbers or booleans");
  }
  if (new Set(classes).size !== classes.length) throw bad(`classes holds a label twice (${classes.map(String).join(", ")}), so one class could never be predicted`);
}

/** True when `a` is an array of `length` finite numbers. */
export function finiteArray(a: unknown, length: number): a is number[] {
  return Array.isArray(a) && a.length === length && a.every((x) => typeof x === "number" && Number.isFinite(x));
}

/**
 * The state of a linear model (LogisticRegression, LinearRegression): `rows` coefficient rows
 * of one finite number per feature, as many intercepts, finite means and positive scales per
 * feature. `rows` lists the row counts the model accepts (binary logistic: 1; K classes: K).
 *
 * @example
 * checkLinearState(json, [1]);
 */
export function checkLinearState(json: ModelJSON, rows: number[]): void {
  const p = json.featureNames.length;
  const st = json.state as Record<string, unknown>;
  const bad = (problem: string) => new UnderstudyError("bad_model_json", messages.models.damagedJSON(json.kind, problem));
  const coefficients = st.coefficients;
  if (!Array.isArray(coefficients) || !rows.includes(coefficients.length)) throw bad(`state.coefficients must hold ${rows.join(" or ")} rows`);
  coefficients.forEach((row, k) => {
    if (!finiteArray(row, p)) throw bad(`state.coefficients[${k}] must hold ${p} finite numbers, one per feature`);
  });
  if (!finiteArray(st.intercepts, coefficients.length)) throw bad(`state.intercepts must hold ${coefficients.length} finite numbers`);
  if (!finiteArray(st.featureMeans, p)) throw bad(`state.featureMeans must hold ${p} finite numbers`);
  if (!finiteArray(st.featureScales, p) || !(st.featureScales as number[]).every((s) => s > 0)) {
    throw bad(`state.featureScales must hold ${p} positive finite numbers`);
  }
}

/**
 * The state of a k-NN model: `nRows` training rows (a positive integer within
 * {@link MODEL_JSON_LIMITS}.neighborValues), `data` nRows × features finite numbers, and one
 * label of `classes` (classifier) or one finite target (regressor) per row.
 *
 * @example
 * checkNeighborState(json, "labels");
 */
export function checkNeighborState(json: ModelJSON, answers: "labels" | "targets"): void {
  const p = json.featureNames.length;
  const st = json.state as Record<string, unknown>;
  const bad = (problem: string) => new UnderstudyError("bad_model_json", messages.models.damagedJSON(json.kind, problem));
  const n = st.nRows;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) throw bad("state.nRows must be a positive integer");
  if (n * p > MODEL_JSON_LIMITS.neighborValues) throw bad(`${n} rows × ${p} features is over the cap of ${MODEL_JSON_LIMITS.neighborValues} values`);
  if (!finiteArray(st.data, n * p)) throw bad(`state.data must hold nRows × features = ${n * p} finite numbers`);
  if (answers === "targets") {
    if (!finiteArray(st.targets, n)) throw bad(`state.targets must hold ${n} finite numbers, one per row`);
    return;
  }
  const known = new Set(json.classes);
  if (!Array.isArray(st.labels) || st.labels.length !== n || !st.labels.every((l) => known.has(l))) {
    throw bad(`state.labels must hold ${n} labels, one per row, each one of classes`);
  }
}
