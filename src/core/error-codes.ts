/**
 * Every code an {@link UnderstudyError} can carry: a closed list, one meaning per code, no
 * synonyms. Code decides by `error.code`, never by reading a message's text; the wording of
 * each message lives in `src/core/messages/` (one function per message, as vega-lite's
 * `log/message.ts`), and tests compare against the same functions.
 *
 * Adding a code: one line here, with what it means. Reuse a code before adding one.
 */
export const errorCodes = {
  bad_option: "an option (of a function, estimator, teacher or command) has a value it does not accept",
  bad_input: "input data (rows, matrix, table, file content) has the wrong shape or type",
  empty_input: "input data has no rows, or too few rows to do the job",
  length_mismatch: "two inputs that must have one entry per row (X and y, rows and weights) differ in length",
  width_mismatch: "rows have a different number of features from what the model was fitted on",
  missing_values: "input has missing values (NaN, empty cells) where none can be handled",
  unknown_column: "a column named in the options is not in the data",
  duplicate_column: "two columns (or features) share one name",
  bad_labels: "a label set or label values are invalid (too few, duplicated, reserved, not in `labels`)",
  bad_target: "the target column cannot serve as the task's gold labels or values",
  id_feature: "an identifier column was named as a feature",
  target_is_feature: "the target column was named as a feature or text column",
  no_features: "no column can become a feature",
  not_fitted: "a model or featurizer was used before fit",
  not_fittable: "fit cannot run on this input (e.g. one class only)",
  bad_weight: "sample weights are invalid or not supported by the estimator",
  unsupported_model: "the operation has no form for this model type (e.g. SQL for k-NN)",
  no_probabilities: "probabilities were asked of a model that has none",
  bad_model_json: "a saved model, featurizer or bundle is malformed, of another version, or fails its hash",
  bad_teacher: "a teacher is misconfigured or is not a Teacher",
  no_teacher: "no teacher and no gold labels can teach",
  bad_request: "a request to the teacher is malformed",
  teacher_failed: "the teacher answered no usable labels (every call failed)",
  too_few_labels: "too few usable labels to fit and measure a model",
  budget_exceeded: "a spending cap (maxCalls or maxUSD) was reached",
  not_cached: "a replayed request is not in the cache",
  ambiguous_model: "a cache holds answers of several models and none was chosen",
  bad_cache: "the cache directory cannot be used (not writable, corrupt entry, bad key)",
  bad_batch: "a Batch API file is malformed or does not match the requests",
  bad_expression: "an expression does not parse or does not type-check",
  bad_concepts: "LLM concepts are missing or malformed",
  no_sql_form: "a model or feature has no SQL form",
  bad_sql_value: "a name or value cannot be written safely as SQL",
  file_not_found: "a file or data set named in the options does not exist",
  bad_file: "a file's format or content cannot be read",
  bad_output: "an output file or folder cannot be written (or a part of a set of outputs failed, so none was)",
  not_measured: "a figure was asked for that this run did not measure",
  usage: "a command line is malformed (unknown flag, missing value)",
  missing_permission: "Deno refused a permission the feature needs (the message names the --allow-* flag)",
} as const;

/** The closed union of error codes. */
export type ErrorCode = keyof typeof errorCodes;

/** True when `code` is one of {@link errorCodes} (own property, so `"__proto__"` is not). */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === "string" && Object.hasOwn(errorCodes, code);
}
