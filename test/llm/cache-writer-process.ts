// A second process for answer-cache.test.ts: asks `count` label requests (in reverse order when
// told) through openaiTeacher against the test server, sharing the cache directory.
import process from "node:process";
import { z } from "zod";
import { openaiTeacher } from "../../src/llm/openai-teacher.ts";

const [baseURL, cacheDir, count, order] = process.argv.slice(2);
const teacher = openaiTeacher({ model: "shared", baseURL, apiKey: "sk-test-SECRET-123", cacheDir, concurrency: 4, backoff: { baseMs: 1 }, prices: { shared: { input: 0, output: 0 } } });
const indices = Array.from({ length: Number(count) }, (_, i) => i);
if (order === "reverse") indices.reverse();
const results = await Promise.all(
  indices.map((i) =>
    teacher.ask({ messages: [{ role: "user", content: `row ${i}` }], schemaName: "label", schema: z.object({ label: z.enum(["even", "odd"]) }) }),
  ),
);
process.stdout.write(JSON.stringify({ ok: results.filter((r) => r.ok).length, calls: teacher.stats.teacherCalls, hits: teacher.stats.cacheHits }));
