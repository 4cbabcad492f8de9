import type { ConceptAnswers } from "../features/concept-detectors.ts";
import { Featurizer, type FeaturizerOptions } from "../features/featurizer.ts";

type Row = Record<string, unknown>;

/** Fits the run's featurizer afresh on given labelled rows: plain, or standardized for distance-based models. */
export type FeaturizerOn = (rows: readonly Row[], standardized: boolean) => Featurizer;

/**
 * The run's featurizer, refittable on any rows: the same sources (columns, TF-IDF, concepts,
 * expressions, rules) fitted on the rows given plus the unlabelled training rows, so every
 * cross-validation fold fits its own TF-IDF vocabulary, encoders and concept detectors and no
 * fold's score sees its held-out rows. Concept detectors learn only from the answers of the
 * rows fitted on (answers were bought for training rows; other rows count as unanswered).
 * Standardized numeric columns are fitted only when there is a numeric column to scale.
 * Each rows array is fitted once per variant.
 *
 * @example
 * const featurizerOn = foldFeaturizer(built.featurizer, trainRows, unlabelledRows);
 * const X = featurizerOn(foldRows, false).transform(heldOutRows);
 */
export function foldFeaturizer(fitted: Featurizer, fittedOn: readonly Row[], unlabelled: readonly Row[]): FeaturizerOn {
  const options = fitted.options;
  const spec = options.concepts;
  const answerOf = spec && "answers" in spec ? new Map(fittedOn.map((r, i) => [r, spec.answers[i]])) : undefined;
  const scaled = hasNumericColumn(options);
  const made = new WeakMap<readonly Row[], Map<boolean, Featurizer>>();
  return (rows, standardized) => {
    const variant = standardized && scaled;
    let byVariant = made.get(rows);
    if (!byVariant) made.set(rows, (byVariant = new Map()));
    const ready = byVariant.get(variant);
    if (ready) return ready;
    const fitRows = [...rows, ...unlabelled];
    const concepts = spec && answerOf && "answers" in spec
      ? { ...spec, answers: fitRows.map((r): ConceptAnswers => answerOf.get(r) ?? null) }
      : spec;
    const f = new Featurizer({ ...options, standardize: variant, ...(concepts ? { concepts } : {}) }).fit(fitRows);
    byVariant.set(variant, f);
    return f;
  };
}

function hasNumericColumn(o: Readonly<FeaturizerOptions>): boolean {
  const columns = o.schema?.columns ?? [];
  const text = o.text === undefined ? [] : typeof o.text === "string" ? [o.text] : o.text;
  const chosen = o.features ?? columns.map((c) => c.name);
  return columns.some((c) => ["numeric", "boolean"].includes(c.role) && chosen.includes(c.name) && !text.includes(c.name) && c.name !== o.target);
}
