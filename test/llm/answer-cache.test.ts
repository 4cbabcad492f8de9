import { messages } from "../../src/core/messages/index.ts";
import { execFile, spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { AnswerCache, type CacheEntry } from "../../src/llm/answer-cache.ts";
import { openaiTeacher } from "../../src/llm/openai-teacher.ts";
import { replayTeacher } from "../../src/llm/replay-teacher.ts";
import { startOpenAITestServer, type OpenAITestServer } from "../support/openai-test-server.ts";

const run = promisify(execFile);
let dir: string | undefined;
let server: OpenAITestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

const entry = (key: string, content: string): CacheEntry => ({
  version: 1,
  key,
  model: "m",
  request: { messages: [{ role: "user", content: "x" }], schemaName: "a", temperature: 0, logprobs: false, samples: 1 },
  choices: [{ content }],
  complete: true,
  usage: { promptTokens: 1, completionTokens: 1 },
  source: "live",
  createdAt: "2026-01-01T00:00:00.000Z",
});

describe("AnswerCache", () => {
  it("stores one file per key, reads it back, ignores torn or foreign files and leaves no temp files", async () => {
    dir = await mkdtemp(join(tmpdir(), "understudy-cache-"));
    const cache = new AnswerCache(dir);
    const key = "ab".padEnd(64, "0");
    expect(await cache.get(key)).toBeUndefined();
    await Promise.all(Array.from({ length: 20 }, (_, i) => cache.put(entry(key, `{"n":${i}}`))));
    const stored = await cache.get(key);
    expect(stored?.choices[0].content).toMatch(/^\{"n":\d+\}$/); // one whole write won
    const files = await readdir(join(dir, "answers", "ab"));
    expect(files).toEqual([`${key}.json`]);
    expect(await cache.models()).toEqual(["m"]);
    await expect(cache.get("../../etc/passwd")).rejects.toMatchObject({ code: "bad_cache", message: messages.llm.cacheKey("../../etc/passwd") });
    // a torn or foreign file is a miss (and is rewritten by the next answer), not a crash
    const other = "cd".padEnd(64, "1");
    await cache.put(entry(other, "{}"));
    await writeFile(join(dir, "answers", "cd", `${other}.json`), '{"version":1,"key":"cd');
    expect(await cache.get(other)).toBeUndefined();
  });

  it("two processes writing the same cache directory at once do not corrupt it", async () => {
    dir = await mkdtemp(join(tmpdir(), "understudy-cache-"));
    server = await startOpenAITestServer({
      respond: async (body) => {
        await new Promise((resolve) => setTimeout(resolve, 2));
        return { content: { label: Number(/row (\d+)/.exec(body.messages[0].content)![1]) % 2 ? "odd" : "even" } };
      },
    });
    const script = join(import.meta.dirname, "cache-writer-process.ts");
    const [a, b] = await Promise.all(
      ["forward", "reverse"].map((order) => run(process.execPath, ["--import", "tsx", script, server!.baseURL, dir!, "60", order], { timeout: 60_000 })),
    );
    const resultA = JSON.parse(a.stdout);
    const resultB = JSON.parse(b.stdout);
    expect(resultA.ok).toBe(60);
    expect(resultB.ok).toBe(60);
    // Each key was paid at least once, at most once per process.
    expect(server.requests.length).toBeGreaterThanOrEqual(60);
    expect(server.requests.length).toBeLessThanOrEqual(120);
    expect(resultA.calls + resultB.calls).toBe(server.requests.length);

    const names = (await readdir(join(dir, "answers"), { recursive: true })).filter((n) => n.includes("."));
    expect(names.filter((n) => n.endsWith(".tmp"))).toEqual([]);
    expect(names).toHaveLength(60);
    for (const name of names) JSON.parse(await readFile(join(dir, "answers", name), "utf8"));
    const replay = replayTeacher({ cacheDir: dir });
    const schema = z.object({ label: z.enum(["even", "odd"]) });
    for (let i = 0; i < 60; i++) {
      const result = await replay.ask({ messages: [{ role: "user", content: `row ${i}` }], schemaName: "label", schema });
      expect(result).toMatchObject({ ok: true, data: { label: i % 2 ? "odd" : "even" } });
    }
  });

  it("a process killed (SIGKILL) mid-run resumes without re-asking anything it had cached", async () => {
    dir = await mkdtemp(join(tmpdir(), "understudy-cache-"));
    const label = (content: string) => (Number(/row (\d+)/.exec(content)![1]) % 2 ? "odd" : "even");
    server = await startOpenAITestServer({
      respond: async (body) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return { content: { label: label(body.messages[0].content) } };
      },
    });
    const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "cache-writer-process.ts"), server.baseURL, dir, "60", "forward"]);
    const exited = new Promise((resolve) => child.on("exit", resolve));
    while (server.requests.length < 20) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill("SIGKILL");
    await exited;
    const askedByChild = server.requests.length;
    expect(askedByChild).toBeLessThan(60);
    // What the child kept: its entries, and any temp file it wrote whole but was killed before
    // renaming (the next start completes those, so they count as kept).
    const cachedRows = new Set<string>();
    for (const name of (await readdir(join(dir, "answers"), { recursive: true })).filter((n) => n.endsWith(".json") || n.endsWith(".tmp"))) {
      let entry: CacheEntry;
      try {
        entry = JSON.parse(await readFile(join(dir, "answers", name), "utf8")) as CacheEntry;
      } catch {
        continue; // a torn temp file: removed at the next start, its row asked again
      }
      if (entry.complete) cachedRows.add(entry.request.messages[0].content);
    }
    expect(cachedRows.size).toBeGreaterThan(0);

    const resumed = openaiTeacher({ model: "shared", baseURL: server.baseURL, apiKey: "sk-test-SECRET-123", cacheDir: dir, concurrency: 4, prices: { shared: { input: 0, output: 0 } } });
    const schema = z.object({ label: z.enum(["even", "odd"]) });
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => resumed.ask({ messages: [{ role: "user", content: `row ${i}` }], schemaName: "label", schema })),
    );
    results.forEach((r, i) => expect(r).toMatchObject({ ok: true, data: { label: i % 2 ? "odd" : "even" } }));
    const askedAgain = server.requests.slice(askedByChild).map((r) => r.body.messages[0].content);
    expect(askedAgain.filter((row) => cachedRows.has(row))).toEqual([]);
    expect(resumed.stats.cacheHits).toBe(cachedRows.size);
    // only calls in flight at the kill (at most `concurrency` = 4) were lost and asked again
    expect(askedByChild - cachedRows.size).toBeLessThanOrEqual(4);
  });
});
