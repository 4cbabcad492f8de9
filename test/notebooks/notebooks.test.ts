import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Every notebook in notebooks/ is executed headless through Jupyter with the Deno kernel, by
// run-notebook.py (it waits for each cell's reply, then for a barrier request, so late outputs,
// which nbclient drops with Deno's kernel, are kept). Executed copies are kept in
// test/artifacts/notebooks/ for inspection.

const ROOT = join(import.meta.dirname, "..", "..");
const PYTHON = "/usr/bin/python3";
const RUNNER = join(import.meta.dirname, "run-notebook.py");
const ARTIFACTS = join(ROOT, "test", "artifacts", "notebooks");
const VEGA_LITE = "application/vnd.vegalite.v5+json";
const V5_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

interface CellOutput { type: string; mime?: string[]; text?: string; vegalite?: { schema: string; title: string }; ename?: string; evalue?: string }
interface CellReport { index: number; status: string; mime: string[]; outputs: CellOutput[]; error?: { ename: string; evalue: string } }
interface RunReport { ok: boolean; seconds: number; cells: CellReport[] }

/** Why notebooks cannot run here, or undefined when they can. */
function missing(): string | undefined {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const probe = spawnSync(PYTHON, ["-c", "import jupyter_client, nbformat\nfrom jupyter_client.kernelspec import KernelSpecManager\nKernelSpecManager().get_kernel_spec('deno')"], { encoding: "utf8" });
  if (probe.status !== 0) {
    return /No such kernel|NoSuchKernel/.test(probe.stderr)
      ? "the Deno Jupyter kernelspec is not installed (npx deno jupyter --install)"
      : "jupyter_client / nbformat are not installed for /usr/bin/python3 (apt-get install jupyter-client python3-nbformat)";
  }
  return undefined;
}

const reason = missing();
if (reason) {
  if (process.env.CI === "true") throw new Error(`notebook tests: ${reason}; under CI=true .ci/run must install it.`);
  console.warn(`notebook tests skipped: ${reason}.`);
}

