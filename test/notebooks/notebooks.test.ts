import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Every notebook in notebooks/ is executed headless through Jupyter with the Deno kernel, by
// run-notebook.py (it waits for each cell's reply and drains late outputs, which nbclient drops
// with Deno's kernel). Executed copies are kept in test/artifacts/notebooks/ for inspection.

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

function failures(report: RunReport): string[] {
  return report.cells.filter((c) => c.status !== "ok").map((c) => `cell ${c.index}: ${c.status} ${c.error?.ename}: ${c.error?.evalue}`);
}

// Each notebook, with charts it must show (by title, as the chart builders name them).
const notebooks: { file: string; charts: string[]; text?: RegExp[] }[] = [
  { file: "01-quickstart.ipynb", charts: ["Confusion matrix", "Feature importance", "Why this prediction", "Cascade frontier"], text: [/identical predictions after reload: true/] },
  { file: "02-tabular-llm-features.ipynb", charts: ["Feature importance", "Decision rules", "Why this prediction"], text: [/displacement_per_(cylinder|weight)/, /teacher calls: \d+/] }, // a kept proposal reaches the printed SQL
  { file: "03-benchmark-llm-baseline.ipynb", charts: ["Small model against the LLM", "Cascade frontier"], text: [/LLM \(stand-in-llm\)/, /Small model/, /Cascade/] },
  { file: "04-audit-credit.ipynb", charts: ["Decision rules", "Rate of \"approve\" by sex", "Why this prediction"], text: [/## 8\. Fairness/] },
];

describe.skipIf(reason !== undefined)("notebooks run headless through Jupyter with the Deno kernel", () => {
  mkdirSync(ARTIFACTS, { recursive: true });

  for (const nb of notebooks) {
    it(`${nb.file}: every cell runs without error and charts come out as Vega-Lite v5 bundles`, () => {
      const report = runNotebook(join(ROOT, "notebooks", nb.file), join(ARTIFACTS, nb.file));
      expect(failures(report)).toEqual([]);
      expect(report.ok).toBe(true);
      const shown = charts(report);
      for (const c of shown) {
        expect(c.schema).toBe(V5_SCHEMA);
        expect(c.mime).toEqual(expect.arrayContaining(["image/svg+xml", "text/plain"]));
      }
      for (const title of nb.charts) expect(shown.map((c) => c.title), `chart "${title}"`).toEqual(expect.arrayContaining([expect.stringContaining(title)]));
      const text = report.cells.flatMap((c) => c.outputs.map((o) => o.text ?? "")).join("\n");
      for (const pattern of nb.text ?? []) expect(text).toMatch(pattern);
    }, 300_000);
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
