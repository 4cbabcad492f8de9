/**
 * The decision rule on the movies set of bench/quality.ts (binary, categoricals + missing):
 * for a forest and a logistic regression, the calibration of their probabilities on the bench's
 * 25% test rows without and with `calibrate: true` (Platt, fitted out of fold), and the cost of
 * their decisions there with a false negative ("good" missed) costing 5 and a false positive 1,
 * at the most probable class and at the cutoff `costs` chose out of fold.
 * Run `npx tsx bench/quality.ts` first (it writes the rows), then `npx tsx bench/decision.ts`.
 */
import { readFileSync } from "node:fs";
import { setLogger } from "../src/core/logger.ts";
import { distill } from "../src/distill.ts";
import { calibration } from "../src/evaluate/calibration.ts";

type Row = Record<string, unknown>;
// Movies has 747 test rows, so bench/quality.ts scores it on one 75/25 split: outer[0].
const d = JSON.parse(readFileSync("bench/out/quality/movies.json", "utf8")) as { target: string; features: string[]; rows: Row[]; outer: [{ train: number[]; test: number[] }] };
const train = d.outer[0].train.map((i) => d.rows[i]);
const test = d.outer[0].test.map((i) => d.rows[i]);
setLogger({ warn: () => {} });
const inputs = test.map(({ [d.target]: _, ...r }) => r);
const truth = test.map((r) => String(r[d.target]));
const costs = { falsePositive: 1, falseNegative: 5 };
const base = { data: train, task: "Is this movie rated 7 or more?", target: d.target, teacher: false as const, seed: 0, labels: ["good", "not good"], features: d.features, split: { train: 0.75, validation: 0.15, test: 0.1 } };
const f = (v: number) => v.toFixed(3);
const lines = ["| model | ECE test (raw) | ECE test (calibrate) | Brier raw / calibrated | accuracy raw / calibrated | cost per row at 0.5 | cutoff (out of fold) | cost per row at cutoff |", "|---|---|---|---|---|---|---|---|"];
for (const model of ["logistic", "forest"] as const) {
  const raw = await distill({ ...base, model });
  const cal = await distill({ ...base, model, calibrate: true });
  const cut = await distill({ ...base, model, costs });
  const c = (u: typeof raw) => calibration(u.predictProba(inputs), u.classes!, truth, { bins: 10 });
  const acc = (u: typeof raw) => u.predict(inputs).filter((p, i) => p === truth[i]).length / truth.length;
  const cost = (predicted: unknown[]) => predicted.reduce<number>((s, p, i) => s + (p === "good" && truth[i] !== "good" ? costs.falsePositive : p !== "good" && truth[i] === "good" ? costs.falseNegative : 0), 0) / truth.length;
  lines.push(`| ${raw.metadata.modelChoice.candidates[0].type} | ${f(c(raw).ece)} | ${f(c(cal).ece)} | ${f(c(raw).brier)} / ${f(c(cal).brier)} | ${f(acc(raw))} / ${f(acc(cal))} | ${f(cost(raw.predict(inputs)))} | ${f(cut.metadata.cutoff!.threshold)} | ${f(cost(cut.predict(inputs)))} |`);
  console.error(lines[lines.length - 1]);
}
console.log(lines.join("\n"));
