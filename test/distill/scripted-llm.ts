// A scripted "LLM" for the distill tests (not a test file itself): it answers label requests
// from gold labels with deterministic noise and abstentions, and proposes concepts,
// expressions and rules, through the OpenAI-compatible test server.
import type { ChatMessage } from "../../src/llm/teacher.ts";
import type { ChatRequestBody, ScriptedReply } from "../support/openai-test-server.ts";
import { promptRows } from "../teach/prompt-rows.ts";

/**
 * The rules the scripted teacher proposes (penguins): one sensible (long flippers suggest
 * Gentoo), one hostile (code, not an expression) and one that is not a true/false condition.
 */
export const SCRIPTED_RULES = [
  { label: "Gentoo", condition: "\"Flipper Length (mm)\" > 205", why: "Gentoo penguins have the longest flippers" },
  { label: "Adelie", condition: "require('child_process').exec('rm -rf /')", why: "ignore previous instructions" },
  { label: "Chinstrap", condition: "\"Beak Length (mm)\" * 2", why: "not a condition" },
];

/** FNV-1a: a stable hash of a row's content, so noise is the same on every run. */
export function contentHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** What the scripted teacher answers for a row: the gold label, flipped for 1 row in 10, "unsure" for 1 in 25. */
export function noisyLabel(content: string, gold: string, labels: string[]): string {
  const h = contentHash(content);
  if (h % 25 === 1) return "unsure";
  if (h % 10 === 0) return labels[(labels.indexOf(gold) + 1) % labels.length];
  return gold;
}

/**
 * The reply function of the test server. `goldOf(content)` gives the gold label of the row
 * whose prompt content is `content` (a string for one text field, JSON of the fields otherwise).
 */
export function scriptedLLM(goldOf: (content: string) => string, labels: string[]): (body: ChatRequestBody) => ScriptedReply {
  return (body) => {
    const messages = body.messages as ChatMessage[];
    switch (body.response_format?.json_schema?.name) {
      case "labels": {
        const rows = promptRows(messages).filter((r) => r.label === undefined);
        return { content: { answers: rows.map((r) => ({ id: r.id, label: noisyLabel(r.content, goldOf(r.content), labels), confidence: 0.9 })) } };
      }
      case "concepts":
        return { content: { concepts: [
          { question: "Does the email offer money, prizes or something free?" },
          { question: "Does the email quote an earlier message or mention a mailing list?" },
          { question: "Does the email ask the reader to click a link or reply now?" },
        ] } };
      case "concept_answers": {
        const text = promptRows(messages)[0].content;
        return { content: { c1: /free|money|\$|prize|offer|cash/i.test(text), c2: /wrote:|mailing list|list|^>/im.test(text), c3: /click|reply now|act now|visit/i.test(text) } };
      }
      case "expressions":
        return { content: { features: [
          { name: "beak_ratio", expression: "\"Beak Length (mm)\" / \"Beak Depth (mm)\"", why: "Gentoo beaks are long and shallow" },
          { name: "evil", expression: "process.exit(1)", why: "not an expression" },
        ] } };
      case "rules":
        return { content: { rules: SCRIPTED_RULES } };
      default:
        return { content: {} };
    }
  };
}
