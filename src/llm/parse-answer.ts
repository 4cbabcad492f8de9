import type { z } from "zod";
import type { ParseIssue, ParseResult } from "../core/parse-result.ts";

/** The outcome of parsing one untrusted answer: the shared {@link ParseResult} (kept as a name for existing callers). */
export type ParsedAnswer<T> = ParseResult<T>;

/**
 * Parses an LLM's message content as JSON and validates it with the request's zod schema.
 * The text is data: it is only ever given to `JSON.parse`, never executed. Nulls standing in
 * for optional properties (strict mode sends every property) are dropped before a second
 * validation; nothing else is coerced. A refused answer lists every issue zod found (code,
 * path, message), not only the first; an empty answer is one `empty_answer` issue and text
 * that is not JSON one `invalid_json` issue.
 *
 * @example
 * parseAnswer('{"label":"spam"}', z.object({ label: z.enum(["spam", "ham"]) }));
 * // { success: true, data: { label: "spam" } }
 * parseAnswer('{"label":"eggs"}', schema);
 * // { success: false, issues: [{ code: "invalid_value", path: ["label"], message: 'Invalid option: expected one of "spam"|"ham"' }] }
 */
export function parseAnswer<T>(content: string | null | undefined, schema: z.ZodType<T>): ParseResult<T> {
  if (content === null || content === undefined || content.trim() === "") {
    return { success: false, issues: [{ code: "empty_answer", path: [], message: "empty answer" }] };
  }
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    return { success: false, issues: [{ code: "invalid_json", path: [], message: `answer is not valid JSON (${(error as Error).message})` }] };
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return { success: true, data: parsed.data };
  const withoutNulls = schema.safeParse(dropNullMembers(value));
  if (withoutNulls.success) return { success: true, data: withoutNulls.data };
  return { success: false, issues: parsed.error.issues.map(toParseIssue) };
}

function toParseIssue(issue: z.core.$ZodIssue): ParseIssue {
  return {
    code: issue.code,
    path: issue.path.map((key) => (typeof key === "number" ? key : String(key))),
    message: issue.message,
  };
}

function dropNullMembers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNullMembers);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = dropNullMembers(v);
  return out;
}
