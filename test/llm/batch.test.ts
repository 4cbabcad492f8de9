import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { messages } from "../../src/core/messages/index.ts";
import { exportBatch } from "../../src/llm/export-batch.ts";
import { importBatch } from "../../src/llm/import-batch.ts";
import { openaiTeacher } from "../../src/llm/openai-teacher.ts";
import { replayTeacher } from "../../src/llm/replay-teacher.ts";
import type { TeacherRequest } from "../../src/llm/teacher.ts";
import { startOpenAITestServer, type ChatRequestBody, type OpenAITestServer } from "../support/openai-test-server.ts";

const schema = z.object({ label: z.enum(["spam", "ham"]), reason: z.string() });
type Answer = z.infer<typeof schema>;
const request = (text: string, samples = 1): TeacherRequest<Answer> => ({
  messages: [{ role: "user", content: `Spam or ham? <row>${text}</row>` }],
  schemaName: "label",
  schema,
  samples,
  temperature: samples > 1 ? 1 : 0,
});
const answerFor = (body: ChatRequestBody, choice = 0): Answer => {
  const row = body.messages[0].content;
  return { label: row.includes("$$$") ? "spam" : "ham", reason: `choice ${choice} of ${row.length}` };
};

/** Plays the Batch API (or vLLM's run_batch): reads an input JSONL, writes the output JSONL. */
async function runBatch(inputPath: string, outputPath: string, answer: (body: ChatRequestBody, line: number) => object): Promise<void> {
  const lines = (await readFile(inputPath, "utf8")).trim().split("\n");
  const out = lines.map((line, i) => {
    const { custom_id, body } = JSON.parse(line) as { custom_id: string; body: ChatRequestBody };
    return JSON.stringify({ id: `batch_req_${i}`, custom_id, ...answer(body, i) });
  });
  await writeFile(outputPath, `${out.join("\n")}\n`);
}

const ok = (body: ChatRequestBody) => ({
  response: {
    status_code: 200,
    request_id: "req",
    body: {
      id: "chatcmpl",
      object: "chat.completion",
      model: `${body.model}-2024-07-18`, // the Batch API reports the dated snapshot
      choices: Array.from({ length: body.n ?? 1 }, (_, i) => ({ index: i, message: { role: "assistant", content: JSON.stringify(answerFor(body, i)) }, finish_reason: "stop" })),
      usage: { prompt_tokens: 20, completion_tokens: 8, total_tokens: 28 },
    },
  },
  error: null,
});

