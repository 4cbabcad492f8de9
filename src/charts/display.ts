import type { VegaLiteSpec } from "./vega-lite-spec.ts";
import { VEGA_LITE_MIME, type MimeBundle } from "./mime-bundle.ts";
import { renderPNG, renderSVG, type RenderPNGOptions } from "./render.ts";

const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");

/**
 * A chart that shows itself in notebooks. Deno's kernel awaits
 * `[Symbol.for("Jupyter.display")]()`, so that method renders the SVG fallback on the fly.
 * ijavascript calls `_toMime()` synchronously and cannot wait for vega: it gets the SVG only
 * once rendered (`await chart.render()` or any `toSVG()` call), else Vega-Lite + text.
 *
 * @example
 * const c = chart(featureImportanceChart(rows));
 * c;                       // last expression of a Deno notebook cell: drawn by JupyterLab
 * await c.toSVG();         // standalone SVG string
 */
export class Chart {
  /** The Vega-Lite v5 spec, untouched. */
  readonly spec: VegaLiteSpec;
  #svg: string | undefined;

  constructor(spec: VegaLiteSpec) {
    this.spec = spec;
  }

  /** The chart's title, the text/plain form. */
  get title(): string {
    return this.spec.title.subtitle === undefined
      ? this.spec.title.text
      : `${this.spec.title.text}: ${this.spec.title.subtitle}`;
  }

  /** SVG markup; rendered once, then cached. */
  async toSVG(): Promise<string> {
    this.#svg ??= await renderSVG(this.spec);
    return this.#svg;
  }

  /** PNG bytes on a white background. */
  toPNG(options: RenderPNGOptions = {}): Promise<Uint8Array> {
    return renderPNG(this.spec, options);
  }

  /** Renders the SVG now so that synchronous displays (`_toMime`) include it; returns this. */
  async render(): Promise<this> {
    await this.toSVG();
    return this;
  }

  /** Deno's Jupyter kernel: Vega-Lite spec, SVG fallback, and the title as text. */
  async [JUPYTER_DISPLAY](): Promise<MimeBundle> {
    await this.toSVG();
    return this._toMime();
  }

  /** ijavascript's hook (synchronous): the SVG is included when it has been rendered before. */
  _toMime(): MimeBundle {
    return {
      [VEGA_LITE_MIME]: this.spec,
      ...(this.#svg === undefined ? {} : { "image/svg+xml": this.#svg }),
      "text/plain": this.title,
    };
  }

  /** JSON.stringify(chart) gives the spec. */
  toJSON(): VegaLiteSpec {
    return this.spec;
  }
}

/**
 * Wraps a spec from any chart builder so notebooks display it.
 *
 * @example
 * chart(confusionMatrixChart({ labels: ["ham", "spam"], matrix: [[50, 3], [4, 43]] }));
 */
export function chart(spec: VegaLiteSpec): Chart {
  return new Chart(spec);
}
