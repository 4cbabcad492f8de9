// A text task: distill spam detection on real e-mails (the SpamAssassin corpus) from an LLM.
// Run: npx tsx examples/text-task.ts
// The LLM is the one OPENAI_API_KEY / OPENAI_BASE_URL configure, else a stand-in (see support/stand-in-llm.ts)
// that answers with the corpus's own labels and proposes three yes/no concepts.
import { distill, spamAssassinEmails } from "../src/index.ts";
import { llmTeacher } from "./support/stand-in-llm.ts";

const emails = (await spamAssassinEmails({ rows: 400, seed: 1 })).map((e) => ({ id: e.id, text: `${e.subject}\n\n${e.body}`.slice(0, 1500), label: e.label }));
const gold = new Map(emails.map((e) => [e.text, e.label]));
const llm = await llmTeacher({
  label: (text) => gold.get(String(text)) ?? "ham",
  concepts: [
    { question: "Does the e-mail offer money, a prize or something free?", test: (t) => /free|money|\$|prize|offer|cash/i.test(t) },
    { question: "Does the e-mail quote an earlier message or mention a mailing list?", test: (t) => /wrote:|mailing list|^>/im.test(t) },
    { question: "Does the e-mail urge the reader to click, call or reply now?", test: (t) => /click|call now|reply now|act now/i.test(t) },
  ],
});
console.log(`Teacher: ${llm.description}`);
try {
  const u = await distill({
    data: emails, task: "Is this e-mail spam?", labels: ["spam", "ham"], text: "text",
    target: "label",                 // known labels: used to measure accuracy (the LLM never sees them)
    teacher: llm.teacher,
    maxLabels: 150,                  // training labels to buy; active learning picks which
    budget: { maxCalls: 400 },
    seed: 0,
  });
  console.log(`Model: ${u.metadata.modelChoice.reason}`);
  console.log(`Agreement with the teacher: ${(u.metrics.vsTeacher.agreement * 100).toFixed(1)}% on ${u.metrics.vsTeacher.n} held-out e-mails`);
  console.log(`Teacher calls: ${u.stats.teacherCalls}, cost $${u.stats.costUSD.toFixed(4)}`);
  const message = { text: "FREE cash prize!!! Click here now to claim your $1,000,000 reward" };
  const why = u.explain(message);
  console.log(`"${message.text}" → ${why.prediction} (p = ${why.probability?.toFixed(2)})`);
  for (const line of why.text.slice(0, 3)) console.log(`  because ${line}`);
} finally {
  await llm.close();
}
