// Run by test/charts/deno.test.ts under Deno 2: renders charts, a notebook bundle and a report
// from the library's sources (as Deno notebooks do) and prints what it got as JSON.
import { chart, confusionMatrixChart, renderPNG, renderSVG } from "../../src/charts/index.ts";
import { buildReport } from "../../src/report/index.ts";
import { sampleReportInput } from "../report/sample-report-input.ts";

const spec = confusionMatrixChart({ labels: ["ham", "spam"], matrix: [[50, 3], [4, 43]] });
const c = chart(spec);
const display = (c as unknown as Record<symbol, () => Promise<Record<string, unknown>>>)[Symbol.for("Jupyter.display")]!;
const bundle = await display.call(c);
const png = await renderPNG(spec, { scale: 1 });
const html = await buildReport(sampleReportInput(), { format: "html" });
console.log(JSON.stringify({
  svg: await renderSVG(spec),
  bundleKeys: Object.keys(bundle).sort(),
  pngSignature: Array.from(png.subarray(1, 4)),
  reportSections: [...html.matchAll(/<section id="([a-z]+)">/g)].map((m) => m[1]),
  reportCharts: (html.match(/<svg /g) ?? []).length,
}));
