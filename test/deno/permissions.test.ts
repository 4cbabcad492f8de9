import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const deno = `${root}node_modules/.bin/deno`;

// Deno grants nothing by default: a feature run without the permission it needs says which
// --allow-* flag to add (the README's Deno section lists them), not a bare NotCapable.
describe("Deno without a permission a feature needs", () => {
  it("names the flag: --allow-env for the default teacher, --allow-read for a file, --allow-net for an LLM", () => {
    expect(existsSync(deno), "the deno npm package is a devDependency; run npm install").toBe(true);
    // Enough to import the library (its own files and node_modules); the LLM case also gets env
    // and its cache folder, everything but the network.
    const lib = `${root}src,${root}node_modules`;
    const cache = mkdtempSync(join(tmpdir(), "deno-perm-"));
    const run = (which: string, permissions: string[]) => JSON.parse(execFileSync(deno, ["run", "--no-prompt", "--quiet", ...permissions, "test/deno/permissions.ts", which, cache], {
      cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 120_000,
    }).trim().split("\n").at(-1)!);
    const results = {
      env: run("env", [`--allow-read=${lib}`]),
      read: run("read", [`--allow-read=${lib}`]),
      net: run("net", ["--allow-env", `--allow-read=${lib},${cache}`, `--allow-write=${cache}`]),
    };
    rmSync(cache, { recursive: true, force: true });
    for (const [name, flag] of [["env", "--allow-env"], ["read", "--allow-read"], ["net", "--allow-net"]] as const) {
      expect(results[name], name).toMatchObject({ code: "missing_permission" });
      expect(results[name].message, name).toContain(`run Deno with ${flag}`);
    }
    expect(results.env.message).toBe(messages.core.denoPermission("--allow-env", "reading the environment variable OPENAI_API_KEY", results.env.message.match(/\((.*)\); run Deno/)[1]));
  });
});
