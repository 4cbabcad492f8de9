import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { VegaLiteSpec } from "./vega-lite-spec.ts";

/** Options for {@link renderPNG}. */
export interface RenderPNGOptions {
  /** Pixel density: 2 doubles width and height. Default 2 (sharp on screens and in print). */
  scale?: number;
}

/**
 * Renders a Vega-Lite spec to a standalone SVG string, with no browser and no canvas.
 * vega and vega-lite load on first use, so importing the library stays light. A spec that
 * vega-lite cannot compile throws `invalid_chart_spec`.
 *
 * @example
 * const svg = await renderSVG(featureImportanceChart([{ feature: "age", importance: 0.4 }]));
 * await Deno.writeTextFile("importance.svg", svg); // or node:fs writeFile
 */
export async function renderSVG(spec: VegaLiteSpec): Promise<string> {
  const [vega, vl] = await Promise.all([import("vega"), import("vega-lite")]);
  let compiled;
  try {
    // deno-lint-ignore no-explicit-any
    // vega tags inline data rows with a Symbol(vega_id); compile a copy so the caller's spec stays plain.
    compiled = vl.compile(structuredClone(spec) as any).spec;
  } catch (error) {
    throw new UnderstudyError("bad_input", messages.charts.uncompilableSpec((error as Error).message), { cause: error });
  }
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return renumberIds(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/**
 * Renders a Vega-Lite spec to PNG bytes on a white background, through SVG and resvg
 * (system fonts are loaded, otherwise the text would be missing).
 *
 * @example
 * const png = await renderPNG(spec, { scale: 2 });
 * writeFileSync("chart.png", png);
 */
export async function renderPNG(
  spec: VegaLiteSpec,
  options: RenderPNGOptions = {},
): Promise<Uint8Array> {
  const scale = options.scale ?? 2;
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10) {
    throw new UnderstudyError("bad_option", messages.charts.pngScale(options.scale));
  }
  const svg = await renderSVG(spec);
  const { Resvg } = await import("@resvg/resvg-js");
  const image = new Resvg(svg, {
    background: "white",
    font: { loadSystemFonts: true },
    fitTo: { mode: "zoom", value: scale },
  }).render();
  return new Uint8Array(image.asPng());
}

// vega numbers gradients and clip paths with process-wide counters ("gradient_17"); renumbering
// them by first appearance makes the same spec give the same SVG, whatever was drawn before.
function renumberIds(svg: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\bid="([^"]+)"/g)) if (!ids.has(m[1]!)) ids.set(m[1]!, `vl${ids.size + 1}`);
  if (ids.size === 0) return svg;
  const rename = (id: string) => ids.get(id) ?? id;
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${rename(id)}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${rename(id)})`)
    .replace(/href="#([^"]+)"/g, (_, id: string) => `href="#${rename(id)}"`);
}
