import { renderSVG } from "../charts/render.ts";
import { escapeHtml } from "../core/escape-html.ts";
import { OPEN_CHARTS, OPEN_TABLE_ROWS } from "./format.ts";
import type { ReportComputed } from "./report-computed.ts";
import type { ReportInput } from "./report-input.ts";
import type { ReportBlock, ReportSection } from "./report-block.ts";
import { headlineFigures } from "./report-sections.ts";

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
.headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px 24px; padding: 12px 16px; background: var(--soft); border: 1px solid var(--line); border-radius: 6px; }
.headline div b { display: block; font-size: 20px; }
.headline div small { display: block; color: var(--muted); font-size: 12px; }
nav ol { columns: 2; padding-left: 20px; }
nav a { color: #0969da; text-decoration: none; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; max-width: 100%; }
caption { text-align: left; font-weight: 600; padding: 4px 0; color: var(--muted); }
th, td { border: 1px solid var(--line); padding: 3px 8px; vertical-align: top; text-align: left; overflow-wrap: break-word; }
.table-wrap { max-width: 100%; overflow-x: auto; }
details { margin: 4px 0 16px; }
details > summary { cursor: pointer; color: #0969da; }
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
  let openCharts = 0;
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
      case "table": {
        const table = (caption: string, rows: string[][]) =>
          `<div class="table-wrap"><table><caption>${escapeHtml(caption)}</caption><thead><tr>${block.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join("")}</tr></thead><tbody>${
            rows.map((row) => `<tr>${row.map((cell, j) => `<td${block.numeric?.[j] ? ' class="num"' : ""}>${escapeHtml(cell)}</td>`).join("")}</tr>`).join("")
          }</tbody></table></div>`;
        if (block.folded) return `<details><summary>${escapeHtml(block.caption)}</summary>${table(block.caption, block.rows)}</details>`;
        if (block.rows.length <= OPEN_TABLE_ROWS) return table(block.caption, block.rows);
        const rest = block.rows.slice(OPEN_TABLE_ROWS);
        return `${table(`${block.caption}: first ${OPEN_TABLE_ROWS} of ${block.rows.length} rows`, block.rows.slice(0, OPEN_TABLE_ROWS))}
<details><summary>The other ${rest.length} rows of ${escapeHtml(block.caption)}</summary>${table(`${block.caption}: rows ${OPEN_TABLE_ROWS + 1} to ${block.rows.length}`, rest)}</details>`;
      }
      case "notMeasured":
        return `<p class="not-measured">${escapeHtml(block.what)}: not measured: ${escapeHtml(block.reason)}.</p>`;
      case "chart": {
        chartCount += 1;
        const svg = uniqueIds(await renderSVG(block.spec), `chart${chartCount}-`);
        const figure = `<figure class="chart" role="img" aria-label="${escapeHtml(block.alt)}">${svg}<figcaption>${escapeHtml(block.alt)}</figcaption></figure>`;
        if (!block.collapsed && openCharts < OPEN_CHARTS) {
          openCharts += 1;
          return figure;
        }
        return `<details class="chart"><summary>Chart: ${escapeHtml(block.alt)}</summary>${figure}</details>`;
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
  const headline = [
    ...headlineFigures(input, computed).map((f) => [f.value, f.label, f.rows]),
    [input.model?.type ?? "not recorded", "Model", ""],
    [String(computed.disagreementCount), "Disagreements to review", computed.disagreementCount > 0 ? "test rows" : ""],
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
<div class="headline">${headline.map(([v, k, rows]) => `<div><b>${escapeHtml(v!)}</b>${escapeHtml(k!)}${rows ? `<small>${escapeHtml(rows)}</small>` : ""}</div>`).join("")}</div>
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
