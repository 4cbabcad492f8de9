import { issuesText, type ParseIssue } from "../core/parse-result.ts";

/** Issue codes of an answer that was not JSON at all (see `parseAnswer`); every other code is a schema issue. */
const NOT_JSON = new Set(["empty_answer", "invalid_json"]);

/**
 * The one-line `reason` of a failure whose answer did not parse: the JSON problem as it is,
 * or "answer broke the schema: " and every schema issue with its path.
 *
 * @example
 * answerIssuesText([{ code: "invalid_value", path: ["label"], message: "Invalid option" }]);
 * // "answer broke the schema: label: Invalid option"
 */
export function answerIssuesText(issues: readonly ParseIssue[]): string {
  if (issues.length > 0 && issues.every((i) => NOT_JSON.has(i.code))) return issuesText(issues);
  return `answer broke the schema: ${issuesText(issues) || "(root)"}`;
}
