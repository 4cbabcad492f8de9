// Generated from segment-partition.wat by scripts/build-wasm.ts (287 bytes): do not edit; edit the .wat and rebuild.
/** The assembled module, base64 (load it with `compileWasm`). */
export const WASM_BASE64 =
  "AGFzbQEAAAABDQFgCX9/f39/f39/fwACDwEDZW52Bm1lbW9yeQIAAQMCAQAHDQEJcGFydGl0aW9uAAAK4QEB3gECCH8BfAJA" +
  "A0AgCSAHTw0BIAkgCGwhCiAKIAVqIQsgCiAGaiEMIAshDUEAIQ4CQANAIAsgDE8NASAAIAtBAnRqKAIAIQ8gASALQQN0aisD" +
  "ACERIAIgD2otAAAhECAAIA1BAnRqIA82AgAgASANQQN0aiAROQMAIAMgDkECdGogDzYCACAEIA5BA3RqIBE5AwAgDSAQaiEN" +
  "IA5BASAQa2ohDiALQQFqIQsMAAsLIAAgDUECdGogAyAOQQJ0/AoAACABIA1BA3RqIAQgDkEDdPwKAAAgCUEBaiEJDAALCws=";
