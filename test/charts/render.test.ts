import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { confusionMatrixChart } from "../../src/charts/confusion-matrix-chart.ts";
import { featureImportanceChart } from "../../src/charts/feature-importance-chart.ts";
import { renderPNG, renderSVG } from "../../src/charts/render.ts";
import type { VegaLiteSpec } from "../../src/charts/vega-lite-spec.ts";
import { gallery } from "./gallery.ts";

const ARTIFACTS = join(import.meta.dirname, "..", "artifacts");

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
function pngSize(png: Uint8Array): [number, number] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
}

describe("renderSVG", () => {
  it("draws every gallery chart as standalone SVG (kept next to the specs as the gallery)", async () => {
    for (const [name, build] of Object.entries(gallery)) {
      const svg = await renderSVG(build());
      expect(svg.startsWith("<svg")).toBe(true);
      expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
      await expect(svg).toMatchFileSnapshot(`./__snapshots__/${name}.svg`);
    }
  });

  it("writes titles, axis titles and data labels as text, escaped", async () => {
    const svg = await renderSVG(confusionMatrixChart({ labels: ["<b>ham</b>", "spam"], matrix: [[50, 3], [4, 43]] }));
    for (const text of ["Confusion matrix", "Small model", "Teacher", ">50<", ">43<", "&lt;b&gt;ham&lt;/b&gt;"]) expect(svg).toContain(text);
    expect(svg).not.toContain("<b>");
  });

  it("leaves the caller's spec untouched (vega tags the data rows it renders)", async () => {
    const spec = featureImportanceChart([{ feature: "a", importance: 1 }]);
    const before = JSON.stringify(spec);
    await renderSVG(spec);
    expect(JSON.stringify(spec)).toBe(before);
    expect(Object.getOwnPropertySymbols(spec.data.values[0])).toEqual([]);
  });

  it("names the problem when vega-lite cannot compile the spec", async () => {
    const broken = { ...featureImportanceChart([{ feature: "a", importance: 1 }]), layer: [{ mark: { type: "no-such-mark" } }] } as VegaLiteSpec;
    await expect(renderSVG(broken)).rejects.toMatchObject({ code: "bad_input" });
    const error = await renderSVG(broken).catch((e: Error) => e);
    expect((error as Error).message).toBe(messages.charts.uncompilableSpec(((error as Error).cause as Error).message));
  });
});

describe("renderPNG", () => {
  it("makes a PNG whose pixel size is the SVG size times scale", async () => {
    const spec = featureImportanceChart([{ feature: "income", importance: 0.31, std: 0.02 }, { feature: "age", importance: 0.12 }]);
    const svg = await renderSVG(spec);
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    const height = Number(/height="(\d+)"/.exec(svg)![1]);
    const one = await renderPNG(spec, { scale: 1 });
    const two = await renderPNG(spec, { scale: 2 });
    expect([...one.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngSize(one)).toEqual([width, height]);
    expect(pngSize(two)).toEqual([2 * width, 2 * height]);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, "feature-importance.png"), two);
  });

  it("rejects a scale outside (0, 10]", async () => {
    const spec = featureImportanceChart([{ feature: "a", importance: 1 }]);
    await expect(renderPNG(spec, { scale: 0 })).rejects.toThrow(messages.charts.pngScale(0));
  });
});
