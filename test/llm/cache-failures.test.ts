import { spawnSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { openaiTeacher } from "../../src/index.ts";
import { startOpenAITestServer, type OpenAITestServer } from "../support/openai-test-server.ts";

// The cache is checked before the first paid call; a cache that breaks mid-run loses nothing
// paid for in this run and says how much a rerun would pay again; a killed run's temp files
// are finished on the next start.
const ask = (row: string) => ({ messages: [{ role: "user" as const, content: `row ${row}` }], schemaName: "label", schema: z.object({ label: z.string() }) });
const settings = { model: "m", apiKey: "sk-x", prices: { m: { input: 0, output: 0 } }, backoff: { baseMs: 1, maxMs: 1 } };

let dir: string;
let server: OpenAITestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});
async function start(): Promise<OpenAITestServer> {
  dir = await mkdtemp(join(tmpdir(), "understudy-cache-failures-"));
  return (server = await startOpenAITestServer({ respond: (body) => ({ content: { label: body.messages[0].content } }) }));
}
const tempFiles = async (root: string) => (await readdir(root, { recursive: true })).filter((n) => n.endsWith(".tmp"));

describe("openaiTeacher with a cache that cannot be written", () => {
  it("rejects with bad_cache before the first paid call when the cache directory cannot be created", async () => {
    const s = await start();
    await writeFile(join(dir, "a-file"), "not a directory");
    const teacher = openaiTeacher({ ...settings, baseURL: s.baseURL, cacheDir: join(dir, "a-file", "cache") });
    await expect(teacher.ask(ask("1"))).rejects.toMatchObject({ code: "bad_cache" });
    expect(s.requests).toHaveLength(0);
    expect(teacher.stats.teacherCalls).toBe(0);
  });

  it("a cache lost mid-run: answers stay in memory for the run, and stats.unsavedAnswers counts them", async () => {
    const s = await start();
    const cacheDir = join(dir, "cache");
    const teacher = openaiTeacher({ ...settings, baseURL: s.baseURL, cacheDir });
    expect((await teacher.ask(ask("1"))).ok).toBe(true);
    expect(teacher.stats.unsavedAnswers).toBeUndefined();
    await rm(cacheDir, { recursive: true });
    await writeFile(cacheDir, "the directory is gone"); // every later write fails
    const later = await Promise.all(["2", "3", "2"].map((r) => teacher.ask(ask(r))));
    expect(later.map((r) => r.ok && r.data.label)).toEqual(["row 2", "row 3", "row 2"]);
    expect(teacher.stats.unsavedAnswers).toBe(2);
    const calls = s.requests.length;
    expect(await teacher.ask(ask("3"))).toMatchObject({ ok: true, cached: true }); // from memory, not paid again
    expect(s.requests).toHaveLength(calls);
    expect(teacher.stats.teacherCalls).toBe(3);
  });

  it("finishes a killed run's temp files on the next start: a whole entry is kept, a torn one removed", async () => {
    const s = await start();
    const cacheDir = join(dir, "cache");
    const first = openaiTeacher({ ...settings, baseURL: s.baseURL, cacheDir });
    await first.ask(ask("whole"));
    await first.ask(ask("torn"));
    const answers = join(cacheDir, "answers");
    const files = (await readdir(answers, { recursive: true })).filter((n) => n.endsWith(".json"));
    const dead = spawnSync(process.execPath, ["-e", ""]).pid; // a writer that no longer runs
    const [whole, torn] = await Promise.all(files.map(async (f) => [f, JSON.parse(await readFile(join(answers, f), "utf8")).request.messages[0].content] as const))
      .then((pairs) => ["row whole", "row torn"].map((c) => pairs.find(([, content]) => content === c)![0]));
    await rename(join(answers, whole), join(answers, `${whole}.${dead}.0a1b2c.tmp`));
    const tornText = await readFile(join(answers, torn), "utf8");
    await rm(join(answers, torn));
    await writeFile(join(answers, `${torn}.${dead}.3d4e5f.tmp`), tornText.slice(0, tornText.length / 2));
    const calls = s.requests.length;

    const next = openaiTeacher({ ...settings, baseURL: s.baseURL, cacheDir });
    expect(await next.ask(ask("whole"))).toMatchObject({ ok: true, cached: true });
    expect(s.requests).toHaveLength(calls);
    expect(await next.ask(ask("torn"))).toMatchObject({ ok: true, cached: false });
    expect(await tempFiles(answers)).toEqual([]);
  });
});
