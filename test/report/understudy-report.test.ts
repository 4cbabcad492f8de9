import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { distill } from "../../src/distill.ts";
import type { Understudy } from "../../src/understudy/understudy.ts";
import { cars } from "../distill/datasets.ts";
import { spamSample } from "../features/spam-sample.ts";
import { creditRows } from "../understudy/credit-rows.ts";

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

describe("the candidate table says where each family stood in the choice", () => {
  it("notes the best score, the ones within the margin and the ones below it; no empty Note column", async () => {
    const u = await distill({ data: cars(), task: "Miles per gallon?", target: "Miles_per_Gallon", features: ["Cylinders", "Horsepower", "Weight_in_lbs"], teacher: false, model: "auto", seed: 0 });
    const json = JSON.parse(await u.report({ format: "json" }));
    const { candidates, tolerance } = u.metadata.modelChoice;
    const best = Math.max(...candidates.map((c) => c.score));
    const notes = json.input.model.candidates.map((c: { note: string }) => c.note);
    candidates.forEach((c, i) => {
      if (c.score === best) expect(notes[i]).toMatch(/^best score/);
      else if (c.score >= best - tolerance) expect(notes[i]).toMatch(/^(simplest )?within the margin/);
      else expect(notes[i]).toBe("below the best by more than the margin");
    });
    expect(notes.filter((n: string) => n.startsWith("best score")).length).toBe(1);
    const md = await u.report({ format: "md" });
    const chosen = candidates.find((c) => c.chosen)!;
    expect(md).toContain(`| yes | ${notes[candidates.indexOf(chosen)]} |`);
  }, 120_000);

  it("a lone candidate has no Note column", async () => {
    const u = await distill({ data: cars(), task: "Miles per gallon?", target: "Miles_per_Gallon", features: ["Horsepower"], teacher: false, model: "linear" });
    const md = await u.report({ format: "md" });
    const header = md.split("\n").find((l) => l.startsWith("| Candidate at its tuned settings"))!;
    expect(header).not.toContain("Note");
  }, 120_000);
});

describe("positive: \"ham\" on a spam run: every chart and figure names ham", () => {
  const emails = spamSample(300, 7);
  const data = emails.map((e, i) => ({ id: `m${i}`, text: e.text, label: e.label }));
  let u: Understudy;
  let json: { input: Record<string, any> };
  beforeAll(async () => {
    u = await distill({ data, task: "Is this email spam?", labels: ["spam", "ham"], positive: "ham", text: "text", target: "label", teacher: false, model: "logistic" });
    json = JSON.parse(await u.report({ format: "json" }));
  }, 120_000);

  it("records ham and explains ham in the report: task, coefficients, partial dependence, examples, decision, calibration, AUC", () => {
    expect(u.metadata.positive).toBe("ham");
    const i = json.input;
    expect(i.task.positive).toBe("ham");
    expect(i.decision.positive).toBe("ham");
    expect(i.explanations.coefficientOutput).toBe("log-odds of ham, per standard deviation");
    expect(i.explanations.partialDependenceOutput).toBe("P(ham)");
    for (const e of i.examples) expect(e.reasonCodes.output).toBe("log-odds of ham");
    expect(i.calibration.positiveLabel).toBe("ham");
    for (const b of i.validation.binary) expect(b.positive).toBe("ham");
  });

  it("the calibration bins are P(ham) by decile: their mean predicted is the mean of P(ham) over the test rows", () => {
    const bins = json.input.calibration.bins as { meanPredicted: number; count: number }[];
    const n = bins.reduce((s, b) => s + b.count, 0);
    const meanFromBins = bins.reduce((s, b) => s + b.meanPredicted * b.count, 0) / n;
    const blocks = u.metadata.metrics.binary!.blocks;
    const decile = blocks.find((b) => b.against === "teacher") ?? blocks[0];
    expect(n).toBe(decile.n);
    // P(ham) and P(spam) bins would average to p and 1 − p: only P(ham) matches the deciles' own mean.
    const own = decile.calibrationByDecile.reduce((s, d) => s + d.meanPredicted * d.n, 0) / decile.n;
    expect(meanFromBins).toBeCloseTo(own, 12);
  });

  it("every chart names ham: reason codes, partial dependence, coefficients, calibration", () => {
    const ham = u.model.classes!.indexOf("ham");
    const row = data[0];
    const rc = u.charts.reasonCodes(row) as unknown as { title: { subtitle: string } };
    const [, shown] = rc.title.subtitle.match(/^log-odds of ham: baseline \S+ → prediction (\S+)$/)!;
    expect(Number(shown)).toBeCloseTo(logit(u.predictProba([row])[0][ham]), 3);
    const text = (spec: unknown) => JSON.stringify(spec);
    expect(text(u.charts.partialDependence(u.model.featureNames[0]))).toContain("P(ham)");
    expect(text(u.charts.coefficients!())).toContain("log-odds of ham");
    expect(text(u.charts.calibration())).toContain("P(ham)");
    expect(text(u.charts.calibration())).not.toContain("spam");
  });
});

