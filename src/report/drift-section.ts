import { driftChart } from "../charts/drift-chart.ts";
import { chartBlock } from "./chart-block.ts";
import { int, num } from "./format.ts";
import type { ReportInput } from "./report-input.ts";
import type { ReportBlock } from "./report-block.ts";

/** PSI above which an input has drifted (as `u.monitor` flags it). */
const DRIFTED = 0.25;

/**
 * The "Drift" section, present when rows from use were scored (`u.report({ monitor: u.monitor(rows) })`):
 * the PSI chart of every input column and of the output, the drifted list, and the PSI table.
 *
 * @example
 * driftBlocks({ rows: 500, columns: [{ column: "income", psi: 0.4 }], predictionPsi: 0.12, drifted: ["income"] });
 */
export function driftBlocks(m: ReportInput["monitoring"]): ReportBlock[] | null {
  if (m === undefined) return null;
  const on = `new rows, n = ${int(m.rows)}, against the training rows`;
  const drifted = m.drifted ?? m.columns.filter((c) => c.psi > DRIFTED).map((c) => c.column);
  const output = m.predictionOutput ?? "model output";
  return [
    {
      kind: "paragraph",
      text: drifted.length === 0
        ? `No input column drifted (PSI > ${DRIFTED}) on ${on}.`
        : `Drifted (PSI > ${DRIFTED}) on ${on}: ${drifted.join(", ")}. Re-validate on such rows before trusting the held-out figures, or re-distill.`,
    },
    chartBlock(
      () => driftChart({ rows: m.rows, columns: m.columns, ...(m.predictionPsi === undefined ? {} : { prediction: { output, psi: m.predictionPsi } }) }, { threshold: DRIFTED, subtitle: `${on}; PSI over the training deciles and levels` }),
      `Population stability index of each input column and of ${output} (${on}).`,
    ),
    {
      kind: "table",
      caption: `PSI per input (${on})`,
      columns: ["Input", "PSI", "Level"],
      numeric: [false, true, false],
      rows: [...m.columns.map((c) => [c.column, c.psi] as const), ...(m.predictionPsi === undefined ? [] : [[output, m.predictionPsi] as const])]
        .sort((a, b) => b[1] - a[1])
        .map(([name, psi]) => [name, num(psi), psi > DRIFTED ? "drifted" : psi >= 0.1 ? "moderate shift" : "stable"]),
    },
  ];
}
