// Public API of src/features (re-exports only).
export * from "./expression/index.ts";
export { TfidfVectorizer, type TfidfOptions, type TfidfJSON, type SparseRow } from "./tfidf.ts";
export { textTokens } from "./text-tokens.ts";
export {
  ConceptDetectors,
  type Concept,
  type ConceptAnswers,
  type ConceptQuality,
  type ConceptDetectorsOptions,
  type ConceptDetectorsJSON,
} from "./concept-detectors.ts";
export {
  Featurizer,
  type FeaturizerOptions,
  type FeaturizerJSON,
  type FeatureLineage,
  type ExpressionSpec,
  type RuleSpec,
  type ConceptSpec,
} from "./featurizer.ts";
