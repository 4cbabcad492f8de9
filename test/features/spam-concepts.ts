/**
 * Transparent keyword heuristics that stand in for an LLM answering concept questions about
 * e-mails (no LLM is reachable in tests and benches). Each is a regular expression; the
 * detectors never see these, only the answers.
 */
export const spamConceptHeuristics: { question: string; pattern: RegExp }[] = [
  { question: "Does the email mention money, prices or payment?", pattern: /\$\s?\d|money|price|cash|payment|credit|dollars/i },
  { question: "Does it urge the reader to click, call or act now?", pattern: /click|call now|act now|order now|limited time|don'?t miss|hurry|today only/i },
  { question: "Does it offer something free or a prize?", pattern: /\bfree\b|prize|\bwin\b|bonus|gift/i },
  { question: "Does it contain HTML markup?", pattern: /<\s*(html|body|font|table|br|div|p)\b/i },
  { question: "Does it mention unsubscribing or removal from a list?", pattern: /unsubscribe|remove|opt.?out|mailing list/i },
  { question: "Does it quote a previous message?", pattern: /^\s*>/m },
  { question: "Does it discuss software, code or technical topics?", pattern: /linux|perl|python|kernel|rpm|\bbug\b|patch|cvs|server|install|compile/i },
];

/** The concept teacher's answer for one e-mail: { c1: boolean, ... } for the given ids. */
export function heuristicAnswers(text: string, ids: string[], questions: string[]): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  ids.forEach((id, k) => {
    const h = spamConceptHeuristics.find((c) => c.question === questions[k]);
    out[id] = h ? h.pattern.test(text) : false;
  });
  return out;
}
