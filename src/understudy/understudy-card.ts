import { displayCard } from "../charts/display-card.ts";
import type { MimeBundle } from "../charts/mime-bundle.ts";
import type { UnderstudyParts } from "./understudy-parts.ts";

/**
 * The compact summary card a notebook shows for an Understudy: task, model, teacher, the
 * held-out headline figures, cost, and warnings.
 *
 * @example
 * Deno.jupyter.display(understudyCard(u)); // what `u` alone in a cell shows
 */
export function understudyCard(u: UnderstudyParts): MimeBundle {
  const m = u.metadata;
  const v = m.metrics.vsTeacher;
  const cls = m.taskType === "classification";
  const gold = m.teacher.kind === "gold";
  const c = m.metrics.cascade;
  const target = c ? (c.targetAgreement * 100).toFixed(0) : "";
  return displayCard({
    title: `Understudy: ${m.task}`,
    subtitle: `${m.modelChoice.candidates.find((c) => c.chosen)?.type ?? u.model.kind}, taught by ${gold ? `gold labels (${m.target})` : m.teacher.model}`,
    metrics: [
      gold
        ? { label: cls ? "Accuracy (gold, which taught)" : "R² against gold (which taught)", value: v.agreement, format: cls ? "percent" : "number", hint: `${v.n} held-out rows; equals agreement with the teacher` }
        : { label: cls ? "Agreement with teacher" : "R² against teacher", value: v.agreement, format: cls ? "percent" : "number", hint: `${v.n} held-out rows` },
      ...(m.metrics.vsGold ? [{ label: cls ? "Accuracy (gold)" : "R² against gold", value: m.metrics.vsGold.accuracy, format: cls ? "percent" as const : "number" as const, hint: `${m.metrics.vsGold.n} held-out rows` }] : []),
      ...(c ? [{
        label: "Cascade coverage", value: c.test.coverage, format: "percent" as const,
        hint: c.met ? `at ${target}% target agreement` : `no threshold meets ${target}% agreement: the teacher answers every row`,
      }] : []),
      { label: "Teacher cost", value: m.stats.costUSD, format: "usd" },
    ],
    facts: [
      { label: "Features", value: u.model.nFeatures, format: "integer" },
      { label: "Teacher calls", value: m.stats.teacherCalls, format: "integer" },
      { label: "Labels", value: m.stats.labelled, format: "integer" },
      { label: "Seed", value: m.seed, format: "integer" },
    ],
    warnings: m.warnings,
  });
}
