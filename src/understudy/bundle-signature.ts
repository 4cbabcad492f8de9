import { createHmac } from "node:crypto";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { canonicalJSON } from "../llm/canonical-json.ts";

/** A signing key: a secret string (UTF-8) or bytes. */
export type BundleKey = string | Uint8Array;

/**
 * "hmac-sha256:<hex>": HMAC-SHA-256, under `key`, of the canonical JSON (keys sorted) of the
 * bundle without its `signature`. Unlike the hashes, it cannot be recomputed by someone who
 * edits the bundle without the key.
 *
 * @example
 * const signature = bundleSignature(u.toJSON(), process.env.MODEL_KEY!); // "hmac-sha256:4be1…"
 */
export function bundleSignature(bundle: object, key: BundleKey): string {
  if (!(typeof key === "string" || key instanceof Uint8Array) || key.length === 0) {
    throw new UnderstudyError("bad_option", messages.understudy.signatureKey());
  }
  const { signature: _, ...unsigned } = bundle as { signature?: unknown };
  return `hmac-sha256:${createHmac("sha256", key).update(canonicalJSON(unsigned)).digest("hex")}`;
}
