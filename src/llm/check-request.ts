import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { TeacherRequest } from "./teacher.ts";

/**
 * Rejects a malformed teacher request with one UnderstudyError (`bad_request`) naming the bad
 * field and the fix. Called by every teacher before anything is looked up or paid for.
 *
 * @example
 * checkRequest({ messages: [], schemaName: "a", schema }); // throws: messages must be a non-empty array ...
 */
export function checkRequest(request: TeacherRequest<unknown>): void {
  const bad = (message: string) => new UnderstudyError("bad_request", message);
  const m = messages.llm;
  if (!request || typeof request !== "object") throw bad(m.requestNotObject());
  if (!Array.isArray(request.messages) || request.messages.length === 0) throw bad(m.requestMessages());
  for (const [i, message] of request.messages.entries()) {
    if (!message || !["system", "user", "assistant"].includes(message.role) || typeof message.content !== "string") {
      throw bad(m.requestMessage(i));
    }
  }
  if (typeof request.schemaName !== "string" || request.schemaName === "") throw bad(m.requestSchemaName());
  if (!request.schema || typeof (request.schema as { safeParse?: unknown }).safeParse !== "function") throw bad(m.requestSchema());
  const samples = request.samples ?? 1;
  if (!Number.isInteger(samples) || samples < 1 || samples > 128) throw bad(m.requestSamples(samples));
  const t = request.temperature ?? 0;
  if (typeof t !== "number" || !(t >= 0 && t <= 2)) throw bad(m.requestTemperature(t));
  if (request.maxTokens !== undefined && (!Number.isInteger(request.maxTokens) || request.maxTokens < 1)) {
    throw bad(m.requestMaxTokens(request.maxTokens));
  }
  if (request.topLogprobs !== undefined && (!Number.isInteger(request.topLogprobs) || request.topLogprobs < 0 || request.topLogprobs > 20)) {
    throw bad(m.requestTopLogprobs(request.topLogprobs));
  }
}
