// Run by test/distill/deno.test.ts under Deno 2: distill, round trip and report, printed as one JSON line.
import { readFileSync } from "node:fs";
import { distill, Understudy } from "../../src/index.ts";

const rows = JSON.parse(readFileSync(new URL("../../node_modules/vega-datasets/data/penguins.json", import.meta.url), "utf8"));
const u = await distill({ data: rows, task: "Which species is this penguin?", labels: ["Adelie", "Chinstrap", "Gentoo"], target: "Species", model: "tree" });
const v = Understudy.fromJSON(JSON.parse(JSON.stringify(u.toJSON())));
const md = await v.report({ format: "md", generatedAt: "2026-01-01T00:00:00Z" });
console.log(JSON.stringify({ predictions: v.predict(rows), agreement: u.metrics.vsTeacher.agreement, modelHash: u.hashes.model, dataHash: u.hashes.data, reportHasTask: md.includes("Which species is this penguin?") }));
