import type { Featurizer } from "../features/featurizer.ts";
import type { Estimator, Label } from "../models/estimator.ts";
import type { UnderstudyMetadata } from "./bundle-types.ts";

/** What an Understudy is made of; the functions behind its methods read these. */
export interface UnderstudyParts {
  /** The fitted featurizer: input rows → feature matrix, with no LLM. */
  readonly featurizer: Featurizer;
  /** The fitted small model. */
  readonly model: Estimator<Label>;
  /** Task, teacher, split, model choice, metrics, stats and stored held-out artefacts. */
  readonly metadata: UnderstudyMetadata;
  /** sha256 of the canonical input rows and of the model JSON. */
  readonly hashes: { readonly data: string; readonly model: string };
}
