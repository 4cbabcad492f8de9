import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { UnderstudyError } from "../../src/core/errors.ts";
import { setLogger } from "../../src/core/logger.ts";
import { buildReport } from "../../src/report/build-report.ts";
import { computeReport, wilsonInterval } from "../../src/report/report-computed.ts";
import { pct } from "../../src/report/format.ts";
import { reportSections } from "../../src/report/report-sections.ts";
import { compileMessages } from "../charts/compile-spec.ts";
import type { ReportInput } from "../../src/report/report-input.ts";
import { SAMPLE_FEATURE_XSS, sampleReportInput } from "./sample-report-input.ts";

const SECTION_IDS = [
  "summary", "card", "task", "teacher", "data", "features", "model", "decision", "scorecard", "performance", "calibration", "fairness", "validation",
  "explanations", "examples", "disagreements", "cost", "drift", "limitations", "reproducibility",
];
const bare: ReportInput = { task: { description: "Is this email spam?" } };
const wilson = JSON.parse(readFileSync(join(import.meta.dirname, "..", "fixtures", "wilson-intervals.json"), "utf8")) as
  { successes: number; rows: number; low: number; high: number }[];

describe("buildReport: every section in every format", () => {
  it("HTML, Markdown and JSON all carry the 20 sections, in model-card order", async () => {
    const input = sampleReportInput();
    const html = await buildReport(input, { format: "html" });
    expect([...html.matchAll(/<section id="([a-z]+)">/g)].map((m) => m[1])).toEqual(SECTION_IDS);
    const md = await buildReport(input, { format: "md" });
    expect([...md.matchAll(/^<a id="([a-z]+)"><\/a>\n## \d+\. /gm)].map((m) => m[1])).toEqual(SECTION_IDS);
    const json = JSON.parse(await buildReport(input, { format: "json" }));
    expect(json.sections.map((s: { id: string }) => s.id)).toEqual(SECTION_IDS);
    expect(json.sections.every((s: { measured: boolean }) => s.measured)).toBe(true);
  });

  it("with only a task, every other section says 'not measured' and why; never undefined or NaN", async () => {
    for (const format of ["html", "md", "json"] as const) {
      const text = await buildReport({ ...bare, notMeasured: { fairness: "no protected attribute was named" } }, { format });
      expect(text).not.toMatch(/undefined|NaN/);
      if (format === "json") {
        const json = JSON.parse(text);
        const notMeasured = json.sections.filter((s: { measured: boolean }) => !s.measured).map((s: { id: string }) => s.id);
        expect(notMeasured).toEqual(SECTION_IDS.filter((id) => !["summary", "card", "task", "limitations"].includes(id)));
        expect(json.sections.find((s: { id: string }) => s.id === "fairness").reason).toBe("no protected attribute was named");
      } else {
        expect(text).toContain("Fairness: not measured: no protected attribute was named.");
        expect(text).toContain("Teacher: not measured: no teacher was recorded.");
        // The limitations section notices what is missing.
        expect(text).toContain("Accuracy against gold labels was not measured");
      }
    }
  });

  it("shows dashes, not NaN, for non-finite or absent numbers inside a measured section", async () => {
    const md = await buildReport({ ...bare, cost: { teacherCalls: 0, promptTokens: 0, completionTokens: 0, costUSD: Number.NaN } }, { format: "md" });
    expect(md).toContain("| **Cost** | — |");
    expect(md).toContain("| **Cost per call** | — |");
    expect(md).not.toMatch(/NaN|undefined|Infinity/);
  });
});

describe("buildReport: a chart whose data are broken", () => {
  afterEach(() => setLogger(undefined));

  it("is left out with the reason and a warning; the rest of the report still renders", async () => {
    const warnings: string[] = [];
    setLogger({ warn: (m) => warnings.push(m) });
    const input = sampleReportInput();
    input.fairness![0]!.groups[0]!.rate = Number.NaN;
    const html = await buildReport(input, { format: "html" });
    expect((html.match(/<svg /g) ?? []).length).toBe(11);
    expect(html).toContain("not drawn, fairnessChart: [0].rate must be a finite number, got NaN.");
    expect(warnings).toEqual(["report: chart left out (fairnessChart: [0].rate must be a finite number, got NaN.)"]);
    expect(html).not.toMatch(/>NaN</);
  });
});

describe("the report's charts", () => {
  it("are one per chart-worthy input, each compiling in vega-lite without a warning", () => {
    const sections = reportSections(sampleReportInput(), computeReport(sampleReportInput()));
    const charts = sections.flatMap((s) => s.blocks.filter((b) => b.kind === "chart").map((b) => [s.id, b.spec.title.text] as const));
    expect(charts).toEqual([
      ["performance", "Confusion matrix against teacher"],
      ["performance", "Confusion matrix against gold labels"],
      ["performance", "Learning curve"],
      ["performance", "Cascade frontier"],
      ["calibration", "Calibration"],
      ["fairness", "Approval rate by age band"],
      ["explanations", "Feature importance (test rows, n = 200)"],
      ["explanations", "Decision rules"],
      ["explanations", "Partial dependence on debt_ratio"],
      ["explanations", "Concept detectors (held-out rows)"],
      ["examples", "Reason codes for test row A-1042"],
      ["drift", "Drift against the training rows"],
    ]);
    for (const b of sections.flatMap((s) => s.blocks)) if (b.kind === "chart") expect(compileMessages(b.spec)).toEqual([]);
  });
});

describe("buildReport: HTML", () => {
  it("is self-contained: inline CSS and SVG, no script, no link, no URL outside SVG namespaces", async () => {
    const html = await buildReport(sampleReportInput(), { format: "html" });
    const withoutNamespaces = html.replace(/xmlns(:\w+)?="http:\/\/www\.w3\.org\/[^"]+"/g, "");
    expect(withoutNamespaces).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|@import/i);
    expect(html).toContain("<style>");
    expect(html).toContain("@media print");
    expect((html.match(/<svg /g) ?? []).length).toBe(12);
  });

  it("escapes feature names and LLM text, in tables and inside the charts", async () => {
    const html = await buildReport(sampleReportInput(), { format: "html" });
    expect(html).not.toContain(SAMPLE_FEATURE_XSS);
    expect(html).not.toContain("<b>none</b>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;b&gt;none&lt;/b&gt;");
  });

  it("gives every SVG id a chart prefix so charts cannot paint with each other's gradients", async () => {
    const html = await buildReport(sampleReportInput(), { format: "html" });
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
    expect(new Set(ids).size).toBe(ids.length);
    const references = [...html.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(references.length).toBeGreaterThan(0); // the confusion matrices' colour legends
    for (const r of references) expect(ids).toContain(r);
  });

  it("is the same for the same input (no clock, no random ids)", async () => {
    const a = await buildReport(sampleReportInput(), { format: "html" });
    const b = await buildReport(sampleReportInput(), { format: "html" });
    expect(a).toBe(b);
  });
});

describe("buildReport: Markdown", () => {
  it("keeps tables intact and text inert: pipes, HTML and emphasis characters are escaped", async () => {
    const input = sampleReportInput();
    input.disagreements![0]!.input = "debt | income *high* <b>x</b>";
    const md = await buildReport(input, { format: "md" });
    expect(md).toContain("debt \\| income \\*high\\* &lt;b&gt;x&lt;/b&gt;");
    expect(md).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(md).not.toContain("<script");
    // Every table row has as many cells as its header.
    const blocks = md.split(/\n\n/).filter((b) => b.startsWith("| "));
    expect(blocks.length).toBeGreaterThan(10);
    for (const block of blocks) {
      const counts = block.trim().split("\n").map((line) => line.replace(/\\\|/g, "").split("|").length);
      expect(new Set(counts).size).toBe(1);
    }
  });
});

describe("buildReport: JSON", () => {
  it("holds the input and figures computed from it (checked by hand and against SciPy)", async () => {
    const json = JSON.parse(await buildReport(sampleReportInput(), { format: "json" }));
    expect(json.format).toBe("understudy-report");
    expect(json.input.performance.vsTeacher.value).toBe(0.93);
    const ref = wilson.find((w) => w.successes === 186 && w.rows === 200)!;
    expect(json.computed.vsTeacherInterval[0]).toBeCloseTo(ref.low, 12);
    expect(json.computed.vsTeacherInterval[1]).toBeCloseTo(ref.high, 12);
    // Σ count·|observed − predicted| / Σ count = (90·0.01 + 20·0.05 + 25·0.1 + 65·0.02) / 200.
    expect(json.computed.expectedCalibrationError).toBeCloseTo(5.7 / 200, 12);
    expect(json.computed.totalTokens).toBe(243600 + 8120);
    expect(json.computed.costPerCallUSD).toBeCloseTo(0.0414 / 812, 15);
    expect(json.computed.fairnessFlags).toHaveLength(1);
    expect(json.computed.fairnessFlags[0].group).toBe("under 30");
    expect(json.computed.fairnessFlags[0].ratio).toBeCloseTo(0.44 / 0.66, 12);
    expect(json.computed.disagreementCount).toBe(2);
  });

  it("sorts keys, so the same data in another key order gives the same bytes", async () => {
    const input = sampleReportInput();
    const reordered = Object.fromEntries(Object.entries(input).reverse()) as unknown as ReportInput;
    const a = await buildReport(input, { format: "json" });
    expect(await buildReport(reordered, { format: "json" })).toBe(a);
    const keys = Object.keys(JSON.parse(a));
    expect(keys).toEqual([...keys].sort());
  });
});

describe("wilsonInterval", () => {
  it("matches SciPy's binomtest(...).proportion_ci(method='wilson')", () => {
    for (const w of wilson) {
      const [low, high] = wilsonInterval(w.successes / w.rows, w.rows)!;
      expect(low).toBeCloseTo(w.low, 12);
      expect(high).toBeCloseTo(w.high, 12);
    }
    expect(wilsonInterval(0.5, 0)).toBeNull();
  });
});

describe("buildReport: bad input", () => {
  it("names an unknown format and a missing task", async () => {
    await expect(buildReport(bare, { format: "pdf" as "html" })).rejects.toThrow(messages.report.format("pdf"));
    await expect(buildReport({ task: { description: " " } }, { format: "md" })).rejects.toThrow(UnderstudyError);
    await expect(buildReport({} as ReportInput, { format: "md" })).rejects.toThrow(messages.report.noTaskDescription());
    await expect(buildReport({} as ReportInput, { format: "md" })).rejects.toMatchObject({ code: "bad_input" });
  });
});

describe("buildReport: short and exactly true", () => {
  const openCount = (html: string) => (html.match(/<figure class="chart"/g) ?? []).length - (html.match(/<details class="chart">/g) ?? []).length;

  it("shows the first 30 rows of a long table and folds the rest into a closed section", async () => {
    const coefficients = Array.from({ length: 45 }, (_, i) => ({ feature: `f${String(i).padStart(2, "0")}`, coefficient: 45 - i }));
    const input: ReportInput = { ...bare, explanations: { coefficients } };
    const html = await buildReport(input, { format: "html" });
    const open = html.slice(0, html.indexOf("<details>"));
    const folded = html.slice(html.indexOf("<details>"));
    expect(open).toContain("Coefficients (fitted on training rows): first 30 of 45 rows");
    expect(open).toContain("<td>f29</td>");
    expect(open).not.toContain("<td>f30</td>");
    expect(folded).toMatch(/^<details><summary>The other 15 rows of Coefficients/);
    for (const f of ["f30", "f44"]) expect(folded).toContain(`<td>${f}</td>`);
    const md = await buildReport(input, { format: "md" });
    expect(md).toContain("| f29 | 16 |");
    expect(md).not.toContain("| f30 |");
    expect(md).toContain("_First 30 of 45 rows; all of them are in the HTML and JSON reports._");
  });

  it("draws at most 12 charts open; secondary and later ones wait in closed sections", async () => {
    const input = sampleReportInput();
    const example = input.examples![0]!;
    input.examples = Array.from({ length: 6 }, (_, i) => ({ ...example, id: `A-${i}` }));
    const html = await buildReport(input, { format: "html" });
    // 11 charts outside examples (learning curve and concepts folded as secondary) + 6 waterfalls, of which the first is open.
    expect((html.match(/<figure class="chart"/g) ?? []).length).toBe(17);
    expect(openCount(html)).toBe(10);
    expect(html).toContain('<details class="chart"><summary>Chart: Waterfall of the contributions to P(review) for test row A-5.</summary>');
    const many = { ...input, fairness: Array.from({ length: 8 }, () => input.fairness![0]!) };
    expect(openCount(await buildReport(many, { format: "html" }))).toBe(12);
  });

  it("opens with the headline on test rows, every warning, and the call, command and data file that reproduce the run", async () => {
    const input: ReportInput = {
      ...sampleReportInput(),
      warnings: ["logistic regression did not converge in maxIter = 100 iterations", "3 rows have no gold label"],
      reproducibility: {
        seed: 7,
        call: 'distill({ data: "loans.csv", task: "Review?", labels: ["approve", "review"], seed: 7 })',
        command: "understudy distill --data loans.csv --labels approve,review --seed 7",
        dataFile: { name: "loans.csv", sha256: "ab".repeat(32) },
      },
    };
    const md = await buildReport(input, { format: "md" });
    const summary = md.slice(md.indexOf('<a id="summary">'), md.indexOf('<a id="card">'));
    expect(summary).toContain("| Agreement with the teacher | 93.0% | test rows, n = 200; 95% interval");
    expect(summary).toContain("### Warnings of this run (2)");
    expect(summary).toContain("- logistic regression did not converge in maxIter = 100 iterations");
    expect(summary).toContain('| **Call** | distill({ data: "loans.csv", task: "Review?", labels: \\["approve", "review"\\], seed: 7 }) |');
    expect(summary).toContain("| **Command** | understudy distill --data loans.csv --labels approve,review --seed 7 |");
    expect(summary).toContain(`| **Data file** | loans.csv (SHA-256 ${"ab".repeat(32)}) |`);
    expect(summary).toContain("| **Explained class** | approve |");
  });

  it("regression: R² against the reference, no accuracy and no gold-label wording", async () => {
    const input: ReportInput = {
      task: { description: "Miles per gallon?", kind: "regression" },
      performance: { other: [
        { name: "R²", value: 0.81, against: "teacher", reference: "teacher", on: "test", rows: 80 },
        { name: "MAE", value: 2.4, against: "teacher", reference: "teacher", on: "test", rows: 80 },
      ] },
    };
    for (const format of ["html", "md"] as const) {
      const text = await buildReport(input, { format });
      expect(text).not.toMatch(/Accuracy against gold labels|Agreement with the teacher|Explained class/);
      expect(text).toContain("Error against gold values was not measured");
    }
    expect(await buildReport(input, { format: "md" })).toContain("| R² against teacher | 0.81 | test rows, n = 80 |");
  });

  it("draws no cost line and shows no cost column when no cost was measured", async () => {
    const input = sampleReportInput();
    input.performance!.cascade = { points: input.performance!.cascade!.points.map(({ cost: _, ...p }) => p), pointsOn: "validation", measure: "agreement with the teacher" };
    const sections = reportSections(input, computeReport(input));
    const chart = sections.flatMap((s) => s.blocks).find((b) => b.kind === "chart" && b.spec.title.text === "Cascade frontier");
    expect(JSON.stringify(chart)).not.toContain('"cost"');
    const table = sections.flatMap((s) => s.blocks).find((b) => b.kind === "table" && b.caption.startsWith("Cascade operating points"));
    expect(table).toMatchObject({ caption: "Cascade operating points (validation rows; agreement with the teacher)", columns: ["Sent to LLM", "Accuracy", "Threshold"] });
  });

  it("keeps one cascade operating point per 5% of rows sent open, every point in a folded table", async () => {
    const points = Array.from({ length: 400 }, (_, i) => ({ shareToLLM: i / 399, accuracy: 0.9 + 0.1 * (i / 399), threshold: 1 - i / 399 }));
    const input: ReportInput = { ...bare, performance: { cascade: { points, pointsOn: "validation" } } };
    const sections = reportSections(input, computeReport(input));
    const tables = sections.find((s) => s.id === "performance")!.blocks.filter((b) => b.kind === "table" && b.caption.includes("ascade operating points"));
    const [open, all] = tables as Extract<(typeof tables)[number], { kind: "table" }>[];
    // Shares 0, 5%, ..., 100%: 21 steps, each the first point at or past its step.
    expect(open!.rows.map((r) => r[0])).toEqual(Array.from({ length: 21 }, (_, k) => pct(Math.ceil((k / 20) * 399 - 1e-9) / 399)));
    expect(open!.caption).toBe("Cascade operating points (validation rows; accuracy): the first at each 5% of rows sent, 21 of 400");
    expect(all).toMatchObject({ folded: true, caption: "All 400 cascade operating points (validation rows)" });
    expect(all!.rows).toHaveLength(400);
    const html = await buildReport(input, { format: "html" });
    expect(html).toContain("<details><summary>All 400 cascade operating points (validation rows)</summary>");
  });
});
