import { renderSVG } from "../charts/render.ts";
import { escapeHtml } from "../core/escape-html.ts";
import { pct } from "./format.ts";
import type { ReportComputed } from "./report-computed.ts";
import type { ReportInput } from "./report-input.ts";
import type { ReportBlock, ReportSection } from "./report-sections.ts";

const CSS = `
:root { --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa; --warn: #9a6700; }
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); margin: 0; background: #fff; }
header, main, footer, nav { max-width: 1000px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; border-bottom: 1px solid var(--line); padding-bottom: 4px; margin-top: 32px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
.meta { color: var(--muted); margin: 0 0 12px; }
.headline { display: flex; flex-wrap: wrap; gap: 24px; padding: 12px 16px; background: var(--soft); border: 1px solid var(--line); border-radius: 6px; }
.headline div b { display: block; font-size: 20px; }
nav ol { columns: 2; padding-left: 20px; }
nav a { color: #0969da; text-decoration: none; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; max-width: 100%; }
caption { text-align: left; white-space: nowrap; font-weight: 600; padding: 4px 0; color: var(--muted); }
th, td { border: 1px solid var(--line); padding: 3px 8px; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: var(--soft); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.facts th { width: 16em; }
.not-measured { color: var(--warn); font-style: italic; }
figure.chart { margin: 12px 0; }
figure.chart svg { max-width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: 12px; }
footer { color: var(--muted); font-size: 12px; padding: 24px; border-top: 1px solid var(--line); margin-top: 32px; }
@media print {
  nav { display: none; }
  body { font-size: 11pt; }
  header, main, footer { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  figure.chart, table { break-inside: avoid; }
  section { break-before: auto; }
}
`;

/** The report as one self-contained HTML document: inline CSS, inline SVG charts, no URL fetched. */
export async function renderHtml(
  input: ReportInput,
  sections: ReportSection[],
  computed: ReportComputed,
): Promise<string> {
  let chartCount = 0;
  const renderBlock = async (block: ReportBlock): Promise<string> => {
    switch (block.kind) {
      case "heading":
        return `<h3>${escapeHtml(block.text)}</h3>`;
      case "paragraph":
        return `<p>${escapeHtml(block.text)}</p>`;
      case "list":
        return `<ul>${block.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`;
      case "facts":
        return `<table class="facts"><tbody>${block.rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join("")}</tbody></table>`;
      case "table":
        return `<table><caption>${escapeHtml(block.caption)}</caption><thead><tr>${block.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join("")}</tr></thead><tbody>${
          block.rows.map((row) => `<tr>${row.map((cell, j) => `<td${block.numeric?.[j] ? ' class="num"' : ""}>${escapeHtml(cell)}</td>`).join("")}</tr>`).join("")
        }</tbody></table>`;
      case "notMeasured":
        return `<p class="not-measured">${escapeHtml(block.what)}: not measured: ${escapeHtml(block.reason)}.</p>`;
      case "chart": {
        chartCount += 1;
        const svg = uniqueIds(await renderSVG(block.spec), `chart${chartCount}-`);
        return `<figure class="chart" role="img" aria-label="${escapeHtml(block.alt)}">${svg}<figcaption>${escapeHtml(block.alt)}</figcaption></figure>`;
      }
    }
  };
  const body: string[] = [];
  for (const [i, s] of sections.entries()) {
    const blocks: string[] = [];
    for (const b of s.blocks) blocks.push(await renderBlock(b));
    body.push(`<section id="${s.id}"><h2>${i + 1}. ${escapeHtml(s.title)}</h2>${blocks.join("\n")}</section>`);
  }
  const title = input.title ?? `Audit report: ${input.task.description}`;
  const perf = input.performance;
  const headline = [
    ["Agreement with teacher", pct(perf?.vsTeacher?.value)],
    ["Accuracy against gold", perf?.vsGold === undefined ? "not measured" : pct(perf.vsGold.value)],
    ["Model", input.model?.type ?? "not recorded"],
    ["Disagreements to review", String(computed.disagreementCount)],
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="meta">Model card and audit of a small model distilled from ${escapeHtml(input.teacher?.model ?? "an unrecorded teacher")}${input.generatedAt === undefined ? "" : ` · ${escapeHtml(input.generatedAt)}`}</p>
<div class="headline">${headline.map(([k, v]) => `<div><b>${escapeHtml(v!)}</b>${escapeHtml(k!)}</div>`).join("")}</div>
</header>
<nav aria-label="Sections"><ol>${sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a>${s.measured ? "" : " <small>(not measured)</small>"}</li>`).join("")}</ol></nav>
<main>
${body.join("\n")}
</main>
<footer>Written by understudy-ml. Every chart is inline SVG; this file needs no network.</footer>
</body>
</html>
`;
}

// Several vega SVGs in one page all name their gradients and clips "gradient_0", "clip1"…;
// prefixing keeps each chart's references inside the chart.
function uniqueIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${prefix}${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}${id})`)
    .replace(/href="#([^"]+)"/g, (_, id: string) => `href="#${prefix}${id}"`);
}
