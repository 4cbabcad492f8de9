/**
 * Compiles a WebAssembly module shipped as base64 (the `-bytes.ts` files scripts/build-wasm.ts
 * writes), or returns null where the engine cannot run it (no WebAssembly, or no SIMD in an old
 * engine): callers then take their plain JavaScript path.
 *
 * @example
 * const module = compileWasm(WASM_BASE64);
 * if (module) new WebAssembly.Instance(module, { env: { memory } });
 */
export function compileWasm(base64: string): WebAssembly.Module | null {
  if (typeof WebAssembly !== "object") return null;
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
}
