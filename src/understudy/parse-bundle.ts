import { timingSafeEqual } from "node:crypto";
import { messages } from "../core/messages/index.ts";
import type { ParseIssue, ParseResult } from "../core/parse-result.ts";
import { estimatorRegistry } from "../models/registry.ts";
import { bundleSchema } from "./bundle-schema.ts";
import { bundleSignature, type BundleKey } from "./bundle-signature.ts";
import type { UnderstudyJSON } from "./bundle-types.ts";
import { sha256Of } from "./sha256-of.ts";

/** Options of {@link parseBundle}. */
export interface ParseBundleOptions {
  /** The key the bundle was signed with (`toJSON({ key })`): a missing or wrong signature is then an issue. */
  key?: BundleKey;
}

const issue = messages.understudy.bundleIssue;

/**
 * Parses a saved bundle (untrusted input) into `{ success: true, data }` or
 * `{ success: false, issues }` listing every problem with its path: format, version, structure,
 * unknown model kind, each part whose hash does not match, and, with a key, the signature.
 * A version 1 bundle comes back as version 2 (`metadata.kind` renamed `taskType`).
 *
 * The hashes detect accidents (a truncated copy, a hand edit), not an attacker, who can
 * recompute them; sign bundles with a key (`u.toJSON({ key })`) and pass the key here when
 * the file may pass through hands you do not trust.
 *
 * @example
 * const r = parseBundle(JSON.parse(text), { key: process.env.MODEL_KEY });
 * if (!r.success) console.log(r.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
 */
export function parseBundle(json: unknown, options: ParseBundleOptions = {}): ParseResult<UnderstudyJSON> {
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    return failed([{ code: "not_object", path: [], message: issue.notObject(json === null ? "null" : Array.isArray(json) ? "an array" : typeof json) }]);
  }
  const j = json as Record<string, unknown>;
  if (j.format !== "understudy") return failed([{ code: "not_bundle", path: ["format"], message: issue.notBundle(j.format) }]);
  const issues: ParseIssue[] = [];
  const version = j.version === 1 || j.version === 2 ? j.version : 2;
  if (j.version !== version) issues.push({ code: "version", path: ["version"], message: issue.version(j.version) });
  const parsed = bundleSchema(version).safeParse(json);
  if (!parsed.success) {
    issues.push(...parsed.error.issues.map((i) => ({ code: i.code, path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: i.message })));
  }
  issues.push(...modelKindIssues(j.model), ...hashIssues(j), ...signatureIssues(j, options.key));
  if (issues.length) return failed(issues);
  return { success: true, data: version === 1 ? upgradeVersion1(j) : (j as unknown as UnderstudyJSON) };
}

function failed(issues: ParseIssue[]): ParseResult<UnderstudyJSON> {
  return { success: false, issues };
}

// An own property only: "constructor" or "__proto__" must not find Object.prototype's members.
function modelKindIssues(model: unknown): ParseIssue[] {
  const kind = (model as { kind?: unknown } | null)?.kind;
  if (typeof kind !== "string" || Object.hasOwn(estimatorRegistry, kind)) return [];
  return [{ code: "unknown_model_kind", path: ["model", "kind"], message: issue.unknownModelKind(kind, Object.keys(estimatorRegistry)) }];
}

function hashIssues(j: Record<string, unknown>): ParseIssue[] {
  const hashes = j.hashes as Record<string, unknown> | undefined;
  return (["model", "featurizer", "metadata"] as const)
    .filter((part) => typeof hashes?.[part] === "string" && j[part] !== null && typeof j[part] === "object" && hashes[part] !== sha256Of(j[part]))
    .map((part) => ({ code: "hash_mismatch", path: ["hashes", part], message: issue.hashMismatch(part) }));
}

function signatureIssues(j: Record<string, unknown>, key: BundleKey | undefined): ParseIssue[] {
  if (key === undefined) return [];
  if (typeof j.signature !== "string") return [{ code: "no_signature", path: ["signature"], message: issue.noSignature() }];
  const expected = new TextEncoder().encode(bundleSignature(j, key));
  const given = new TextEncoder().encode(j.signature);
  const same = expected.length === given.length && timingSafeEqual(expected, given);
  return same ? [] : [{ code: "bad_signature", path: ["signature"], message: issue.badSignature() }];
}

// Version 1 called the task type `metadata.kind`; its hashes were taken over that metadata, so
// the hash of the renamed metadata is taken again here, after the old one was checked.
function upgradeVersion1(j: Record<string, unknown>): UnderstudyJSON {
  const { kind, ...rest } = j.metadata as Record<string, unknown>;
  const metadata = { ...rest, taskType: kind };
  const bundle = { ...j, version: 2, metadata, hashes: { ...(j.hashes as object), metadata: sha256Of(metadata) } };
  return bundle as unknown as UnderstudyJSON;
}
