import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { distill, openaiTeacher } from "../../src/index.ts";
import { FAILURE_STREAK_LIMIT } from "../../src/llm/failure-streak.ts";
import { startOpenAITestServer, type OpenAITestServer } from "../support/openai-test-server.ts";

// A teacher that cannot work at all stops after a few calls with one error naming the cause,
// instead of spending minutes on retries and ending with "too few usable labels".
const rows = Array.from({ length: 30 }, (_, i) => ({ text: `message number ${i}`, n: i }));
const task = { data: rows, task: "Is this spam?", labels: ["spam", "ham"], text: "text", model: "tree" as const };
const quick = { cacheDir: false as const, prices: { m: { input: 0, output: 0 } }, maxRetries: 2, backoff: { baseMs: 1, maxMs: 1 } };

let server: OpenAITestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("a teacher that fails every call", () => {
  it("stops after the streak with teacher_failed naming the HTTP status and the host, not after every row", async () => {
    server = await startOpenAITestServer({ respond: () => ({ fault: { status: 500, message: "boom" } }) });
    const url = new URL(server.baseURL);
    const teacher = openaiTeacher({ model: "m", baseURL: server.baseURL, apiKey: "sk-x", concurrency: 1, ...quick });
    const run = distill({ ...task, teacher });
    await expect(run).rejects.toMatchObject({ code: "teacher_failed" });
    await expect(run).rejects.toThrow(messages.llm.teacherFailing(FAILURE_STREAK_LIMIT, "HTTP 500", url.host));
    // one call at a time: exactly the streak's calls, each with its retries, then nothing more
    expect(server.requests.length).toBe(FAILURE_STREAK_LIMIT * 3);
  });

  it("names the host of a URL with credentials in it, never the credentials", async () => {
    server = await startOpenAITestServer();
    const host = new URL(server.baseURL).host;
    const teacher = openaiTeacher({ model: "m", baseURL: `http://user:hunter2secret@${host}/v1`, apiKey: "sk-x", ...quick });
    const error = await distill({ ...task, teacher }).catch((e: Error) => e);
    expect(error).toMatchObject({ code: "teacher_failed" });
    expect((error as Error).message).toContain(host);
    expect((error as Error).message).not.toContain("hunter2secret");
  });

  it("stops on a server that refuses connections, naming a connection error", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const teacher = openaiTeacher({ model: "m", baseURL: `http://127.0.0.1:${port}/v1`, apiKey: "sk-x", ...quick });
    await expect(distill({ ...task, teacher })).rejects.toThrow(
      messages.llm.teacherFailing(FAILURE_STREAK_LIMIT, "a connection error (no reply)", `127.0.0.1:${port}`),
    );
  });

  it("never trips once a call has succeeded: later failures stay per-row failures", async () => {
    server = await startOpenAITestServer({
      respond: (_body, { callIndex }) => (callIndex === 0 ? { content: { label: "spam" } } : { fault: { status: 500 } }),
    });
    const teacher = openaiTeacher({ model: "m", baseURL: server.baseURL, apiKey: "sk-x", concurrency: 1, ...quick });
    await expect(distill({ ...task, teacher })).rejects.toMatchObject({ code: "too_few_labels" });
    expect(teacher.stats.failures).toBeGreaterThan(FAILURE_STREAK_LIMIT);
  });
});
