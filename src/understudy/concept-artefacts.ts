import type { ConceptQuality } from "../features/concept-detectors.ts";
import type { DroppedConcept, StoredConceptQuality } from "./bundle-types.ts";

/**
 * The concept artefacts of a bundle: `chart` holds every concept whose detector was measured
 * on held-out rows (kept ones, and dropped ones with status "dropped: why"); `dropped` lists
 * every dropped concept with its reason, including those never measured (the teacher gave the
 * same answer to nearly every row, so there was nothing to learn and no agreement to show).
 *
 * @example
 * const { chart, dropped } = conceptArtefacts(detectors.quality);
 * conceptQualityChart(chart); // renders: every agreement is a number
 */
export function conceptArtefacts(quality: readonly ConceptQuality[]): { chart: StoredConceptQuality[]; dropped: DroppedConcept[] } {
  const questionOf = new Map(quality.map((q) => [q.id, q.question]));
  const chart: StoredConceptQuality[] = [];
  const dropped: DroppedConcept[] = [];
  for (const q of quality) {
    const reason = q.kept ? undefined : reasonText(q, questionOf);
    if (reason !== undefined) dropped.push({ question: q.question, reason });
    if (!Number.isFinite(q.agreement)) continue;
    chart.push({
      concept: reason === undefined ? q.question : `${q.question} (dropped: ${reason})`,
      agreement: q.agreement,
      ...(Number.isFinite(q.positiveRate) ? { baseline: Math.max(q.positiveRate, 1 - q.positiveRate) } : {}),
      support: q.nHeldOut,
      status: reason === undefined ? "kept" : `dropped: ${SHORT[q.reason ?? "other"]}`,
    });
  }
  return { chart, dropped };
}

const SHORT: Record<NonNullable<ConceptQuality["reason"]> | "other", string> = {
  constant: "one answer only",
  undetectable: "no better than chance",
  redundant: "repeats a kept concept",
  other: "not kept",
};

function reasonText(q: ConceptQuality, questionOf: Map<string, string>): string {
  switch (q.reason) {
    case "constant": {
      const yes = Number.isFinite(q.positiveRate) ? ` (${(q.positiveRate * 100).toFixed(0)}% yes)` : "";
      return `the teacher gave the same answer to nearly every row${yes}, so there was nothing to learn`;
    }
    case "undetectable": return `its detector did no better than chance on held-out rows (balanced accuracy ${q.balancedAccuracy.toFixed(2)})`;
    case "redundant": {
      const twin = q.redundantWith ? questionOf.get(q.redundantWith) : undefined;
      return `its answers repeat a kept concept${twin ? ` ("${twin}")` : ""}`;
    }
    default: return "not kept";
  }
}
