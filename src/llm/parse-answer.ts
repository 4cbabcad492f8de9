import type { z } from "zod";

/** The outcome of parsing one untrusted answer: typed data, or the reason it was refused. */
export type ParsedAnswer<T> = { success: true; data: T } | { success: false; reason: string };

/**
 * Parses an LLM's message content as JSON and validates it with the request's zod schema.
 * The text is data: it is only ever given to `JSON.parse`, never executed. Nulls standing in
 * for optional properties (strict mode sends every property) are dropped before a second
 * validation; nothing else is coerced.
 *
 * @example
 * parseAnswer('{"label":"spam"}', z.object({ label: z.enum(["spam", "ham"]) }));
 * // { success: true, data: { label: "spam" } }
 * parseAnswer('{"label":"eggs"}', schema).success; // false, reason names "label"
 */
export function parseAnswer<T>(content: string | null | undefined, schema: z.ZodType<T>): ParsedAnswer<T> {
  if (content === null || content === undefined || content.trim() === "") return { success: false, reason: "empty answer" };
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    return { success: false, reason: `answer is not valid JSON (${(error as Error).message})` };
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return { success: true, data: parsed.data };
  const withoutNulls = schema.safeParse(dropNullMembers(value));
  if (withoutNulls.success) return { success: true, data: withoutNulls.data };
  const issue = parsed.error.issues[0];
  return { success: false, reason: `answer broke the schema: ${issue?.path.join(".") || "(root)"}: ${issue?.message}` };
}

function dropNullMembers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNullMembers);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = dropNullMembers(v);
  return out;
}