describe("a credit run scored for \"bad\" with costs: decision rule, scorecard, candidates, drift", () => {
  const rows = creditRows(600, 1);
  let u: Understudy;
  let json: { input: Record<string, any>; sections: { id: string; measured: boolean }[] };
  beforeAll(async () => {
    u = await distill({ data: rows, task: "Will this applicant repay?", labels: ["good", "bad"], positive: "bad", target: "label", costs: { falsePositive: 1, falseNegative: 5 }, seed: 0, model: "logistic" });
    json = JSON.parse(await u.report({ format: "json" }));
  }, 120_000);

  it("the decision section states the cutoff sentence and the calibration measured out of fold and on test rows", () => {
    const d = json.input.decision;
    expect(d.positive).toBe("bad");
    expect(d.cutoff).toBe(u.metadata.cutoff!.text);
    expect(d.calibrated).toBe(false);
    expect(d.calibrationCV).toMatchObject({ on: "cv", rows: u.metadata.metrics.calibrationCV!.n, ece: u.metadata.metrics.calibrationCV!.ece });
    expect(d.calibrationTest).toMatchObject({ on: "test", rows: u.metadata.metrics.calibration!.n, probabilities: "uncalibrated" });
  });

  it("the scorecard section lists u.scorecard()'s table for bad, with the largest difference over the test rows", () => {
    const card = u.scorecard();
    expect(card.positive).toBe("bad");
    const s = json.input.scorecard;
    expect(s.positive).toBe("bad");
    expect(s.table).toEqual(card.table.map((r) => ({ column: r.column, condition: r.condition, points: r.points })));
    expect(s.check).toEqual({ maxDifference: u.metadata.reference!.scorecardCheck!.maxDifference, n: u.metadata.split.rows.test });
    // Higher scores, higher odds of bad: score(row) = offset + factor·ln(P(bad)/(1 − P(bad))).
    const bad = u.classes!.indexOf("bad");
    const p = u.predictProba([rows[0]])[0][bad];
    expect(card.score(rows[0])).toBeCloseTo(card.offset + card.factor * logit(p), 9);
  });

  it("candidates carry their cross-validated score ± standard error and the rows; missing cells per column", async () => {
    const c = json.input.model.candidates[0];
    const stored = u.metadata.modelChoice.candidates[0];
    expect(c).toMatchObject({ type: stored.type, score: stored.score, standardError: stored.standardError, on: "cv", rows: stored.n, folds: stored.folds });
    const missingIncome = rows.filter((r) => r.income === null).length;
    expect(json.input.data.missingCells).toContainEqual({ column: "income", count: missingIncome });
    const md = await u.report({ format: "md" });
    expect(md).toContain(`| income | ${missingIncome} | ${(missingIncome / rows.length * 100).toFixed(1)}% |`);
  });

  it("u.report({ monitor: u.monitor(rows) }) adds the drift section: PSI chart, drifted list and table", async () => {
    expect(json.sections.find((s) => s.id === "drift")!.measured).toBe(false);
    // Rows from use with incomes doubled: income drifts, the others do not.
    const later = creditRows(300, 2).map((r) => ({ ...r, income: r.income === null ? null : (r.income as number) * 2 }));
    const monitor = u.monitor(later);
    expect(monitor.drifted).toContain("income");
    const md = await u.report({ format: "md", monitor });
    // Markdown escapes ">" (and "_" in column names).
    expect(md).toContain(`Drifted (PSI &gt; 0.25) on new rows, n = 300, against the training rows: ${monitor.drifted.join(", ").replace(/_/g, "\\_")}.`);
    const withDrift = JSON.parse(await u.report({ format: "json", monitor }));
    expect(withDrift.sections.find((s: { id: string }) => s.id === "drift").measured).toBe(true);
    expect(withDrift.input.monitoring.predictionOutput).toBe("P(bad)");
    expect(withDrift.input.monitoring.drifted).toEqual(monitor.drifted);
    const html = await u.report({ format: "html", monitor });
    expect(html).toContain("Drift against the training rows");
  }, 60_000);
});
