import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { distill } from "../../src/distill.ts";
import { openaiTeacher } from "../../src/llm/openai-teacher.ts";
import { replayTeacher } from "../../src/llm/replay-teacher.ts";
import { Understudy } from "../../src/understudy/understudy.ts";
import { spamSample } from "../features/spam-sample.ts";
import { startOpenAITestServer, type OpenAITestServer } from "../support/openai-test-server.ts";
import { contentHash, scriptedLLM } from "./scripted-llm.ts";

// A replay of an LLM run is that LLM again: concepts on, the same requests answered from the
// cache, so the same model, bit for bit. Answers come back in a different order than asked
// (each reply waits 0–5 ms by its content), as with a real server under concurrency.
describe("distill over replayTeacher({ cacheDir }) of an LLM run", () => {
  const emails = spamSample(160, 5);
  const goldOf = new Map(emails.map((e) => [e.text, e.label]));
  const task = "Is this email spam?";
  const options = { data: emails, task, labels: ["spam", "ham"], text: "text", target: "label", seed: 3 };
  const teacherOptions = { model: "test-model", apiKey: "sk-test", maxRetries: 2, backoff: { baseMs: 1, maxMs: 2 }, prices: { "test-model": { input: 0.15, output: 0.6 } } };
  const cacheDir = mkdtempSync(join(tmpdir(), "understudy-replay-"));
  let server: OpenAITestServer;
  let live: Understudy;
  let replay: Understudy;
  let liveRequests: number;
  let restore: ReturnType<typeof setLogger>;
  beforeAll(async () => {
    restore = setLogger({ warn: () => {}, info: () => {} });
    const scripted = scriptedLLM((content) => goldOf.get(content) ?? "ham", ["spam", "ham"]);
    server = await startOpenAITestServer({
      respond: async (body) => {
        await new Promise((r) => setTimeout(r, contentHash(JSON.stringify(body.messages)) % 6));
        return scripted(body);
      },
    });
    live = await distill({ ...options, teacher: openaiTeacher({ ...teacherOptions, baseURL: server.baseURL, cacheDir }) });
    liveRequests = server.requests.length;
    replay = await distill({ ...options, teacher: replayTeacher({ cacheDir }) });
  }, 180_000);
  afterAll(async () => {
    await server.close();
    rmSync(cacheDir, { recursive: true, force: true });
    setLogger(restore);
  });

  it("the live run used LLM concepts (so the replay has something to rebuild)", () => {
    expect(live.metadata.teacher.kind).toBe("llm");
    expect(live.featurizer.lineage.filter((l) => l.source === "concept").length).toBeGreaterThan(0);
    expect(live.stats.teacherCalls).toBeGreaterThan(0);
  });

  it("rebuilds the same model: identical predictions and probabilities on every row", () => {
    expect(replay.predict(emails)).toEqual(live.predict(emails));
    expect(replay.predictProba(emails)).toEqual(live.predictProba(emails));
  });

  it("has the same features and the same model JSON", () => {
    expect(replay.featurizer.lineage.map((l) => l.name)).toEqual(live.featurizer.lineage.map((l) => l.name));
    expect(replay.toJSON().featurizer).toEqual(live.toJSON().featurizer);
    expect(replay.toJSON().model).toEqual(live.toJSON().model);
    expect(replay.metadata.modelChoice).toEqual(live.metadata.modelChoice);
  });

  it("saves and loads like any run: the replayed bundle round-trips with identical predictions", () => {
    const restored = Understudy.fromJSON(JSON.parse(JSON.stringify(replay.toJSON())));
    expect(restored.metadata.teacher.kind).toBe("replay");
    expect(restored.predict(emails)).toEqual(live.predict(emails));
  });

  it("pays for nothing: no request reached the server, every answer was a cache hit", () => {
    expect(server.requests.length).toBe(liveRequests);
    expect(replay.stats.teacherCalls).toBe(0);
    expect(replay.stats.costUSD).toBe(0);
    expect(replay.stats.cacheHits).toBe(live.stats.teacherCalls + live.stats.cacheHits);
  });

  it("says it is a replay of that model's answers, in the metadata and the report", async () => {
    expect(replay.metadata.teacher.kind).toBe("replay");
    expect(replay.stats.teacherKind).toBe("replay");
    expect(replay.metadata.teacher.replays).toEqual({ kind: "llm", model: "test-model", cacheDir });
    expect(replay.metadata.teacher.model).toBe("test-model");
    expect(replay.metadata.teacher.note).toContain(`Replayed from the cached answers of test-model (${cacheDir})`);
    expect(replay.metadata.reproduce!.call).toBe(
      `distill({ data: <160 rows in memory>, task: "Is this email spam?", labels: ["spam", "ham"], text: "text", target: "label", seed: 3, teacher: replayTeacher({ cacheDir: ${JSON.stringify(cacheDir)} }) })`,
    );
    expect(live.metadata.reproduce!.call).toContain('teacher: openaiTeacher({ model: "test-model" })');
    expect(live.metadata.reproduce!.call).not.toContain("sk-test");
    const md = await replay.report({ format: "md" });
    expect(md).toContain("Replayed from the cached answers of test-model");
  });
});
