// Rebuilds every WebAssembly kernel of the library from its text source:
//   npx tsx scripts/build-wasm.ts
// Each `src/**/<name>.wat` becomes `<name>-bytes.ts` beside it (the module as base64), which the
// library imports. Assembled by WABT's wat2wasm (npm package `wabt`, a dev dependency): the same
// .wat gives the same bytes. test/house/wasm-sync.test.ts fails when a generated file is stale.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import wabtFactory from "wabt";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Every .wat file under src/, as paths relative to the repository root, sorted. */
export function watSources(): string[] {
  return (readdirSync(join(root, "src"), { recursive: true }) as string[])
    .filter((f) => f.endsWith(".wat"))
    .map((f) => join("src", f))
    .sort();
}

/** The module a .wat file assembles to (SIMD and bulk memory on), validated. */
export async function assembleWat(path: string): Promise<Uint8Array> {
  const wabt = await wabtFactory();
  const module = wabt.parseWat(path, readFileSync(join(root, path), "utf8"), { simd: true, bulk_memory: true });
  try {
    module.validate();
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}

/** The generated module's path for a .wat path: `x/name.wat` → `x/name-bytes.ts`. */
export function bytesModulePath(watPath: string): string {
  return watPath.replace(/\.wat$/, "-bytes.ts");
}

/** The text of the generated TypeScript module holding `bytes` as base64. */
export function bytesModuleText(watPath: string, bytes: Uint8Array): string {
  const lines = Buffer.from(bytes).toString("base64").match(/.{1,96}/g) ?? [];
  return [
    `// Generated from ${watPath.split("/").pop()} by scripts/build-wasm.ts (${bytes.length} bytes): do not edit; edit the .wat and rebuild.`,
    "/** The assembled module, base64 (load it with `compileWasm`). */",
    "export const WASM_BASE64 =",
    lines.map((l) => `  "${l}"`).join(" +\n") + ";",
    "",
  ].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const wat of watSources()) {
    const bytes = await assembleWat(wat);
    writeFileSync(join(root, bytesModulePath(wat)), bytesModuleText(wat, bytes));
    console.log(`${wat} → ${relative(root, join(root, bytesModulePath(wat)))} (${bytes.length} bytes)`);
  }
}