let dir: string | undefined;
let server: OpenAITestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe("Batch API export and import", () => {
  it("export → batch → import → replay gives the same answers as live calls, exporting only uncached requests", async () => {
    dir = await mkdtemp(join(tmpdir(), "understudy-batch-"));
    const cacheDir = join(dir, "cache");
    const rows = ["WIN $$$", "lunch at noon", "cheap $$$ pills", "minutes attached", "hello"];
    const requests = [...rows.map((r) => request(r)), request("three votes", 3), request("hello")];

    // One request is already answered live; the batch must not ask it again.
    server = await startOpenAITestServer({ respond: (body) => ({ content: answerFor(body) }) });
    const live = openaiTeacher({ model: "gpt-4o-mini", baseURL: server.baseURL, apiKey: "sk-test-SECRET-123", cacheDir, backoff: { baseMs: 1 } });
    const liveAnswer = await live.ask(requests[0]);

    const input = join(dir, "batch-input.jsonl");
    const exported = await exportBatch(live, requests, input);
    expect(exported).toMatchObject({ lines: 5, cached: 1, duplicates: 1 });
    const lines = (await readFile(input, "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ method: "POST", url: "/v1/chat/completions", body: { model: "gpt-4o-mini", response_format: { type: "json_schema" } } });
    expect(lines.every((l) => /^[0-9a-f]{64}$/.test(l.custom_id))).toBe(true);
    expect(lines.find((l) => l.body.n === 3)).toBeDefined();
    expect(await readFile(input, "utf8")).not.toContain("SECRET");

    const output = join(dir, "batch-output.jsonl");
    await runBatch(input, output, ok);
    const imported = await importBatch(output, { cacheDir });
    expect(imported).toEqual({ lines: 5, imported: 5, failed: [] });

    const replay = replayTeacher({ cacheDir });
    const replayed = await Promise.all(requests.map((r) => replay.ask(r)));
    expect(replay.model).toBe("gpt-4o-mini");
    expect(replayed.every((r) => r.ok && r.cached)).toBe(true);
    replayed.forEach((r, i) => {
      const expected = i === 5 ? answerFor({ messages: requests[5].messages } as ChatRequestBody, 0) : answerFor({ messages: requests[i].messages } as ChatRequestBody);
      expect(r.ok && r.data).toEqual(expected);
    });
    // the request answered live replays as exactly what the live run saw (only `cached` differs)
    expect({ ...replayed[0], cached: false }).toEqual(liveAnswer);
    expect(replayed[5]).toMatchObject({ ok: true, confidence: 1 / 3, confidenceSource: "self-consistency" }); // three different reasons
    // a live teacher on the same cache now pays for nothing
    const again = await Promise.all(requests.map((r) => live.ask(r)));
    expect(again.every((r) => r.ok && r.cached)).toBe(true);
    expect(server.requests).toHaveLength(1);
    // and a second export finds nothing left to do
    expect(await exportBatch(live, requests, join(dir, "again.jsonl"))).toMatchObject({ lines: 0, cached: 6 });
  });

  it("reports bad lines one by one and imports the rest", async () => {
    dir = await mkdtemp(join(tmpdir(), "understudy-batch-"));
    const cacheDir = join(dir, "cache");
    const requests = ["a $$$", "b", "c", "d", "e", "f"].map((r) => request(r));
    const input = join(dir, "in.jsonl");
    await exportBatch({ model: "gpt-4o-mini", cacheDir }, requests, input);
    const output = join(dir, "out.jsonl");
    await runBatch(input, output, (body, line) => {
      if (line === 1) return { response: null, error: { code: "batch_expired", message: "This request could not be executed before the completion window expired." } };
      if (line === 2) return { response: { status_code: 500, body: { error: { message: "server error" } } }, error: null };
      if (line === 3) {
        const reply = ok(body);
        reply.response.body.choices[0].message.content = '{"label":"eggs","reason":"x"}';
        return reply;
      }
      return ok(body);
    });
    await writeFile(output, `${await readFile(output, "utf8")}not json\n{"custom_id":"${"0".repeat(64)}","response":{"status_code":200,"body":{"choices":[]}}}\n`);
    const report = await importBatch(output, { cacheDir });
    expect(report.lines).toBe(8);
    expect(report.imported).toBe(3);
    expect(report.failed.map((f) => f.line)).toEqual([2, 3, 4, 7, 8]);
    expect(report.failed[0].reason).toContain("batch_expired");
    expect(report.failed[1].reason).toBe("response status 500");
    expect(report.failed[2].reason).toMatch(/^answer broke the schema: label: /);
    expect(report.failed[3].reason).toBe("not a JSON line");
    expect(report.failed[4].reason).toMatch(/unknown custom_id/);

    const replay = replayTeacher({ cacheDir });
    await expect(replay.ask(requests[0])).resolves.toMatchObject({ ok: true, data: { label: "spam" } });
    await expect(replay.ask(requests[1])).rejects.toMatchObject({ code: "not_cached", message: expect.stringContaining("run with a live teacher first or import a batch") });
    // exporting again asks only for the three that failed
    expect(await exportBatch({ model: "gpt-4o-mini", cacheDir }, requests, join(dir, "retry.jsonl"))).toMatchObject({ lines: 3, cached: 3 });
  });

  it("refuses a target without a cache and an unreadable output file", async () => {
    await expect(exportBatch({ model: "m", cacheDir: undefined }, [], "/tmp/x.jsonl")).rejects.toMatchObject({ code: "bad_batch", message: messages.llm.batchTarget() });
    await expect(importBatch("/nonexistent/out.jsonl", { cacheDir: "/tmp/none" })).rejects.toMatchObject({
      code: "file_not_found",
      message: expect.stringContaining("/nonexistent/out.jsonl"),
    });
  });
});
