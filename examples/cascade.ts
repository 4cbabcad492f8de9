// A cascade: the small model answers the e-mails it is sure of, the LLM the rest. The confidence
// threshold was chosen at distill time on validation rows, to keep 98% agreement with the LLM.
// Run: npx tsx examples/cascade.ts
// The LLM is the one OPENAI_API_KEY / OPENAI_BASE_URL configure, else a stand-in (support/stand-in-llm.ts).
import { distill, spamAssassinEmails } from "../src/index.ts";
import { llmTeacher } from "./support/stand-in-llm.ts";

const emails = (await spamAssassinEmails({ rows: 600, seed: 2 })).map((e) => ({ text: `${e.subject}\n\n${e.body}`.slice(0, 1500), label: e.label }));
const [learn, incoming] = [emails.slice(0, 400), emails.slice(400)];
const gold = new Map(emails.map((e) => [e.text, e.label]));
const llm = await llmTeacher({ label: (text) => gold.get(String(text)) ?? "ham" });
console.log(`Teacher: ${llm.description}`);
try {
  const u = await distill({
    data: learn, task: "Is this e-mail spam?", labels: ["spam", "ham"], text: "text", target: "label",
    teacher: llm.teacher, concepts: false, cascadeTarget: 0.98, seed: 0,
  });
  const chosen = u.metrics.cascade!;
  console.log(`Threshold ${chosen.threshold.toFixed(3)}: on validation rows the small model answers ${(chosen.validation.coverage * 100).toFixed(0)}% at ${(chosen.validation.agreement * 100).toFixed(1)}% agreement`);

  // New e-mails arrive: no labels, the LLM is asked only about the uncertain ones.
  const r = await u.cascade(incoming.map((e) => ({ text: e.text })), { teacher: llm.teacher });
  const correct = r.labels.filter((label, i) => label === incoming[i].label).length;
  console.log(`Cascade on ${incoming.length} new e-mails: the small model answered ${(r.coverage * 100).toFixed(1)}%, ${r.sentToTeacher} went to the LLM (${r.teacherCalls} calls)`);
  console.log(`Accuracy of the combined answers: ${((correct / incoming.length) * 100).toFixed(1)}%`);
  console.log(`Cost $${r.costUSD.toFixed(4)} instead of $${r.llmOnlyCostUSD.toFixed(4)} for the LLM alone: saved $${r.savedUSD.toFixed(4)}`);
} finally {
  await llm.close();
}
