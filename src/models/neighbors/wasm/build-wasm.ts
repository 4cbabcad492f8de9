// Rebuilds the WebAssembly modules of the k-NN search from their .wat sources:
//   npx tsx src/models/neighbors/wasm/build-wasm.ts
// Each `<name>.wat` beside this file becomes `<name>-bytes.ts` (the module as base64), which
// the library imports; test/models/neighbors-wasm.test.ts fails when the two disagree.
import { readFileSync, writeFileSync } from "node:fs";
import { assembleWat } from "./assemble-wat.ts";
import { wasmBytesModule } from "./wasm-bytes-module.ts";

for (const name of ["dot-kernel"]) {
  const source = new URL(`./${name}.wat`, import.meta.url);
  const bytes = assembleWat(readFileSync(source, "utf8"));
  writeFileSync(new URL(`./${name}-bytes.ts`, import.meta.url), wasmBytesModule(`${name}.wat`, bytes));
  console.log(`${name}.wat → ${name}-bytes.ts (${bytes.length} bytes)`);
}
