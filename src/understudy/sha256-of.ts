import { createHash } from "node:crypto";
import { canonicalJSON } from "../llm/canonical-json.ts";

/**
 * "sha256:<hex>" of a value's canonical JSON (keys sorted), so equal content hashes equal.
 *
 * @example
 * sha256Of(model.toJSON()); // "sha256:9f2c…"
 */
export function sha256Of(value: unknown): string {
  return `sha256:${createHash("sha256").update(canonicalJSON(value)).digest("hex")}`;
}
