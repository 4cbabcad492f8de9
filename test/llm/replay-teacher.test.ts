import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { messages } from "../../src/core/messages/index.ts";
import { cacheKey } from "../../src/llm/cache-key.ts";
import { defaultTeacher } from "../../src/llm/default-teacher.ts";
import { functionTeacher } from "../../src/llm/function-teacher.ts";
import { openaiTeacher } from "../../src/llm/openai-teacher.ts";
import { replayTeacher } from "../../src/llm/replay-teacher.ts";
import { startOpenAITestServer, type OpenAITestServer } from "../support/openai-test-server.ts";

const schema = z.object({ answer: z.number() });
const ask = (content: string) => ({ messages: [{ role: "user" as const, content }], schemaName: "answer", schema, purpose: "math" });

let dir: string | undefined;
let server: OpenAITestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe("replayTeacher", () => {
  it("answers from the cache alone, with the model the cache recorded; unknown requests fail clearly", async () => {
    dir = await mkdtemp(join(tmpdir(), "understudy-replay-"));
    server = await startOpenAITestServer({ respond: (body) => ({ content: { answer: body.messages[0].content.length } }) });
    const live = openaiTeacher({ model: "gpt-4o-mini", baseURL: server.baseURL, apiKey: "sk-x", cacheDir: dir });
    await live.ask(ask("two"));
    await live.ask(ask("three"));
    await server.close();
    server = undefined;

    const replay = replayTeacher({ cacheDir: dir });
    await expect(replay.ask(ask("three"))).resolves.toMatchObject({ ok: true, data: { answer: 5 }, cached: true });
    expect(replay.model).toBe("gpt-4o-mini");
    expect(replay.stats).toMatchObject({ cacheHits: 1, teacherCalls: 0, costUSD: 0 });
    expect(replay.stats.byPurpose?.math.cacheHits).toBe(1);
    await expect(replay.ask(ask("four"))).rejects.toMatchObject({
      code: "not_cached",
      message: messages.llm.notCached({ schemaName: "answer", model: "gpt-4o-mini", key: cacheKey("gpt-4o-mini", ask("four")), lastMessage: "four", cacheDir: dir, partial: false }),
    });
    // another model's key does not match
    await expect(replayTeacher({ cacheDir: dir, model: "gpt-4o" }).ask(ask("two"))).rejects.toMatchObject({ code: "not_cached" });
  });

  it("asks to choose when the cache holds several models, and says when it is empty", async () => {
    dir = await mkdtemp(join(tmpdir(), "understudy-replay-"));
    server = await startOpenAITestServer({ respond: () => ({ content: { answer: 1 } }) });
    await openaiTeacher({ model: "a", baseURL: server.baseURL, cacheDir: dir, prices: { a: { input: 0, output: 0 } } }).ask(ask("x"));
    await openaiTeacher({ model: "b", baseURL: server.baseURL, cacheDir: dir, prices: { b: { input: 0, output: 0 } } }).ask(ask("x"));
    await expect(replayTeacher({ cacheDir: dir }).ask(ask("x"))).rejects.toMatchObject({ code: "ambiguous_model", message: messages.llm.replayAmbiguous(dir, ["a", "b"]) });
    await expect(replayTeacher({ cacheDir: dir, model: "b" }).ask(ask("x"))).resolves.toMatchObject({ ok: true });
    await expect(replayTeacher({ cacheDir: join(dir, "empty") }).ask(ask("x"))).rejects.toThrow(messages.llm.replayEmpty(join(dir, "empty")));
  });
});

