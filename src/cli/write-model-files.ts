import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { renderPNG, renderSVG } from "../charts/render.ts";
import type { VegaLiteSpec } from "../charts/vega-lite-spec.ts";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { ProgressCallback } from "../core/progress.ts";
import type { Understudy } from "../understudy/understudy.ts";

/** Charts that need no argument, in the order a reader wants them. */
const CHARTS = ["importance", "confusion", "calibration", "cascade", "tree", "coefficients", "concepts", "fairness", "learningCurve"] as const;

/** One file of the set: its path inside the folder, and how to make its content. */
interface PlannedFile {
  name: string;
  make: () => Promise<string | Uint8Array> | string;
}

/**
 * Writes a distilled model's files into `dir` (created if missing): model.json (the bundle
 * `Understudy.fromJSON` reads), report.html (self-contained), report.md, and with
 * `charts: true` every chart that applies as charts/<name>.svg and .png. Returns the paths.
 *
 * All or none: every file is made in memory first, then written to temporary names and
 * renamed into place, so a failure part-way (the report throws, the disk is full) leaves the
 * folder as it was, and the error names the file that failed and why.
 *
 * @example
 * const files = await writeModelFiles(u, "understudy-model", { charts: true });
 */
export async function writeModelFiles(u: Understudy, dir: string, options: { charts?: boolean; onProgress?: ProgressCallback } = {}): Promise<string[]> {
  const planned: PlannedFile[] = [
    { name: "model.json", make: () => JSON.stringify(u.toJSON()) },
    { name: "report.html", make: () => u.report({ format: "html" }) },
    { name: "report.md", make: () => u.report({ format: "md" }) },
    ...(options.charts ? chartSpecs(u) : []).flatMap(([chart, spec]): PlannedFile[] => [
      { name: join("charts", `${chart}.svg`), make: () => renderSVG(spec) },
      { name: join("charts", `${chart}.png`), make: () => renderPNG(spec) },
    ]),
  ];
  const contents = await makeAll(planned, dir, options.onProgress);
  return await writeAll(dir, planned.map((f, k) => [f.name, contents[k]]));
}

async function makeAll(planned: PlannedFile[], dir: string, onProgress: ProgressCallback | undefined): Promise<(string | Uint8Array)[]> {
  const contents: (string | Uint8Array)[] = [];
  for (const file of planned) {
    onProgress?.({ phase: "write", done: contents.length, total: planned.length, message: file.name });
    try {
      contents.push(await file.make());
    } catch (e) {
      throw new UnderstudyError(e instanceof UnderstudyError ? e.code : "bad_output", messages.cli.nothingWritten(dir, file.name, (e as Error).message ?? String(e)), { cause: e });
    }
  }
  onProgress?.({ phase: "write", done: planned.length, total: planned.length, message: `${planned.length} files in ${dir}` });
  return contents;
}

/** Writes every file under a temporary name, then renames them all; on failure removes what it wrote. */
async function writeAll(dir: string, files: [string, string | Uint8Array][]): Promise<string[]> {
  const suffix = `.${process.pid}.tmp`;
  const staged: string[] = [];
  const renamed: string[] = [];
  let step = "";
  try {
    for (const [name, content] of files) {
      const path = join(dir, name);
      step = name;
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path + suffix, content);
      staged.push(path);
    }
    for (const path of staged) {
      step = relative(dir, path);
      await rename(path + suffix, path);
      renamed.push(path);
    }
    return renamed;
  } catch (e) {
    await Promise.all(staged.filter((p) => !renamed.includes(p)).map((p) => rm(p + suffix, { force: true })));
    const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new UnderstudyError("bad_output", messages.cli.cannotWrite(join(dir, step), reason, "--out"), { cause: e });
  }
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
