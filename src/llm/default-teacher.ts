import { openaiTeacher, type OpenAITeacher, type OpenAITeacherOptions } from "./openai-teacher.ts";
import { readEnv } from "../core/deno-permission.ts";

/**
 * The teacher the environment configures, or undefined when it configures none.
 * `UNDERSTUDY_MODEL` names the model (default "gpt-4o-mini" when a key is set);
 * `OPENAI_API_KEY` is the key; `OPENAI_BASE_URL` points at any OpenAI-compatible server (a
 * local one needs no key, but then `UNDERSTUDY_MODEL` must name the model). With neither a key
 * nor a base URL set (or a base URL alone, no model named) this returns undefined and `distill()` falls
 * back to the gold labels in its `target` column. `options` are passed on (cacheDir, budget, ...).
 *
 * @example
 * // OPENAI_API_KEY=sk-... UNDERSTUDY_MODEL=gpt-4o-mini
 * const teacher = defaultTeacher({ cacheDir: ".understudy-cache" }); // undefined without configuration
 */
export function defaultTeacher(options: Partial<OpenAITeacherOptions> = {}): OpenAITeacher | undefined {
  const apiKey = options.apiKey ?? readEnv("OPENAI_API_KEY");
  const baseURL = options.baseURL ?? readEnv("OPENAI_BASE_URL");
  const model = options.model ?? readEnv("UNDERSTUDY_MODEL");
  if (!apiKey && !baseURL) return undefined;
  if (!model && !apiKey) return undefined; // a bare local server with no model named cannot be guessed
  return openaiTeacher({ ...options, model: model ?? "gpt-4o-mini", apiKey, baseURL });
}
