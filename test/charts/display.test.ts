import { describe, expect, it } from "vitest";
import { Chart, chart } from "../../src/charts/display.ts";
import { displayCard } from "../../src/charts/display-card.ts";
import { featureImportanceChart } from "../../src/charts/feature-importance-chart.ts";
import { VEGA_LITE_MIME } from "../../src/charts/mime-bundle.ts";

const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");
const spec = () => featureImportanceChart([{ feature: "income", importance: 0.3 }], { subtitle: "held-out rows" });

describe("chart() in notebooks", () => {
  it("gives Deno's kernel (which awaits the symbol method) the Vega-Lite v5 spec, an SVG fallback and the title", async () => {
    const c = chart(spec());
    expect(c).toBeInstanceOf(Chart);
    const display = (c as unknown as Record<symbol, () => Promise<Record<string, unknown>>>)[JUPYTER_DISPLAY]!;
    const bundle = await display.call(c);
    expect(Object.keys(bundle).sort()).toEqual([VEGA_LITE_MIME, "image/svg+xml", "text/plain"].sort());
    expect(VEGA_LITE_MIME).toBe("application/vnd.vegalite.v5+json");
    expect(bundle[VEGA_LITE_MIME]).toBe(c.spec);
    expect(String(bundle["image/svg+xml"])).toMatch(/^<svg/);
    expect(bundle["text/plain"]).toBe("Feature importance: held-out rows");
  });

  it("gives ijavascript's synchronous _toMime the spec at once, and the SVG once rendered", async () => {
    const c = chart(spec());
    expect(Object.keys(c._toMime()).sort()).toEqual([VEGA_LITE_MIME, "text/plain"].sort());
    expect(await c.render()).toBe(c);
    expect(String(c._toMime()["image/svg+xml"])).toBe(await c.toSVG());
    expect(JSON.parse(JSON.stringify(c))).toEqual(c.spec);
  });
});

describe("displayCard", () => {
  it("formats numbers, shows missing values as a dash, and escapes all text", () => {
    const bundle = displayCard({
      title: "Understudy: <i>spam</i>?",
      metrics: [
        { label: "Agreement with teacher", value: 0.9375, format: "percent", hint: "240 held-out rows" },
        { label: "Accuracy against gold", value: undefined },
        { label: "Cost", value: 0.0414, format: "usd" },
      ],
      facts: [{ label: "Teacher calls", value: 1234, format: "integer" }, { label: "Weird", value: Number.NaN }],
      warnings: ["feature <script> dropped"],
    });
    expect(bundle["text/plain"]).toBe([
      "Understudy: <i>spam</i>?",
      "  Agreement with teacher: 93.8% (240 held-out rows)",
      "  Accuracy against gold: —",
      "  Cost: $0.0414",
      "  Teacher calls: 1,234",
      "  Weird: —",
      "  warning: feature <script> dropped",
    ].join("\n"));
    const html = String(bundle["text/html"]);
    expect(html).toContain("Understudy: &lt;i&gt;spam&lt;/i&gt;?");
    expect(html).toContain("feature &lt;script&gt; dropped");
    expect(html).not.toMatch(/<script|<i>|undefined|NaN/);
    expect(html).toContain(">93.8%<");
  });
});
