// Runs the `understudy` command from source in a child process (not a test file itself).
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** What one run of the command gave back. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stderr's non-empty lines. */
  errorLines: string[];
}

/**
 * Runs `understudy <args>` (src/cli/main.ts through tsx) with no LLM configured, unless `env`
 * sets one, so the tests never reach a real endpoint.
 */
export function runCli(args: string[], options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  const env: Record<string, string | undefined> = { ...process.env, OPENAI_API_KEY: "", OPENAI_BASE_URL: "", UNDERSTUDY_MODEL: "", ...options.env };
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url)), ...args],
      { cwd: options.cwd ?? repoRoot, env, timeout: options.timeoutMs ?? 120_000, maxBuffer: 1 << 26 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : NaN) : 0;
        if (error && Number.isNaN(code)) return reject(error);
        resolve({ code, stdout, stderr, errorLines: stderr.split("\n").filter((l) => l.trim() !== "") });
      },
    );
  });
}
