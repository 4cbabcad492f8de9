/**
 * The text of a generated TypeScript module holding an assembled WebAssembly module as
 * base64 (written by build-wasm.ts; the sync test compares it with a fresh assembly).
 *
 * @example
 * wasmBytesModule("dot-kernel.wat", assembleWat(text)); // "// Generated from dot-kernel.wat ..."
 */
export function wasmBytesModule(source: string, bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  const base64 = btoa(binary);
  const lines = base64.match(/.{1,96}/g) ?? [];
  return [
    `// Generated from ${source} by src/models/neighbors/wasm/build-wasm.ts: do not edit; edit the .wat and rebuild.`,
    "/** The assembled module, base64. */",
    "export const WASM_BASE64 =",
    lines.map((l) => `  "${l}"`).join(" +\n") + ";",
    "",
  ].join("\n");
}
