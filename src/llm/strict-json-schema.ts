import { z } from "zod";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";

/**
 * The JSON Schema sent as `response_format.json_schema.schema`, made compatible with OpenAI's
 * strict mode: every object lists all its properties as required and forbids others. A
 * property the zod schema marks optional becomes required-but-nullable (`anyOf [..., null]`);
 * `parseAnswer` drops such nulls before validating. The `$schema` header is removed. A zod
 * type with no JSON Schema form (a transform, a date, ...) throws `bad_request`.
 *
 * @example
 * strictJsonSchema(z.object({ label: z.enum(["spam", "ham"]) }));
 * // { type: "object", properties: { label: { type: "string", enum: ["spam", "ham"] } },
 * //   required: ["label"], additionalProperties: false }
 */
export function strictJsonSchema(schema: z.ZodType): Record<string, unknown> {
  // Every request of a run shares a schema: convert it once (callers treat the result as read-only).
  const known = converted.get(schema);
  if (known) return known;
  let json: Record<string, unknown>;
  try {
    json = z.toJSONSchema(schema, { io: "output", unrepresentable: "throw" }) as Record<string, unknown>;
  } catch (error) {
    throw new UnderstudyError("bad_request", messages.llm.schemaNotJson((error as Error).message));
  }
  delete json.$schema;
  const strict = strictify(json) as Record<string, unknown>;
  converted.set(schema, strict);
  return strict;
}

const converted = new WeakMap<z.ZodType, Record<string, unknown>>();

function strictify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictify);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = strictify(v);
  if (out.type === "object" && out.properties && typeof out.properties === "object") {
    const properties = out.properties as Record<string, unknown>;
    const required = new Set((out.required as string[] | undefined) ?? []);
    for (const name of Object.keys(properties)) {
      if (!required.has(name)) properties[name] = { anyOf: [properties[name], { type: "null" }] };
    }
    out.required = Object.keys(properties);
    out.additionalProperties = false;
  }
  return out;
}
