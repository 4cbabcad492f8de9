/** Modules compiled so far, by their base64 text (each kernel is compiled once per process). */
const compiled = new Map<string, WebAssembly.Module | null>();

/**
 * Compiles a WebAssembly module shipped as base64 (the `-bytes.ts` files scripts/build-wasm.ts
 * writes) once per process, or returns null where the engine cannot run it (no WebAssembly, or
 * no SIMD in an old engine): callers then take their plain JavaScript path.
 *
 * @example
 * const module = compileWasm(WASM_BASE64);
 * if (module) new WebAssembly.Instance(module, { env: { memory } });
 */
export function compileWasm(base64: string): WebAssembly.Module | null {
  let module = compiled.get(base64);
  if (module === undefined) {
    module = typeof WebAssembly === "object" ? validModule(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))) : null;
    compiled.set(base64, module);
  }
  return module;
}

function validModule(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Module | null {
  return WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
}
