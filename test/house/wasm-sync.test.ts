// Every WebAssembly kernel the library ships is its .wat source assembled by WABT: the
// generated `-bytes.ts` beside each .wat must be exactly what scripts/build-wasm.ts writes now.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { assembleWat, bytesModulePath, bytesModuleText, watSources } from "../../scripts/build-wasm.ts";
import { compileWasm } from "../../src/core/compile-wasm.ts";

const root = new URL("../../", import.meta.url);

describe("WebAssembly kernels", () => {
  it("finds the kernels of the linear models, the k-NN search, the tree builder and the forest walk", () => {
    expect(watSources()).toEqual([
      "src/models/linear/wasm/gram.wat",
      "src/models/neighbors/wasm/dot-kernel.wat",
      "src/models/tree/wasm/forest-walk.wat",
      "src/models/tree/wasm/segment-partition.wat",
    ]);
  });

  for (const wat of watSources()) {
    it(`${wat}: the generated module is up to date and compiles`, async () => {
      const bytes = await assembleWat(wat);
      const text = readFileSync(new URL(bytesModulePath(wat), root), "utf8");
      expect(text).toBe(bytesModuleText(wat, bytes));
      const base64 = [...text.matchAll(/"([A-Za-z0-9+/=]+)"/g)].map((m) => m[1]).join("");
      expect(compileWasm(base64)).toBeInstanceOf(WebAssembly.Module);
    });
  }

  it("compileWasm returns null for bytes the engine cannot run, so callers take their JavaScript path", () => {
    expect(compileWasm(btoa("not wasm"))).toBeNull();
  });
});
