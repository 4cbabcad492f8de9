import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { renderPNG, renderSVG } from "../charts/render.ts";
import type { VegaLiteSpec } from "../charts/vega-lite-spec.ts";
import { UnderstudyError } from "../core/errors.ts";
import type { ProgressCallback } from "../core/progress.ts";
import type { Understudy } from "../understudy/understudy.ts";

/** Charts that need no argument, in the order a reader wants them. */
const CHARTS = ["importance", "confusion", "calibration", "cascade", "tree", "coefficients", "concepts", "fairness", "learningCurve"] as const;

/**
 * Writes a distilled model's files into `dir` (created if missing): model.json (the bundle
 * `Understudy.fromJSON` reads), report.html (self-contained), report.md, and with
 * `charts: true` every chart that applies as charts/<name>.svg and .png. Returns the paths.
 *
 * @example
 * const files = await writeModelFiles(u, "understudy-model", { charts: true });
 */
export async function writeModelFiles(u: Understudy, dir: string, options: { charts?: boolean; onProgress?: ProgressCallback } = {}): Promise<string[]> {
  const progress = (done: number, total: number, message: string) => options.onProgress?.({ phase: "write", done, total, message });
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw new UnderstudyError("bad_output", `cannot create the output folder ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); pass --out with a folder you can write to.`);
  }
  const charts = options.charts ? chartSpecs(u) : [];
  const total = 3 + charts.length;
  const written: string[] = [];
  const write = async (name: string, content: string | Uint8Array) => {
    const path = join(dir, name);
    await writeFile(path, content);
    written.push(path);
  };
  progress(0, total, "model.json");
  await write("model.json", JSON.stringify(u.toJSON()));
  progress(1, total, "report.html");
  await write("report.html", await u.report({ format: "html" }));
  progress(2, total, "report.md");
  await write("report.md", await u.report({ format: "md" }));
  if (charts.length) await mkdir(join(dir, "charts"), { recursive: true });
  for (const [k, [name, spec]] of charts.entries()) {
    progress(3 + k, total, `charts/${name}`);
    await write(join("charts", `${name}.svg`), await renderSVG(spec));
    await write(join("charts", `${name}.png`), await renderPNG(spec));
  }
  progress(total, total, `${written.length} files in ${dir}`);
  return written;
}

function chartSpecs(u: Understudy): [string, VegaLiteSpec][] {
  const charts = u.charts as unknown as Record<string, (() => VegaLiteSpec) | undefined>;
  const specs: [string, VegaLiteSpec][] = [];
  for (const name of CHARTS) {
    const build = charts[name];
    if (typeof build !== "function") continue;
    try {
      specs.push([name, build.call(u.charts)]);
    } catch (e) {
      // A chart whose figures this model lacks (no calibration for regression...) is left out.
      if (!(e instanceof UnderstudyError)) throw e;
    }
  }
  return specs;
}
