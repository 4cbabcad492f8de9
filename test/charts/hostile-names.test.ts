import { describe, expect, it } from "vitest";
import { distill, setLogger } from "../../src/index.ts";
import { confusionMatrixChart } from "../../src/charts/confusion-matrix-chart.ts";
import { partialDependenceChart } from "../../src/charts/partial-dependence-chart.ts";
import { renderSVG } from "../../src/charts/render.ts";
import { titleText } from "../../src/charts/vega-lite-spec.ts";

// Column names and class labels are user data: newlines, dots, brackets, quotes, backslashes
// and prototype names must not break any chart of the report.
const cols = ["a.b", "c[0]", 'q"uote\\x', "line\nbreak\r", "constructor", "__proto__x"];
const labels = ["yes.\nno", 'la"b[1]\\'];
const rows = Array.from({ length: 120 }, (_, i) => {
  const row: Record<string, unknown> = {};
  cols.forEach((c, j) => { row[c] = ((i * (j + 3)) % 17) + (j === 0 ? (i % 2) * 20 : 0); });
  row.label = labels[i % 2];
  return row;
});

describe("charts with hostile names", () => {
  it("the HTML report renders every chart with such column names and labels", async () => {
    const warnings: string[] = [];
    const previous = setLogger({ warn: (m) => warnings.push(m), info: () => {} });
    try {
      for (const model of ["tree", "logistic"] as const) {
        warnings.length = 0;
        const u = await distill({ data: rows, task: "Which?", labels, target: "label", teacher: false, model });
        const html = await u.report({ format: "html" });
        expect(warnings.filter((w) => w.includes("chart left out"))).toEqual([]);
        expect(html).not.toMatch(/chart could not be rendered|not drawn|Error:/i);
        const figures = (html.match(/<figure class="chart"/g) ?? []).length;
        expect(figures).toBeGreaterThan(4);
        expect((html.match(/<svg/g) ?? []).length).toBe(figures);
        // Every chart builder the Understudy offers compiles and draws too.
        for (const spec of [u.charts.confusion(), u.charts.partialDependence(u.model.featureNames[0]!), u.charts.reasonCodes(rows[0]!)]) {
          expect(await renderSVG(spec)).toMatch(/^<svg/);
        }
      }
    } finally {
      setLogger(previous);
    }
  }, 60_000);

  it("keeps the names as text: line breaks become spaces, quotes and brackets stay", async () => {
    expect(titleText("line\nbreak\r")).toBe("line break");
    expect(titleText('q"uote\\x [0]')).toBe('q"uote\\x [0]');
    const spec = partialDependenceChart({ feature: "line\nbreak", grid: [0, 1, 2], average: [0.1, 0.4, 0.8] }, { output: 'P(yes.\nno)' });
    expect(JSON.stringify(spec)).not.toMatch(/\\n/);
    expect(spec.title.text).toBe("Partial dependence on line break");
    const svg = await renderSVG(confusionMatrixChart({ labels: ["a.b", 'q"[1]\\'], matrix: [[3, 1], [0, 4]] }, { actualTitle: "Gold\nlabels" }));
    expect(svg).toContain("a.b");
    expect(svg).toContain("q&quot;[1]\\");
  });
});
