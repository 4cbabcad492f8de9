// Run by test/understudy/deno-signature.test.ts under Deno 2: the bundle signature through Deno's node:crypto.
import { bundleSignature } from "../../src/understudy/bundle-signature.ts";

const bundle = { format: "understudy", version: 2, hashes: { model: "sha256:00" }, metadata: { task: "é?", n: [1.5, null] } };
console.log(JSON.stringify({ text: bundleSignature(bundle, "k3y"), bytes: bundleSignature(bundle, new Uint8Array([107, 51, 121])) }));
