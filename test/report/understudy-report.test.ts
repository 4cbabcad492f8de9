import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { distill } from "../../src/distill.ts";
import type { Understudy } from "../../src/understudy/understudy.ts";
import { cars } from "../distill/datasets.ts";
import { spamSample } from "../features/spam-sample.ts";

// The report of a real run: every figure names its rows, the headline is the test rows', one
// class is explained everywhere, and a regression speaks of values.

let previousLogger: ReturnType<typeof setLogger>;
beforeAll(() => { previousLogger = setLogger({ warn: () => {}, info: () => {} }); });
afterAll(() => { setLogger(previousLogger); });

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const logit = (p: number) => Math.log(p / (1 - p));

describe("a binary run whose labels are given in non-sorted order (spam, ham)", () => {
  const emails = spamSample(300, 7);
  const data = emails.map((e, i) => ({ id: `m${i}`, text: e.text, label: e.label }));
  let u: Understudy;
  let json: { input: Record<string, any> };
  beforeAll(async () => {
    u = await distill({ data, task: "Is this email spam?", labels: ["spam", "ham"], text: "text", target: "label", teacher: false, model: "logistic" });
    json = JSON.parse(await u.report({ format: "json" }));
  }, 120_000);

  it("explains P(spam), the first label, everywhere: examples, coefficients, partial dependence, charts", () => {
    expect([...u.model.classes!]).toEqual(["ham", "spam"]);
    const e = json.input.explanations;
    expect(json.input.task.positive).toBe("spam");
    expect(e.coefficientOutput).toBe("log-odds of spam, per standard deviation");
    expect(e.partialDependenceOutput).toBe("P(spam)");
    const outputs = json.input.examples.map((x: { reasonCodes: { output: string } }) => x.reasonCodes.output);
    expect(outputs.length).toBeGreaterThan(0);
    for (const o of outputs) expect(o).toBe("log-odds of spam");
  });

  it("a waterfall toward spam adds up to the log-odds of spam the model gives, for a row predicted ham too", () => {
    const hamRow = data.find((r) => u.predict([r])[0] === "ham")!;
    const spec = u.charts.reasonCodes(hamRow) as unknown as { title: { subtitle: string } };
    const [, shown] = spec.title.subtitle.match(/^log-odds of spam: baseline \S+ → prediction (\S+)$/)!;
    const reasons = u.explain(hamRow).reasons;
    const pSpam = u.predictProba([hamRow])[0][u.model.classes!.indexOf("spam")];
    // explain() speaks of the predicted class (ham): toward spam every sign flips.
    expect(reasons.output).toBe("ham");
    expect(-reasons.outputValue).toBeCloseTo(logit(pSpam), 9);
    expect(Number(shown)).toBeCloseTo(logit(pSpam), 3);
  });

  it("flips coefficients toward spam: a word that raises P(spam) has a positive bar", () => {
    // The strongest single-word term: an e-mail holding only that word moves P(spam) the way its bar points.
    const bars = (json.input.explanations.coefficients as { feature: string; coefficient: number }[])
      .filter((b) => /^text: ?[a-z]{3,}$/.test(b.feature))
      .sort((a, b) => Math.abs(b.coefficient) - Math.abs(a.coefficient));
    const row = { id: "x", text: bars[0].feature.replace(/^text: ?/, ""), label: "ham" };
    const base = { id: "y", text: "", label: "ham" };
    const j = u.model.classes!.indexOf("spam");
    const up = u.predictProba([row])[0][j] - u.predictProba([base])[0][j];
    expect(Math.sign(up)).toBe(Math.sign(bars[0].coefficient));
  });

  it("puts the test-row figures, the cascade on test rows and the reproducing call first", async () => {
    const html = await u.report({ format: "html" });
    const c = u.metrics.cascade!;
    expect(json.input.performance.cascade.chosen.test).toEqual(c.test);
    const header = html.slice(0, html.indexOf("<nav"));
    expect(header).toContain(`<b>${pct(u.metrics.vsTeacher.agreement)}</b>Agreement with the teacher<small>test rows, n = ${u.metrics.vsTeacher.n}`);
    expect(header).toContain(`<b>${pct(c.test.coverage)}</b>Cascade: answered by the small model<small>test rows, n = ${c.test.n}`);
    const summary = html.slice(html.indexOf('<section id="summary">'), html.indexOf('<section id="card">'));
    expect(summary).toContain(u.metadata.reproduce!.call.replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"));
    expect(summary).toContain(`Warnings of this run (${u.metadata.warnings.length})`);
    // No teacher was paid: the cascade has no cost line and no cost column.
    expect(json.input.performance.cascade.points.every((p: { cost?: number }) => p.cost === undefined)).toBe(true);
    expect(html).not.toContain("Cost (USD per 1,000 rows)");
  });

  it("has the six model-card parts, the monitoring plan with its PSI bands", async () => {
    const md = await u.report({ format: "md" });
    const card = md.slice(md.indexOf('<a id="card">'), md.indexOf('<a id="task">'));
    for (const part of ["Purpose and intended use", "Out-of-scope uses", "Data and its limits", "Validation performed", "Known limitations", "Monitoring plan"]) {
      expect(card).toContain(`**${part}**`);
    }
    expect(card).toContain("below 0.1 stable; 0.1 to 0.25 watch; above 0.25 act");
    expect(card).toContain("Not measured yet: no rows from use were scored.");
  });
});

describe("a regression run", () => {
  it("speaks of R² and values against the teacher, never of accuracy against gold labels", async () => {
    const u = await distill({ data: cars(), task: "Miles per gallon?", target: "Miles_per_Gallon", features: ["Cylinders", "Horsepower", "Weight_in_lbs"], teacher: false, model: "tree" });
    const md = await u.report({ format: "md" });
    expect(md).not.toMatch(/Accuracy against gold|Agreement with the teacher/);
    expect(md).toContain(`| R² against gold values (which taught: one measurement, not two) | ${Number(u.metrics.vsTeacher.r2!.toPrecision(4))} | test rows, n = ${u.metrics.vsTeacher.n} |`);
    expect(md).not.toContain("Explained class");
  }, 60_000);
});
