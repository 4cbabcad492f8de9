import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { messages } from "../../src/core/messages/index.ts";
import { Random } from "../../src/core/random.ts";
import { distill } from "../../src/distill.ts";
import { rocAuc } from "../../src/evaluate/roc-auc.ts";
import { Understudy } from "../../src/understudy/understudy.ts";
import { testIndices } from "./datasets.ts";

// A credit-style table: income differs by sex (a proxy), region does not; the decision follows
// income and debt. Sex and age band are sensitive: measured by, never features unless asked.
const rng = new Random(11);
const rows = Array.from({ length: 600 }, (_, i) => {
  const sex = rng.next() < 0.5 ? "female" : "male";
  const age_band = rng.next() < 0.4 ? "under 30" : "30 and over";
  const income = Math.round(30 + (sex === "male" ? 12 : 0) + 20 * rng.next());
  const debt = rng.next();
  const region = ["north", "south", "east"][rng.int(3)];
  const score = income / 60 - debt + 0.3 * (rng.next() - 0.5);
  return { sex: i === 5 ? "" : sex, age_band, income, debt, region, outcome: score > 0.2 ? "approved" : "declined" };
});
const gold = rows.map((r) => r.outcome);
const options = { data: rows, task: "Approve this loan?", labels: ["approved", "declined"], target: "outcome", teacher: false as const, model: "logistic" as const, sensitive: ["sex", "age_band"], expressions: false };

describe("distill with sensitive columns", () => {
  let u: Understudy;
  let asFeature: Understudy;
  let restore: ReturnType<typeof setLogger>;
  beforeAll(async () => {
    restore = setLogger({ warn: () => {} });
    u = await distill(options);
    asFeature = await distill({ ...options, useSensitiveAsFeature: true });
  });
  afterAll(() => { setLogger(restore); });

  it("keeps sensitive columns out of the features unless useSensitiveAsFeature is true, which a warning states", () => {
    expect(u.metadata.features).toEqual(["income", "debt", "region"]);
    expect(u.toJSON().model.featureNames.some((f: string) => f.startsWith("sex") || f.startsWith("age_band"))).toBe(false);
    expect(u.metrics.fairness!.useSensitiveAsFeature).toBe(false);
    expect(asFeature.metadata.features).toEqual(expect.arrayContaining(["sex", "age_band"]));
    expect(asFeature.metrics.fairness!.useSensitiveAsFeature).toBe(true);
    expect(asFeature.metadata.warnings).toContain(messages.distill.sensitiveAsFeature(["sex", "age_band"]));
    expect(u.metadata.warnings.some((w) => w.startsWith("useSensitiveAsFeature"))).toBe(false);
  });

  it("lists income as a likely proxy for sex (correlation ratio ≥ 0.3), and warns; region is not one", () => {
    const p = u.metrics.fairness!.proxies!;
    expect(p).toMatchObject({ rows: "all", n: 600, threshold: 0.3 });
    const income = p.associations.find((a) => a.feature === "income" && a.attribute === "sex")!;
    expect(income).toMatchObject({ measure: "correlationRatio", n: 599, proxy: true });
    expect(p.associations.find((a) => a.feature === "region" && a.attribute === "sex")!.proxy).toBe(false);
    expect(u.metadata.warnings).toContain(messages.distill.sensitiveProxy("income", "sex", "correlation ratio", income.value, 0.3, 599));
  });

  it("measures selection rates per attribute and intersection on the test rows, counting rows without sex", () => {
    const f = u.metrics.fairness!;
    const test = testIndices(gold);
    expect(f.rows).toBe("test");
    expect(f.n).toBe(test.length);
    expect(f.byAttribute!.map((a) => a.attribute)).toEqual(["sex", "age_band", "sex × age_band"]);
    const predicted = u.predict(test.map((i) => rows[i]));
    const sex = f.byAttribute![0];
    expect(sex.missing).toBe(test.includes(5) ? 1 : 0);
    for (const g of sex.groups) {
      const mine = test.map((i, t) => (rows[i].sex === g.group ? t : -1)).filter((t) => t >= 0);
      expect(g.n).toBe(mine.length);
      expect(g.selectionRate).toBeCloseTo(mine.filter((t) => predicted[t] === "approved").length / mine.length, 12);
      expect(g.accuracy).toBeCloseTo(mine.filter((t) => predicted[t] === gold[test[t]]).length / mine.length, 12);
    }
    const top = Math.max(...sex.groups.map((g) => g.selectionRate));
    for (const g of sex.groups) expect(g.impactRatio).toBeCloseTo(g.selectionRate / top, 12);
  });

  it("gives AUC, KS, PR-AUC and deciles of P(approved) on the test rows, against gold, with intervals", () => {
    const b = u.metrics.binary!;
    expect(b.blocks).toHaveLength(1); // gold taught: one block, against gold
    const v = b.blocks[0];
    const test = testIndices(gold);
    expect(v).toMatchObject({ rows: "test", n: test.length, against: "gold", positive: "approved" });
    const k = u.classes!.indexOf("approved");
    const scores = u.predictProba(test.map((i) => rows[i])).map((p) => p[k]);
    expect(v.auc).toBeCloseTo(rocAuc(scores, test.map((i) => gold[i] === "approved")), 12);
    expect(v.intervals.auc.low).toBeLessThanOrEqual(v.auc);
    expect(v.calibrationByDecile.reduce((s, d) => s + d.n, 0)).toBe(test.length);
    expect(b.runnerUp.measured).toBe(false);
  });

  it("the report's summary warns about the proxy (and, when asked, the sensitive features); the validation section shows the figures", async () => {
    const md = await u.report({ format: "md" });
    const summary = md.slice(0, md.indexOf('<a id="card">'));
    expect(summary).toMatch(/Feature .income. may stand in for the sensitive column .sex.: correlation ratio 0\.\d\d ≥ 0\.3/);
    const validation = md.slice(md.indexOf('<a id="validation">'), md.indexOf('<a id="explanations">'));
    expect(validation).toContain("AUC");
    expect(validation).toContain("Selection rate of \"approved\" by sex × age\\_band"); // Markdown escapes the underscore
    expect(validation).toContain("Likely proxies: income for sex");
    // The same section after a JSON round trip: every figure is kept in the bundle.
    const back = Understudy.fromJSON(JSON.parse(JSON.stringify(u.toJSON())));
    const again = await back.report({ format: "md" });
    expect(again.slice(again.indexOf('<a id="validation">'), again.indexOf('<a id="explanations">'))).toBe(validation);
    const asked = await asFeature.report({ format: "md" });
    expect(asked.slice(0, asked.indexOf('<a id="card">'))).toContain("useSensitiveAsFeature: true");
  });

  it("leaves a sensitive column named in features out of them, and says so", async () => {
    const named = await distill({ ...options, sensitive: "sex", features: ["sex", "income", "debt"] });
    expect(named.metadata.features).toEqual(["income", "debt"]);
    expect(named.metadata.warnings).toContain(messages.distill.sensitiveNotFeature(["sex"]));
    expect(named.metrics.fairness!.byAttribute!.map((a) => a.attribute)).toEqual(["sex"]);
  });

  it("refuses a sensitive option that is not column names, and a column the data lacks", async () => {
    await expect(distill({ ...options, sensitive: [""] })).rejects.toThrow(messages.distill.badSensitive([""]));
    await expect(distill({ ...options, sensitive: ["sex", "religion"] })).rejects.toThrow("religion");
  });
});
