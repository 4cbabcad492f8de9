import type { FeatureLineage } from "../features/featurizer.ts";

/**
 * Where a feature's push is reported: under the input column it was made from (raw values,
 * one-hot levels, the "(other)" level, missing-value indicators, TF-IDF terms of a text
 * column), or as an entry of its own for what the teacher proposed (an LLM concept, an
 * expression, a rule), since those read several columns or a question about the text.
 */
export interface ReasonEntry {
  /** The input column, or the concept's question, the expression's or the rule's name. */
  column: string;
  kind: "column" | "concept" | "expression" | "rule";
}

/**
 * The entry a feature rolls up into, from the featurizer's lineage. Without lineage (a bare
 * model), each feature is its own column.
 *
 * @example
 * reasonEntry({ name: "region=north", origin: { column: "region", kind: "onehot", category: "north" }, source: "table" }, "region=north");
 * // { column: "region", kind: "column" }
 */
export function reasonEntry(lineage: FeatureLineage | undefined, name: string): ReasonEntry {
  if (!lineage) return { column: name, kind: "column" };
  if (lineage.source === "table" || lineage.source === "tfidf") return { column: lineage.origin.column, kind: "column" };
  return { column: lineage.name, kind: lineage.source };
}
