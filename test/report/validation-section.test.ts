import { describe, expect, it } from "vitest";
import { buildReport } from "../../src/report/build-report.ts";
import { computeReport } from "../../src/report/report-computed.ts";
import { reportSections } from "../../src/report/report-sections.ts";
import { agreementDifference } from "../../src/evaluate/paired-difference.ts";
import { validationBlocks } from "../../src/report/validation-section.ts";
import { sampleReportInput, sampleValidation } from "./sample-report-input.ts";

describe("validation section", () => {
  const v = sampleValidation();
  const blocks = validationBlocks(v)!;
  const table = (start: string) => blocks.find((b) => b.kind === "table" && b.caption.startsWith(start)) as Extract<(typeof blocks)[number], { kind: "table" }>;

  it("shows AUC, Gini, KS, PR-AUC and accuracy with their 95% intervals, naming the rows", () => {
    const b = v.binary![0];
    const t = table("Discrimination against gold labels");
    expect(t.caption).toContain("test rows, n = 200");
    expect(t.caption).toContain("200 seeded resamples");
    expect(t.rows[0]).toEqual(["AUC", String(Number(b.auc.toPrecision(4))), `${Number(b.intervals.auc.low.toPrecision(4))} – ${Number(b.intervals.auc.high.toPrecision(4))}`]);
    expect(t.rows.map((r) => r[0])).toEqual(["AUC", "Gini (2·AUC − 1)", "KS statistic", "PR-AUC (average precision)", "Accuracy"]);
    expect(table("Calibration by decile").rows).toHaveLength(10);
    expect(blocks).toContainEqual({ kind: "notMeasured", what: "Difference from the runner-up model (95% interval)", reason: "the runner-up has no test predictions" });
  });

  it("prints the chosen model minus the runner-up with its paired interval, per label set", () => {
    // Chosen right on 9 of 10 teacher rows, runner-up on 7: +20 points; identical on gold: 0 with [0, 0].
    const teacher = agreementDifference([1, 1, 1, 1, 1, 1, 1, 1, 1, 0], [1, 1, 1, 1, 1, 1, 1, 0, 0, 0], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], { against: "teacher", seed: 0 });
    const gold = agreementDifference([1, 0, 1], [1, 0, 1], [1, 1, 1], { against: "gold", seed: 0 });
    const runnerUp = { measured: true as const, name: "tree", type: "decision tree (depth 3)", ...teacher, vsGold: gold };
    const t = validationBlocks({ ...v, runnerUp })!.find((b) => b.kind === "table" && b.caption.startsWith("Chosen model minus the runner-up")) as Extract<(typeof blocks)[number], { kind: "table" }>;
    expect(t.caption).toContain("decision tree (depth 3)");
    expect(t.caption).toContain("1,000 seeded resamples");
    const points = (x: number) => `${x > 0 ? "+" : x < 0 ? "−" : ""}${Math.abs(Number((x * 100).toFixed(1)))} pt`;
    expect(t.rows).toEqual([
      ["Agreement with the teacher (test rows, n = 10)", "90.0%", "70.0%", "+20 pt", `${points(teacher.interval[0])} – ${points(teacher.interval[1])}`],
      ["Accuracy against gold (test rows, n = 3)", "66.7%", "66.7%", "0 pt", "0 pt – 0 pt"],
    ]);
  });

  it("lists each group's selection rate, impact ratio with interval, status, and the rows missing the attribute", () => {
    const t = table('Selection rate of "approve" by Age band');
    expect(t.caption).toContain("test rows, n = 199");
    expect(t.caption).toContain("1 test row missing Age band not grouped");
    const a = v.fairness!.byAttribute[0];
    expect(t.rows.map((r) => r[0])).toEqual(a.groups.map((g) => g.group));
    expect(t.rows.find((r) => r[0] === a.reference)!.at(-1)).toBe("reference");
  });

  it("names the likely proxies with their association and the 0.3 threshold, and says whether sensitive columns were features", () => {
    const text = blocks.filter((b) => b.kind === "paragraph").map((b) => b.text).join("\n");
    expect(text).toContain("Likely proxies: income for Age band (correlation ratio η");
    expect(text).toContain("an association of 0.3 or more (all rows before the split, n = 200)");
    expect(text).toContain("The sensitive columns are not features of this model");
    expect(table("Association of each feature column").rows.map((r) => [r[0], r[5]])).toEqual([["income", "yes"], ["employment", ""]]);
  });

  it("is a section of the report after fairness, and says why when nothing was measured", async () => {
    const sections = reportSections(sampleReportInput(), computeReport(sampleReportInput()));
    expect(sections.map((s) => s.id).indexOf("validation")).toBe(sections.map((s) => s.id).indexOf("fairness") + 1);
    const md = await buildReport({ task: { description: "Spam?" } }, { format: "md" });
    expect(md).toContain("Validation metrics and fairness detail: not measured:");
    const full = await buildReport(sampleReportInput(), { format: "md" });
    expect(full).not.toMatch(/NaN|undefined/);
    // The model card's "Validation performed" names the AUC with its interval and the proxies.
    const card = full.slice(full.indexOf('<a id="card">'), full.indexOf('<a id="task">'));
    expect(card).toContain(`AUC ${Number(v.binary![0].auc.toPrecision(4))} (95% interval`);
    expect(card).toContain("likely proxies of sensitive attributes: income for Age band");
  });
});