function runNotebook(notebook: string, out: string): RunReport {
  const r = spawnSync(PYTHON, [RUNNER, notebook, out, "--timeout", "120"], { cwd: ROOT, encoding: "utf8", timeout: 300_000, env: { ...process.env, NO_COLOR: "1" } });
  if (r.status !== 0) throw new Error(`run-notebook.py exited with ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!) as RunReport;
}

function charts(report: RunReport): { schema: string; title: string; mime: string[] }[] {
  return report.cells.flatMap((c) => c.outputs.filter((o) => o.mime?.includes(VEGA_LITE)).map((o) => ({ ...o.vegalite!, mime: o.mime! })));
}

/** The MIME types a code cell must show, read from what its source displays; undefined when it displays nothing. */
function mustDisplay(source: string): string[] | undefined {
  const lines = source.split("\n").map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("//"));
  const last = lines.at(-1) ?? "";
  const mime = [
    ...(/^chart\(/.test(last) ? [VEGA_LITE, "image/svg+xml", "text/plain"] : []),              // a chart
    ...(/^u;?$/.test(last) ? ["text/html", "text/plain"] : []),                                 // the Understudy's summary card
    ...(/Deno\.jupyter\.display\(\{\s*"text\/markdown"/.test(source) ? ["text/markdown"] : []), // a table or report section
  ];
  return mime.length ? [...new Set(mime)] : undefined;
}

/** One line per display cell whose output is missing a MIME type it must have (empty when none is). */
function missingDisplays(sources: string[], report: RunReport): string[] {
  const ran = new Map(report.cells.map((c) => [c.index, c]));
  return sources.flatMap((source, index) => {
    const expected = mustDisplay(source);
    const cell = ran.get(index);
    if (!expected || !cell) return [];
    const absent = expected.filter((m) => !cell.mime.includes(m));
    return absent.length ? [`cell ${index} (${source.trim().split("\n").at(-1)}) lacks ${absent.join(", ")}`] : [];
  });
}

/** Each cell's source ("" for markdown cells), indexed as run-notebook.py indexes cells. */
function cellSources(notebook: string): string[] {
  const nb = JSON.parse(readFileSync(notebook, "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
  return nb.cells.map((c) => (c.cell_type === "code" ? [c.source].flat().join("") : ""));
}

/** The cells of an executed notebook as saved on disk, with the MIME types of their outputs. */
function savedCells(notebook: string): CellReport[] {
  const nb = JSON.parse(readFileSync(notebook, "utf8")) as { cells: { cell_type: string; outputs?: { data?: Record<string, unknown> }[] }[] };
  return nb.cells.map((c, index) => ({ index, status: "ok", outputs: [], mime: [...new Set((c.outputs ?? []).flatMap((o) => Object.keys(o.data ?? {})))] }));
}

function failures(report: RunReport): string[] {
  return report.cells.filter((c) => c.status !== "ok").map((c) => `cell ${c.index}: ${c.status} ${c.error?.ename}: ${c.error?.evalue}`);
}

// Each notebook, with charts it must show (by title, as the chart builders name them).
const notebooks: { file: string; charts: string[]; text?: RegExp[] }[] = [
  { file: "01-quickstart.ipynb", charts: ["Confusion matrix", "Feature importance", "Why this prediction", "Cascade frontier"], text: [/identical predictions after reload: true/] },
  { file: "02-tabular-llm-features.ipynb", charts: ["Feature importance", "Decision rules", "Why this prediction"], text: [/displacement_per_(cylinder|weight)/, /teacher calls: \d+/] }, // a kept proposal reaches the printed SQL
  { file: "03-benchmark-llm-baseline.ipynb", charts: ["Small model against the LLM", "Cascade frontier"], text: [/LLM \(stand-in-llm\)/, /Small model/, /Cascade/] },
  { file: "04-audit-credit.ipynb", charts: ["Decision rules", "Rate of \"approve\" by sex", "Why this prediction"], text: [/## \d+\. Fairness/] },
];

describe("the display check (no kernel needed)", () => {
  const sources = ["", "const u = await distill(opts);\nu", "console.log(1)", "// the confusion matrix\nchart(u.charts.confusion())", "await Deno.jupyter.display({ \"text/markdown\": table }, { raw: true });"];
  const shown = (index: number, mime: string[]): CellReport => ({ index, status: "ok", mime, outputs: [] });
  const full = [shown(1, ["text/html", "text/plain"]), shown(2, []), shown(3, [VEGA_LITE, "image/svg+xml", "text/plain"]), shown(4, ["text/markdown"])];

  it("passes a run where every card, chart and table came out", () => {
    expect(missingDisplays(sources, { ok: true, seconds: 1, cells: full })).toEqual([]);
  });

  it("fails a run where a chart's output was lost, naming the cell and the MIME types", () => {
    const lost = full.map((c) => (c.index === 3 ? shown(3, []) : c));
    expect(missingDisplays(sources, { ok: true, seconds: 1, cells: lost })).toEqual([
      `cell 3 (chart(u.charts.confusion())) lacks ${VEGA_LITE}, image/svg+xml, text/plain`,
    ]);
  });

  it("fails a run where the card kept only its text fallback", () => {
    const lost = full.map((c) => (c.index === 1 ? shown(1, ["text/plain"]) : c));
    expect(missingDisplays(sources, { ok: true, seconds: 1, cells: lost })).toEqual(["cell 1 (u) lacks text/html"]);
  });
});

describe.skipIf(reason !== undefined)("notebooks run headless through Jupyter with the Deno kernel", () => {
  mkdirSync(ARTIFACTS, { recursive: true });

  // One rerun of the whole notebook in a fresh kernel: Deno's kernel sometimes sends no output
  // at all for one chart cell, even after the runner's barrier (2026-12-08: about one run of this
  // file in three, the session's starting code 1ad1aa7 included; seen on the first chart of 01
  // and of 02). A notebook that fails twice in a row, for any reason, still fails.
  for (const nb of notebooks) {
    let attempts = 0;
    it(`${nb.file}: every cell runs without error and charts come out as Vega-Lite v5 bundles`, { retry: 1, timeout: 300_000 }, () => {
      if (attempts++ > 0) console.warn(`${nb.file}: rerun once after a failed first run (see the comment above)`);
      const report = runNotebook(join(ROOT, "notebooks", nb.file), join(ARTIFACTS, nb.file));
      expect(failures(report)).toEqual([]);
      expect(report.ok).toBe(true);
      const sources = cellSources(join(ROOT, "notebooks", nb.file));
      expect(sources.filter((s) => mustDisplay(s)).length, "display cells found").toBeGreaterThanOrEqual(nb.charts.length);
      expect(missingDisplays(sources, report)).toEqual([]);
      // The executed notebook on disk keeps them too (it is what a reader opens).
      expect(missingDisplays(sources, { ...report, cells: savedCells(join(ARTIFACTS, nb.file)) })).toEqual([]);
      const shown = charts(report);
      for (const c of shown) {
        expect(c.schema).toBe(V5_SCHEMA);
        expect(c.mime).toEqual(expect.arrayContaining(["image/svg+xml", "text/plain"]));
      }
      for (const title of nb.charts) expect(shown.map((c) => c.title), `chart "${title}"`).toEqual(expect.arrayContaining([expect.stringContaining(title)]));
      const text = report.cells.flatMap((c) => c.outputs.map((o) => o.text ?? "")).join("\n");
      for (const pattern of nb.text ?? []) expect(text).toMatch(pattern);
    });
  }

  it("the runner reports a failing cell, with its error, and stops there", () => {
    const file = join(ARTIFACTS, "failing.ipynb");
    const cell = (source: string) => ({ cell_type: "code", metadata: {}, source, outputs: [], execution_count: null });
    writeFileSync(file, JSON.stringify({
      nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: "deno", display_name: "Deno", language: "typescript" } },
      cells: [cell("console.log('first')"), cell("throw new Error('boom on purpose')"), cell("console.log('never')")],
    }));
    const report = runNotebook(file, join(ARTIFACTS, "failing-out.ipynb"));
    expect(report.ok).toBe(false);
    expect(report.cells.map((c) => c.status)).toEqual(["ok", "error"]);
    expect(report.cells[0].outputs[0].text).toBe("first\n");
    expect(report.cells[1].error?.evalue).toContain("boom on purpose");
  }, 120_000);
});
