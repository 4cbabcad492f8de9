import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { issuesText } from "../core/parse-result.ts";
import { Featurizer } from "../features/featurizer.ts";
import type { Estimator, Label } from "../models/estimator.ts";
import { loadModel } from "../models/load-model.ts";
import type { UnderstudyMetadata } from "./bundle-types.ts";
import { parseBundle, type ParseBundleOptions } from "./parse-bundle.ts";

/** What an Understudy is built from. */
export interface LoadedParts {
  featurizer: Featurizer;
  model: Estimator<Label>;
  metadata: UnderstudyMetadata;
  dataHash: string;
}

/**
 * The parts of a saved bundle (parsed JSON, or its text), checked by {@link parseBundle}: one
 * `bad_model_json` error lists every issue with its path. With `key`, the signature must be
 * present and match.
 *
 * @example
 * const parts = understudyFromJSON(fs.readFileSync("model.json", "utf8"), { key: process.env.MODEL_KEY });
 */
export function understudyFromJSON(json: unknown, options: ParseBundleOptions = {}): LoadedParts {
  const parsed = parseBundle(typeof json === "string" ? parseText(json) : json, options);
  if (!parsed.success) throw new UnderstudyError("bad_model_json", messages.understudy.badBundle(issuesText(parsed.issues)));
  const bundle = parsed.data;
  return {
    featurizer: Featurizer.fromJSON(bundle.featurizer),
    model: loadModel(bundle.model) as Estimator<Label>,
    metadata: structuredClone(bundle.metadata),
    dataHash: bundle.hashes.data,
  };
}

function parseText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UnderstudyError("bad_model_json", messages.understudy.bundleNotJSON((e as Error).message));
  }
}
