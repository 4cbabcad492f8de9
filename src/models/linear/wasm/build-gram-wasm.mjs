// Rebuilds gram-wasm.ts (the module's bytes, base64) from gram.wat with WABT's wat2wasm
// compiled to JavaScript (npm package `wabt`, 1.0.39 when this was written):
//   npm install --no-save wabt@1.0.39 && node src/models/linear/wasm/build-gram-wasm.mjs
// The output is deterministic: the same .wat gives the same bytes.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(process.env.WABT_FROM ?? import.meta.url);
const wabt = await require("wabt")();
const source = readFileSync(join(here, "gram.wat"), "utf8");
const module = wabt.parseWat("gram.wat", source, { simd: true, bulk_memory: true });
module.validate();
const { buffer } = module.toBinary({});
const base64 = Buffer.from(buffer).toString("base64");
const lines = base64.match(/.{1,96}/g).map((l) => `  "${l}"`).join(" +\n");
writeFileSync(
  join(here, "gram-wasm.ts"),
  `// Generated from gram.wat by build-gram-wasm.mjs (${buffer.length} bytes); do not edit by hand.\n` +
    `/** The compiled gram.wat, base64. */\nexport const GRAM_WASM_BASE64 =\n${lines};\n`,
);
console.log(`gram-wasm.ts: ${buffer.length} bytes`);
