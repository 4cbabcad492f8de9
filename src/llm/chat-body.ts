import { strictJsonSchema } from "./strict-json-schema.ts";
import type { TeacherRequest } from "./teacher.ts";

/** How the answer's shape is asked for: OpenAI structured outputs, or JSON mode plus our own validation. */
export type StructuredOutputMode = "json_schema" | "json_object";

/** The chat/completions body, in OpenAI's wire shape. */
export interface ChatBody {
  model: string;
  messages: { role: "system" | "user" | "assistant"; content: string }[];
  response_format: { type: "json_schema"; json_schema: { name: string; strict: true; schema: Record<string, unknown> } } | { type: "json_object" };
  temperature: number;
  n?: number;
  logprobs?: boolean;
  top_logprobs?: number;
  max_completion_tokens?: number;
}

/**
 * The chat/completions request body for one teacher request, used for live calls and for
 * Batch API input lines alike. `json_schema` sends the strict JSON Schema of the answer;
 * `json_object` (for servers without structured outputs) adds a system message quoting that
 * schema, since JSON mode only promises *some* JSON object. `n` asks for `samples` choices
 * (pass a smaller `n` to top up a partly answered request). `maxTokens` is sent as
 * `max_completion_tokens`, the name current OpenAI models and recent vLLM / llama.cpp /
 * Ollama servers accept.
 *
 * @example
 * chatBody("gpt-4o-mini", request, "json_schema").response_format.type; // "json_schema"
 */
export function chatBody(model: string, request: TeacherRequest<unknown>, mode: StructuredOutputMode, n = request.samples ?? 1): ChatBody {
  const schema = strictJsonSchema(request.schema);
  const messages = request.messages.map((m) => ({ role: m.role, content: m.content }));
  const body: ChatBody = {
    model,
    messages,
    response_format:
      mode === "json_schema"
        ? { type: "json_schema", json_schema: { name: schemaName(request.schemaName), strict: true, schema } }
        : { type: "json_object" },
    temperature: request.temperature ?? 0,
  };
  if (mode === "json_object") {
    messages.push({
      role: "system",
      content: `Answer with one JSON object and nothing else. It must match this JSON Schema exactly:\n${JSON.stringify(schema)}`,
    });
  }
  if (n > 1) body.n = n;
  if (request.logprobs) {
    body.logprobs = true;
    body.top_logprobs = request.topLogprobs ?? 5;
  }
  if (request.maxTokens !== undefined) body.max_completion_tokens = request.maxTokens;
  return body;
}

/** OpenAI accepts schema names of 1–64 characters from [a-zA-Z0-9_-]. */
function schemaName(name: string): string {
  return (name.replace(/[^a-zA-Z0-9_-]/g, "_") || "answer").slice(0, 64);
}
