import { describe, expect, it } from "vitest";
import { z } from "zod";
import { canonicalJSON } from "../../src/llm/canonical-json.ts";
import { chatBody } from "../../src/llm/chat-body.ts";
import { modalAnswer } from "../../src/llm/modal-answer.ts";
import { issuesText } from "../../src/core/parse-result.ts";
import { answerIssuesText } from "../../src/llm/answer-issues-text.ts";
import { parseAnswer } from "../../src/llm/parse-answer.ts";
import { strictJsonSchema } from "../../src/llm/strict-json-schema.ts";

const schema = z.object({
  label: z.enum(["spam", "ham"]),
  note: z.string().optional(),
  tags: z.array(z.object({ name: z.string(), weight: z.number().optional() })),
});

describe("strict structured output", () => {
  it("makes every property required, optional ones nullable, and forbids extra properties", () => {
    expect(strictJsonSchema(schema)).toEqual({
      type: "object",
      properties: {
        label: { type: "string", enum: ["spam", "ham"] },
        note: { anyOf: [{ type: "string" }, { type: "null" }] },
        tags: {
          type: "array",
          items: {
            type: "object",
            properties: { name: { type: "string" }, weight: { anyOf: [{ type: "number" }, { type: "null" }] } },
            required: ["name", "weight"],
            additionalProperties: false,
          },
        },
      },
      required: ["label", "note", "tags"],
      additionalProperties: false,
    });
  });

  it("parses answers as data: nulls for optional fields are dropped, nothing else is coerced", () => {
    expect(parseAnswer('{"label":"spam","note":null,"tags":[{"name":"a","weight":null}]}', schema)).toEqual({
      success: true,
      data: { label: "spam", tags: [{ name: "a" }] },
    });
    expect(parseAnswer("", schema)).toEqual({ success: false, issues: [{ code: "empty_answer", path: [], message: "empty answer" }] });
    const notJson = parseAnswer('{"label": "spam", oops', schema);
    expect(notJson.success === false && notJson.issues.map((i) => [i.code, i.path])).toEqual([["invalid_json", []]]);
  });

  it("keeps every schema issue of a refused answer, each with its path, and says them all in one line", () => {
    // three problems at once: a label outside the enum, a tag without a name, a weight that is text
    const parsed = parseAnswer('{"label":"SPAM","tags":[{"weight":1},{"name":"b","weight":"heavy"}]}', schema);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(parsed.issues.map((i) => [i.code, i.path])).toEqual([
      ["invalid_value", ["label"]],
      ["invalid_type", ["tags", 0, "name"]],
      ["invalid_type", ["tags", 1, "weight"]],
    ]);
    expect(parsed.issues.every((i) => i.message.length > 0)).toBe(true);
    expect(answerIssuesText(parsed.issues)).toBe(`answer broke the schema: ${issuesText(parsed.issues)}`);
    expect(issuesText(parsed.issues).split("; ").map((part) => part.split(": ")[0])).toEqual(["label", "tags.0.name", "tags.1.weight"]);
  });

  it("answers that are data stay data", () => {
    // code in an answer stays a string
    const code = z.object({ expr: z.string() });
    expect(parseAnswer('{"expr":"process.exit(1)"}', code)).toEqual({ success: true, data: { expr: "process.exit(1)" } });
  });

  it("json_object mode quotes the schema in a system message; n and logprobs only when asked", () => {
    const request = { messages: [{ role: "user" as const, content: "hi" }], schemaName: "my answer!", schema };
    const strict = chatBody("m", request, "json_schema");
    expect(strict.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "my_answer_", strict: true } });
    expect(strict).not.toHaveProperty("n");
    expect(strict).not.toHaveProperty("logprobs");
    const loose = chatBody("m", { ...request, samples: 4, logprobs: true, maxTokens: 30 }, "json_object");
    expect(loose).toMatchObject({ response_format: { type: "json_object" }, n: 4, logprobs: true, top_logprobs: 5, max_completion_tokens: 30 });
    expect(loose.messages).toHaveLength(2);
    expect(loose.messages[1].content).toContain(JSON.stringify(strictJsonSchema(schema)));
    expect(request.messages).toHaveLength(1); // the caller's messages are untouched
  });

  it("canonical JSON and the modal answer compare answers by meaning, not key order", () => {
    expect(canonicalJSON({ b: 1, a: [true, { d: null, c: "x" }], u: undefined })).toBe('{"a":[true,{"c":"x","d":null}],"b":1}');
    expect(modalAnswer([{ a: 1, b: 2 }, { b: 2, a: 1 }, { a: 3 }])).toEqual({ answer: { a: 1, b: 2 }, agreement: 2 / 3, index: 0 });
    expect(modalAnswer(["x", "y"])).toEqual({ answer: "x", agreement: 0.5, index: 0 }); // a tie goes to the first seen
  });
});
