import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { issuesText } from "../../src/core/parse-result.ts";
import { functionTeacher } from "../../src/llm/function-teacher.ts";
import { openaiTeacher } from "../../src/llm/openai-teacher.ts";
import type { TeacherFailure, TeacherRequest } from "../../src/llm/teacher.ts";
import { startOpenAITestServer, type OpenAITestServer, type ScriptedReply } from "../support/openai-test-server.ts";

// Each failure says what went wrong as a code; callers decide by it, never by reading `reason`.
const schema = z.object({ label: z.enum(["spam", "ham"]), confidence: z.number() });
const request = (row: string): TeacherRequest<z.infer<typeof schema>> => ({
  messages: [{ role: "user", content: `Spam or ham? <row>${row}</row>` }],
  schemaName: "label",
  schema,
});

/** The scripted server: what it answers depends on the row. */
const script: Record<string, ScriptedReply> = {
  refuse: { content: "", refusal: "I can't help with that." },
  filter: { content: '{"label":"spam","confidence":0.9}', finishReason: "content_filter" },
  long: { content: '{"label":"sp', finishReason: "length" },
  broken: { content: { label: "SPAM", confidence: "high" } },
  notjson: { content: "spam, I think" },
  down: { fault: { status: 500 } },
  bad: { fault: { status: 400, message: "invalid request" } },
  hang: { fault: { hang: true } },
  cut: { fault: { truncated: true } },
};

let server: OpenAITestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function failureFor(row: string, timeoutMs = 5_000): Promise<TeacherFailure> {
  server ??= await startOpenAITestServer({ respond: (body) => script[/<row>(\w+)<\/row>/.exec(body.messages[0].content)![1]] });
  const teacher = openaiTeacher({
    model: "m", baseURL: server.baseURL, apiKey: "sk-x", cacheDir: false, prices: { m: { input: 0, output: 0 } },
    timeoutMs, maxRetries: 0, maxInvalidRetries: 0,
  });
  const result = await teacher.ask(request(row));
  if (result.ok) throw new Error(`expected a failure for ${row}`);
  return result;
}

describe("TeacherFailure.code", () => {
  it("a refusal and a content-filter stop are `refused`", async () => {
    expect(await failureFor("refuse")).toMatchObject({ code: "refused", reason: expect.stringContaining("I can't help with that.") });
    expect((await failureFor("filter")).code).toBe("refused");
  });

  it("an answer cut off at maxTokens is `truncated`", async () => {
    expect(await failureFor("long")).toMatchObject({ code: "truncated", raw: '{"label":"sp' });
  });

  it("an answer that breaks the schema is `invalid_answer` with every issue; not JSON is one invalid_json issue", async () => {
    const broken = await failureFor("broken");
    expect(broken.code).toBe("invalid_answer");
    expect(broken.issues?.map((i) => [i.code, i.path])).toEqual([["invalid_value", ["label"]], ["invalid_type", ["confidence"]]]);
    expect(broken.reason).toBe(`answer broke the schema: ${issuesText(broken.issues!)} (after 1 asks)`);
    const notJson = await failureFor("notjson");
    expect(notJson.code).toBe("invalid_answer");
    expect(notJson.issues?.map((i) => i.code)).toEqual(["invalid_json"]);
  });

  it("an error status is `http_error`; no whole reply (timeout, body cut off) is `connection_error`", async () => {
    expect(await failureFor("down")).toMatchObject({ code: "http_error", reason: expect.stringMatching(/^HTTP 500/) });
    expect(await failureFor("bad")).toMatchObject({ code: "http_error", reason: expect.stringMatching(/^HTTP 400/) });
    expect(await failureFor("hang", 50)).toMatchObject({ code: "connection_error", reason: "the call timed out after 1 attempts" });
    expect((await failureFor("cut")).code).toBe("connection_error");
  });

  it("a function teacher that throws is `function_threw`; a wrong shape is `invalid_answer`", async () => {
    const teacher = functionTeacher((r) => {
      if (r.messages[0].content.includes("boom")) throw new Error("boom");
      return { label: "eggs", confidence: 1 };
    });
    await expect(teacher.ask(request("boom"))).resolves.toMatchObject({ ok: false, code: "function_threw", reason: "the teacher function threw: boom" });
    const wrong = await teacher.ask(request("x"));
    expect(wrong).toMatchObject({ ok: false, code: "invalid_answer", issues: [{ code: "invalid_value", path: ["label"] }] });
  });
});
