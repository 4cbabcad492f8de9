import { UnderstudyError } from "./errors.ts";
import { messages } from "./messages/index.ts";

/** The Deno flag a feature needs: what it reads, writes, calls or loads. */
export type DenoFlag = "--allow-env" | "--allow-read" | "--allow-write" | "--allow-net" | "--allow-ffi" | "--allow-sys";

/**
 * True when `error` is Deno refusing a permission (`NotCapable` in Deno 2, `PermissionDenied`
 * before): the run was started without the `--allow-*` flag the feature needs.
 *
 * @example
 * try { process.env.OPENAI_API_KEY; } catch (e) { isDenoPermissionError(e); } // true under `deno run` without --allow-env
 */
export function isDenoPermissionError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === "NotCapable" || name === "PermissionDenied";
}

/**
 * Deno's permission error as one UnderstudyError that names the flag to add, so a user reads
 * `run Deno with --allow-env` instead of a bare `NotCapable`; any other error is returned as it is.
 *
 * @example
 * try { await readFile(path); } catch (e) { throw withDenoFlag(e, "--allow-read", `reading ${path}`); }
 */
export function withDenoFlag(error: unknown, flag: DenoFlag, what: string): unknown {
  if (!isDenoPermissionError(error)) return error;
  return new UnderstudyError("missing_permission", messages.core.denoPermission(flag, what, (error as Error).message), { cause: error });
}

/**
 * Reads an environment variable (trimmed; blank counts as unset). Under Deno without
 * `--allow-env` it throws one UnderstudyError naming the flag.
 *
 * @example
 * readEnv("OPENAI_API_KEY"); // "sk-…" or undefined
 */
export function readEnv(name: string): string | undefined {
  let value: string | undefined;
  try {
    value = process.env[name];
  } catch (error) {
    throw withDenoFlag(error, "--allow-env", `reading the environment variable ${name}`);
  }
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
