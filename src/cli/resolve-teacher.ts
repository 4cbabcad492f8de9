import { readEnv } from "../core/deno-permission.ts";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { defaultTeacher } from "../llm/default-teacher.ts";
import { replayTeacher } from "../llm/replay-teacher.ts";
import { scrubSecrets } from "../llm/scrub-secrets.ts";
import type { Teacher } from "../llm/teacher.ts";

/** Who teaches: "auto" = the LLM the environment configures, else the gold labels; "replay" = the LLM answers in the cache only. */
export type TeacherMode = "auto" | "llm" | "gold" | "replay";

/** Where to tell people to look when no LLM is configured. */
const LLM_SETUP = "set OPENAI_API_KEY (or OPENAI_BASE_URL for a local OpenAI-compatible server) and UNDERSTUDY_MODEL";

/**
 * The teacher of a CLI run, and one line that says who teaches. With mode "gold" (or "auto"
 * and no LLM configured) the teacher is `false`: distill then lets the `target` column's gold
 * labels teach, and never asks an LLM even when OPENAI_* variables are set. With "replay" the
 * LLM's answers already in `cacheDir` teach (e.g. after `understudy label --import`): nothing
 * is asked or paid, and a request not in the cache is an error.
 *
 * @example
 * const { teacher, line } = resolveTeacher("auto", ".understudy-cache", "label");
 * console.log(line); // "Teacher: the gold labels in column "label" (no LLM configured; ...)"
 * await distill({ data, task, labels, target: "label", teacher });
 */
export function resolveTeacher(mode: TeacherMode, cacheDir: string, target: string | undefined): { teacher: Teacher | false; line: string } {
  if (mode === "replay") {
    const model = readEnv("UNDERSTUDY_MODEL") || undefined;
    return { teacher: replayTeacher({ cacheDir, ...(model ? { model } : {}) }), line: `Teacher: the LLM${model ? ` ${model}` : ""} answers cached in ${cacheDir}, replayed (nothing is asked or paid).` };
  }
  const teacher = mode === "gold" ? undefined : defaultTeacher({ cacheDir });
  if (teacher) {
    const baseURL = readEnv("OPENAI_BASE_URL");
    const where = baseURL ? ` at ${scrubSecrets(baseURL)}` : "";
    return { teacher, line: `Teacher: the LLM ${teacher.model}${where} (answers cached in ${cacheDir}).` };
  }
  if (mode === "llm") throw new UnderstudyError("no_teacher", messages.cli.noLLM());
  if (!target) throw new UnderstudyError("no_teacher", messages.cli.noTeacher());
  const why = mode === "gold" ? "--teacher gold" : `no LLM configured; ${LLM_SETUP} to distill from one`;
  return { teacher: false, line: `Teacher: the gold labels in column "${target}" (${why}).` };
}
