import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { confusionMatrixChart } from "../../src/charts/confusion-matrix-chart.ts";
import { renderSVG } from "../../src/charts/render.ts";
import { buildReport } from "../../src/report/index.ts";
import { sampleReportInput } from "../report/sample-report-input.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const deno = `${root}node_modules/.bin/deno`;

describe("charts and reports under Deno 2", () => {
  it("render the same SVG as Node, display in notebooks, write PNG and the report", async () => {
    expect(existsSync(deno), "the deno npm package is a devDependency; run npm install").toBe(true);
    const stdout = execFileSync(deno, ["run", "--allow-all", "--quiet", "test/charts/deno-smoke.ts"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
      timeout: 120_000,
    });
    const fromDeno = JSON.parse(stdout.trim().split("\n").at(-1)!);
    const node = await renderSVG(confusionMatrixChart({ labels: ["ham", "spam"], matrix: [[50, 3], [4, 43]] }));
    expect(fromDeno.svg).toBe(node);
    expect(fromDeno.bundleKeys).toEqual(["application/vnd.vegalite.v5+json", "image/svg+xml", "text/plain"]);
    expect(fromDeno.pngSignature).toEqual([0x50, 0x4e, 0x47]); // "PNG"
    // The same report as Node writes it: the same sections, the same number of charts.
    const html = await buildReport(sampleReportInput(), { format: "html" });
    expect(fromDeno.reportSections).toEqual([...html.matchAll(/<section id="([a-z]+)">/g)].map((m) => m[1]));
    expect(fromDeno.reportSections).toHaveLength(20);
    expect(fromDeno.reportCharts).toBe((html.match(/<svg /g) ?? []).length);
    expect(fromDeno.reportCharts).toBeGreaterThan(10);
  });
});
