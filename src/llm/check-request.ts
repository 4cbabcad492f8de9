import { UnderstudyError } from "../core/errors.ts";
import type { TeacherRequest } from "./teacher.ts";

/**
 * Rejects a malformed teacher request with one UnderstudyError naming the bad field and the
 * fix. Called by every teacher before anything is looked up or paid for.
 *
 * @example
 * checkRequest({ messages: [], schemaName: "a", schema }); // throws: messages must be a non-empty array ...
 */
export function checkRequest(request: TeacherRequest<unknown>): void {
  const bad = (message: string) => new UnderstudyError("bad_request", `teacher request: ${message}`);
  if (!request || typeof request !== "object") throw bad("expected an object { messages, schemaName, schema }.");
  if (!Array.isArray(request.messages) || request.messages.length === 0) {
    throw bad("messages must be a non-empty array of { role, content }.");
  }
  for (const [i, m] of request.messages.entries()) {
    if (!m || !["system", "user", "assistant"].includes(m.role) || typeof m.content !== "string") {
      throw bad(`messages[${i}] must be { role: "system" | "user" | "assistant", content: string }.`);
    }
  }
  if (typeof request.schemaName !== "string" || request.schemaName === "") throw bad("schemaName must be a non-empty string, e.g. \"label\".");
  if (!request.schema || typeof (request.schema as { safeParse?: unknown }).safeParse !== "function") {
    throw bad("schema must be a zod schema, e.g. z.object({ label: z.enum([...]) }).");
  }
  const samples = request.samples ?? 1;
  if (!Number.isInteger(samples) || samples < 1 || samples > 128) throw bad(`samples must be an integer from 1 to 128, got ${samples}.`);
  const t = request.temperature ?? 0;
  if (typeof t !== "number" || !(t >= 0 && t <= 2)) throw bad(`temperature must be a number from 0 to 2, got ${t}.`);
  if (request.maxTokens !== undefined && (!Number.isInteger(request.maxTokens) || request.maxTokens < 1)) {
    throw bad(`maxTokens must be a positive integer, got ${request.maxTokens}.`);
  }
  if (request.topLogprobs !== undefined && (!Number.isInteger(request.topLogprobs) || request.topLogprobs < 0 || request.topLogprobs > 20)) {
    throw bad(`topLogprobs must be an integer from 0 to 20, got ${request.topLogprobs}.`);
  }
}
