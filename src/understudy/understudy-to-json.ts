import type { BundleKey } from "./bundle-signature.ts";
import { bundleSignature } from "./bundle-signature.ts";
import type { UnderstudyJSON } from "./bundle-types.ts";
import { sha256Of } from "./sha256-of.ts";
import type { UnderstudyParts } from "./understudy-parts.ts";

/** Options of {@link understudyToJSON}. */
export interface ToJSONOptions {
  /** A secret (string or bytes): adds `signature`, an HMAC-SHA-256 that `fromJSON(json, { key })` checks. */
  key?: BundleKey;
}

/**
 * The JSON bundle of a distilled model: featurizer, model, metadata, and the sha256 of each
 * (which detect accidental changes); with `key`, also a keyed `signature` (which detects
 * deliberate ones). `Understudy.fromJSON` restores it exactly.
 *
 * @example
 * fs.writeFileSync("model.json", JSON.stringify(understudyToJSON(u, { key: process.env.MODEL_KEY })));
 */
export function understudyToJSON(u: UnderstudyParts, options: ToJSONOptions = {}): UnderstudyJSON {
  const model = u.model.toJSON();
  const featurizer = u.featurizer.toJSON();
  const metadata = structuredClone(u.metadata);
  const bundle: UnderstudyJSON = {
    format: "understudy",
    version: 2,
    featurizer,
    model,
    metadata,
    hashes: { data: u.hashes.data, model: sha256Of(model), featurizer: sha256Of(featurizer), metadata: sha256Of(metadata) },
  };
  return options?.key === undefined ? bundle : { ...bundle, signature: bundleSignature(bundle, options.key) };
}