describe("what a teacher is", () => {
  it("each teacher declares its kind; a replay names the LLM run it replays, once the model is known", async () => {
    dir = await mkdtemp(join(tmpdir(), "understudy-replay-"));
    server = await startOpenAITestServer({ respond: (body) => ({ content: { answer: body.messages[0].content.length } }) });
    const live = openaiTeacher({ model: "gpt-4o-mini", baseURL: server.baseURL, apiKey: "sk-x", cacheDir: dir });
    expect(live.kind).toBe("llm");
    expect(functionTeacher(() => ({ answer: 1 })).kind).toBe("function");
    await live.ask(ask("two"));

    const replay = replayTeacher({ cacheDir: dir });
    expect(replay.kind).toBe("replay");
    expect(replay.replays).toBeUndefined(); // the cache was not read yet
    await expect(replay.describe()).resolves.toEqual({ kind: "llm", model: "gpt-4o-mini", cacheDir: dir });
    expect(replay.replays).toEqual({ kind: "llm", model: "gpt-4o-mini", cacheDir: dir });
    expect(replay.stats.cacheHits).toBe(0); // describe asks nothing
    // a model passed in is known at once
    expect(replayTeacher({ cacheDir: dir, model: "gpt-4o" }).replays).toEqual({ kind: "llm", model: "gpt-4o", cacheDir: dir });
    await expect(replayTeacher({ cacheDir: join(dir, "empty") }).describe()).rejects.toMatchObject({ code: "not_cached", message: messages.llm.replayEmpty(join(dir, "empty")) });
  });

  it("defaultTeacher is an llm teacher", () => {
    expect(defaultTeacher({ apiKey: "sk-x", model: "gpt-4o-mini", cacheDir: false })?.kind).toBe("llm");
  });

  it("a replay gives exactly the answers the live run saw: data, samples, confidence, logprobs, usage", async () => {
    dir = await mkdtemp(join(tmpdir(), "understudy-replay-"));
    const votes = [3, 4, 3, 3, 5];
    server = await startOpenAITestServer({
      respond: (body, { choiceIndex }) =>
        body.n ? { content: { answer: votes[choiceIndex] } } : { content: { answer: body.messages[0].content.length }, logprobs: tokensOf(body.messages[0].content.length) },
    });
    const live = openaiTeacher({ model: "gpt-4o-mini", baseURL: server.baseURL, apiKey: "sk-x", cacheDir: dir });
    const requests = [ask("one"), { ...ask("with logprobs"), logprobs: true }, { ...ask("voted"), samples: 5, temperature: 1 }];
    const seen = [];
    for (const r of requests) seen.push(await live.ask(r));
    await server.close();
    server = undefined;

    const replay = replayTeacher({ cacheDir: dir });
    const replayed = [];
    for (const r of requests) replayed.push(await replay.ask(r));
    const answerPart = (r: Awaited<ReturnType<typeof live.ask>>) => (r.ok ? { ...r, cached: undefined } : r);
    expect(replayed.map(answerPart)).toEqual(seen.map(answerPart));
    // and the values are the live run's, worked out by hand
    expect(replayed[1]).toMatchObject({ ok: true, data: { answer: 13 }, confidence: 0.7, confidenceSource: "logprobs" });
    expect(replayed[2]).toMatchObject({ ok: true, data: { answer: 3 }, samples: votes.map((answer) => ({ answer })), confidence: 3 / 5, confidenceSource: "self-consistency" });
    expect(replayed.every((r) => r.ok && r.cached)).toBe(true);
    expect(replay.stats).toMatchObject({ teacherCalls: 0, cacheHits: 3 });
  });
});

/** Tokens of `{"answer":N}` with the number's token at probability 0.7. */
function tokensOf(n: number) {
  return [{ token: '{"', logprob: 0 }, { token: "answer", logprob: 0 }, { token: '":', logprob: 0 }, { token: String(n), logprob: Math.log(0.7) }, { token: "}", logprob: 0 }];
}

describe("functionTeacher", () => {
  it("validates the function's answers like an LLM's and counts calls by purpose", async () => {
    const teacher = functionTeacher((request) => ({ answer: request.messages[0].content === "bad" ? "NaN" : 42 }));
    await expect(teacher.ask(ask("good"))).resolves.toMatchObject({ ok: true, data: { answer: 42 } });
    await expect(teacher.ask(ask("bad"))).resolves.toMatchObject({ ok: false, code: "invalid_answer", issues: [{ code: "invalid_type", path: ["answer"] }] });
    expect(teacher.stats).toMatchObject({ teacherCalls: 2, failures: 1 });
    expect(teacher.stats.byPurpose?.math).toMatchObject({ teacherCalls: 2, failures: 1 });
  });

  it("votes over k calls when asked for samples", async () => {
    const answers = [1, 2, 2, 3, 2];
    let call = 0;
    const teacher = functionTeacher(() => ({ answer: answers[call++] }));
    await expect(teacher.ask({ ...ask("x"), samples: 5 })).resolves.toMatchObject({
      ok: true, data: { answer: 2 }, samples: answers.map((answer) => ({ answer })), confidence: 3 / 5, confidenceSource: "self-consistency",
    });
    expect(teacher.stats.teacherCalls).toBe(1);
  });
});

describe("defaultTeacher", () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of ["OPENAI_API_KEY", "OPENAI_BASE_URL", "UNDERSTUDY_MODEL"]) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it("is undefined when nothing is configured, and reads the three variables otherwise", () => {
    delete process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_BASE_URL;
    delete process.env.UNDERSTUDY_MODEL;
    expect(defaultTeacher()).toBeUndefined();
    process.env.OPENAI_API_KEY = "sk-env";
    expect(defaultTeacher({ cacheDir: false })?.model).toBe("gpt-4o-mini");
    process.env.UNDERSTUDY_MODEL = "llama3.1:8b";
    process.env.OPENAI_BASE_URL = "http://127.0.0.1:11434/v1";
    delete process.env.OPENAI_API_KEY;
    expect(defaultTeacher({ cacheDir: false })?.model).toBe("llama3.1:8b");
  });
});
