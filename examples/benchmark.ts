// The small model against the LLM it learned from, on held-out e-mails with gold labels:
// accuracy, agreement, latency p50/p95 and cost per 1,000 predictions, for the LLM alone, the
// small model alone, and the cascade.
// Run: npx tsx examples/benchmark.ts
// The LLM is the one OPENAI_API_KEY / OPENAI_BASE_URL configure, else a stand-in (support/stand-in-llm.ts)
// that takes 40 ms a call and is wrong on one e-mail in eight, like a real model would be on some.
import { benchmarkAgainstTeacher, distill, formatBenchmark, spamAssassinEmails } from "../src/index.ts";
import { llmTeacher } from "./support/stand-in-llm.ts";

const emails = (await spamAssassinEmails({ rows: 600, seed: 3 })).map((e) => ({ text: `${e.subject}\n\n${e.body}`.slice(0, 1500), label: e.label }));
const [learn, heldOut] = [emails.slice(0, 450), emails.slice(450)];
const gold = new Map(emails.map((e) => [e.text, e.label]));
const flip = (label: string) => (label === "spam" ? "ham" : "spam");
const llm = await llmTeacher({
  label: (text) => {
    const g = gold.get(String(text)) ?? "ham";
    return String(text).length % 8 === 0 ? flip(g) : g;
  },
  latencyMs: 40,
});
console.log(`Teacher: ${llm.description}`);
try {
  // The LLM itself is wrong on some e-mails, so the cascade aims at 95% agreement with it, not 99%.
  const u = await distill({ data: learn, task: "Is this e-mail spam?", labels: ["spam", "ham"], text: "text", target: "label", teacher: llm.teacher, concepts: false, cascadeTarget: 0.95, seed: 0 });
  const b = await benchmarkAgainstTeacher({ understudy: u, rows: heldOut, target: "label", teacher: llm.teacher });
  console.log(formatBenchmark(b));
  console.log(`The small model is ${Math.round(b.systems.llm.latencyP50Ms / b.systems.small.latencyP50Ms)}× faster than the LLM at the median.`);
} finally {
  await llm.close();
}
