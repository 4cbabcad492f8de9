import type { ChatBody } from "./chat-body.ts";

/**
 * A rough prompt-token count for a chat body before it is sent: about 4 characters per token
 * for message text and the response-format schema, plus 4 tokens of framing per message. Used
 * for tokens-per-minute limits and dry-run cost plans; replaced by the server's usage after a call.
 *
 * @example
 * estimatePromptTokens(chatBody("gpt-4o-mini", request, "json_schema")); // e.g. 57
 */
export function estimatePromptTokens(body: ChatBody): number {
  let chars = 0;
  for (const m of body.messages) chars += m.content.length;
  if (body.response_format.type === "json_schema") chars += JSON.stringify(body.response_format.json_schema.schema).length;
  return Math.ceil(chars / 4) + 4 * body.messages.length;
}
