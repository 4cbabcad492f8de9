import process from "node:process";
import { UnderstudyError } from "../core/errors.ts";
import { defaultTeacher } from "../llm/default-teacher.ts";
import type { Teacher } from "../llm/teacher.ts";

/** Who teaches: "auto" = the LLM the environment configures, else the gold labels. */
export type TeacherMode = "auto" | "llm" | "gold";

/** Where to tell people to look when no LLM is configured. */
export const LLM_SETUP = "set OPENAI_API_KEY (or OPENAI_BASE_URL for a local OpenAI-compatible server) and UNDERSTUDY_MODEL";

/**
 * The teacher of a CLI run, and one line that says who teaches. With mode "gold" (or "auto"
 * and no LLM configured) there is no teacher and the `target` column's gold labels teach.
 *
 * @example
 * const { teacher, line } = resolveTeacher("auto", ".understudy-cache", "label");
 * console.log(line); // "Teacher: gold labels from column "label" (no LLM configured: ...)"
 */
export function resolveTeacher(mode: TeacherMode, cacheDir: string, target: string | undefined): { teacher?: Teacher; line: string } {
  if (mode === "gold") {
    // distill() falls back to the environment's LLM when given no teacher; a CLI process does
    // one run, so forgetting the configuration here is what makes the gold labels teach.
    for (const name of ["OPENAI_API_KEY", "OPENAI_BASE_URL"]) delete process.env[name];
  }
  const teacher = mode === "gold" ? undefined : defaultTeacher({ cacheDir });
  if (teacher) {
    const where = process.env.OPENAI_BASE_URL?.trim() ? ` at ${process.env.OPENAI_BASE_URL.trim()}` : "";
    return { teacher, line: `Teacher: the LLM ${teacher.model}${where} (answers cached in ${cacheDir}).` };
  }
  if (mode === "llm") throw new UnderstudyError("no_teacher", `no LLM is configured: ${LLM_SETUP}.`);
  if (!target) throw new UnderstudyError("no_teacher", `no teacher: ${LLM_SETUP}, or pass --target with a column of known labels.`);
  const why = mode === "gold" ? "--teacher gold" : `no LLM configured; ${LLM_SETUP} to distill from one`;
  return { line: `Teacher: the gold labels in column "${target}" (${why}).` };
}
