// Runs the `understudy` command, bin/understudy.js, in a child process (not a test file itself).
import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** tsx's loader by absolute path, so the command also runs from a folder outside the checkout. */
export const tsxLoader = pathToFileURL(join(repoRoot, "node_modules", "tsx", "dist", "loader.mjs")).href;

/** What one run of the command gave back. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stderr's non-empty lines. */
  errorLines: string[];
}

/**
 * Runs `understudy <args>` as a user does, through bin/understudy.js (on the sources, with
 * tsx, so no stale build is tested), with no LLM configured unless `env` sets one, so the
 * tests never reach a real endpoint. `stdin` is piped to the command.
 */
export function runCli(args: string[], options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number; stdin?: string } = {}): Promise<CliRun> {
  const env: Record<string, string | undefined> = { ...process.env, OPENAI_API_KEY: "", OPENAI_BASE_URL: "", UNDERSTUDY_MODEL: "", UNDERSTUDY_CLI_SOURCE: "1", ...options.env };
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ["--import", tsxLoader, fileURLToPath(new URL("../../bin/understudy.js", import.meta.url)), ...args],
      { cwd: options.cwd ?? repoRoot, env, timeout: options.timeoutMs ?? 120_000, maxBuffer: 1 << 26 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : NaN) : 0;
        if (error && Number.isNaN(code)) return reject(error);
        resolve({ code, stdout, stderr, errorLines: stderr.split("\n").filter((l) => l.trim() !== "") });
      },
    );
    child.stdin?.end(options.stdin ?? "");
  });
}
