import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bundleSignature } from "../../src/understudy/bundle-signature.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("bundle signatures under Deno 2", () => {
  it("are the same as under Node, for a string key and for the same key as bytes", () => {
    const stdout = execFileSync(`${root}node_modules/.bin/deno`, ["run", "--allow-all", "--quiet", "test/understudy/deno-signature.ts"], {
      cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000,
    });
    const fromDeno = JSON.parse(stdout.trim().split("\n").at(-1)!);
    const bundle = { format: "understudy", version: 2, hashes: { model: "sha256:00" }, metadata: { task: "é?", n: [1.5, null] } };
    expect(fromDeno.text).toBe(bundleSignature(bundle, "k3y"));
    expect(fromDeno.bytes).toBe(fromDeno.text);
  });
});
