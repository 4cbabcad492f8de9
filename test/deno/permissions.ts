// Run by permissions.test.ts under `deno run --no-prompt` with only some permissions: each
// feature that needs a missing one fails with an UnderstudyError naming the --allow-* flag.
declare const Deno: { args: string[] };
import { distill, loadTable, openaiTeacher } from "../../src/index.ts";

const rows = Array.from({ length: 40 }, (_, i) => ({ x: i % 10, y: i % 7, label: i % 10 < 5 ? "low" : "high" }));
async function attempt(name: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
    console.log(JSON.stringify({ name, ok: true }));
  } catch (e) {
    const error = e as { code?: string; message?: string };
    console.log(JSON.stringify({ name, code: error.code, message: error.message }));
  }
}
const which = Deno.args[0];
if (which === "env") await attempt("env", () => distill({ data: rows, task: "High or low?", labels: ["low", "high"], target: "label" }));
if (which === "read") await attempt("read", () => loadTable("test/fixtures/data/people.csv"));
if (which === "net") await attempt("net", () => distill({
  data: rows, task: "High or low?", labels: ["low", "high"], concepts: false, expressions: false,
  teacher: openaiTeacher({ model: "m", baseURL: "http://127.0.0.1:59999/v1", apiKey: "k", maxRetries: 0, cacheDir: Deno.args[1] }),
}));
