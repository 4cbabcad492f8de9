// A tabular task where the LLM labels rows AND proposes new features: expressions over the
// columns and rules, parsed by Understudy's own safe grammar (never eval) and kept only if
// cross-validation improves. Data: the Palmer penguins (vega-datasets).
// Run: npx tsx examples/tabular-llm-features.ts
// The LLM is the one OPENAI_API_KEY / OPENAI_BASE_URL configure, else a stand-in (support/stand-in-llm.ts)
// that labels by a beak-shape rule and proposes three expressions, one of them not an expression at all.
import { fileURLToPath } from "node:url";
import { distill, loadTable } from "../src/index.ts";
import { llmTeacher } from "./support/stand-in-llm.ts";

const penguins = await loadTable(fileURLToPath(new URL("../node_modules/vega-datasets/data/penguins.json", import.meta.url)));
const num = (row: Record<string, unknown> | string, column: string) => Number((row as Record<string, unknown>)[column]);
const llm = await llmTeacher({
  // Judges by beak shape (long and shallow: Gentoo), then beak size (length × depth: Chinstrap's is the
  // largest), figures no raw column holds.
  label: (row) => {
    const [length, depth] = [num(row, "Beak Length (mm)"), num(row, "Beak Depth (mm)")];
    return length / depth > 2.95 ? "Gentoo" : length * depth > 830 ? "Chinstrap" : "Adelie";
  },
  expressions: [
    { name: "beak_ratio", expression: '"Beak Length (mm)" / "Beak Depth (mm)"', why: "Gentoo beaks are long and shallow" },
    { name: "beak_size", expression: '"Beak Length (mm)" * "Beak Depth (mm)"', why: "Chinstrap beaks are both long and deep" },
    { name: "escape", expression: "process.exit(1)", why: "an answer that is not an expression is rejected, never run" },
  ],
  rules: [{ label: "Gentoo", condition: '"Flipper Length (mm)" > 206', why: "Gentoo have the longest flippers" }],
});
console.log(`Teacher: ${llm.description}`);
try {
  const u = await distill({
    data: penguins, task: "Which species is this penguin?", labels: ["Adelie", "Chinstrap", "Gentoo"],
    target: "Species", teacher: llm.teacher, expressions: true, model: "tree", seed: 0,
  });
  const proposed = u.metadata.artefacts.expressions;
  for (const e of proposed?.kept ?? []) console.log(`Kept feature ${e.name} = ${e.expression} (cross-validated gain ${e.gain.toFixed(3)})`);
  for (const e of proposed?.rejected ?? []) console.log(`Rejected ${e.name} = ${e.expression}: ${e.reason}`);
  for (const r of u.metadata.artefacts.rules?.kept ?? []) console.log(`Rule feature: ${r.condition} ⇒ ${r.label} (fires on ${(r.support * 100).toFixed(0)}% of training rows${r.precision === null ? "" : `, right on ${(r.precision * 100).toFixed(0)}% of them`})`);
  console.log(`Agreement with the teacher: ${(u.metrics.vsTeacher.agreement * 100).toFixed(1)}% on ${u.metrics.vsTeacher.n} held-out penguins`);
  if (u.metrics.vsGold) console.log(`Accuracy against the real species: ${(u.metrics.vsGold.accuracy * 100).toFixed(1)}%`);
  const row = { Island: "Biscoe", "Beak Length (mm)": 47.5, "Beak Depth (mm)": 15, "Flipper Length (mm)": 218, "Body Mass (g)": 4950, Sex: "FEMALE" };
  const why = u.explain(row);
  console.log(`A penguin with a 47.5 × 15 mm beak → ${why.prediction}, by the path:`);
  for (const s of why.path?.steps ?? []) console.log(`  ${s.name} = ${s.value} ${s.op} ${s.threshold}`);
} finally {
  await llm.close();
}
