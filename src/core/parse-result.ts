/** One problem found in untrusted input: what kind, where, and in words. */
export interface ParseIssue {
  /** Machine-readable kind of problem, e.g. "invalid_json", "schema", "unknown_function". */
  code: string;
  /** Where in the input: object keys and array indices from the root (empty for the whole input). */
  path: (string | number)[];
  /** The problem and, where there is one, the fix, in one sentence. */
  message: string;
}

/**
 * What parsing untrusted input (a teacher's answer, an expression, a saved model or bundle)
 * returns: data, or every issue found — never only the first. The shape is zod's `safeParse`.
 */
export type ParseResult<T> = { success: true; data: T } | { success: false; issues: ParseIssue[] };

/**
 * The issues of a failed result in one line, for errors and logs.
 *
 * @example
 * issuesText([{ code: "schema", path: ["label"], message: "expected spam or ham" }]);
 * // "label: expected spam or ham"
 */
export function issuesText(issues: readonly ParseIssue[]): string {
  return issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}
