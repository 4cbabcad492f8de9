import type { TokenLogprob } from "./teacher.ts";

/**
 * The probability the model gave to the values of its answer: exp of the summed logprobs of
 * the tokens that overlap a JSON value (string contents, numbers, true/false/null) in the
 * answer text. Punctuation and key names are forced by the schema, so their tokens are left
 * out. For `{"label":"spam"}` this is P("spam" | the prompt and `{"label":"`). When the
 * tokens do not spell out the content exactly (some servers), every token counts. Returns
 * undefined when there are no tokens.
 *
 * @example
 * logprobConfidence('{"label":"spam"}', [
 *   { token: '{"', logprob: 0 }, { token: "label", logprob: 0 }, { token: '":"', logprob: 0 },
 *   { token: "spam", logprob: Math.log(0.8) }, { token: '"}', logprob: 0 },
 * ]); // 0.8
 */
export function logprobConfidence(content: string, tokens: TokenLogprob[] | undefined): number | undefined {
  if (!tokens || tokens.length === 0) return undefined;
  const spans = tokens.map((t) => t.token).join("") === content ? valueSpans(content) : undefined;
  let sum = 0;
  let counted = 0;
  let start = 0;
  for (const t of tokens) {
    const end = start + t.token.length;
    if (!spans || spans.some(([a, b]) => start < b && end > a)) {
      sum += t.logprob;
      counted++;
    }
    start = end;
  }
  if (counted === 0) for (const t of tokens) sum += t.logprob;
  return Math.exp(sum);
}

/** [start, end) character ranges of every scalar value (not keys) in a JSON text. */
function valueSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const string = (): [number, number] => {
    const start = ++i;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    return [start, i++];
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      while (i < text.length && text[i] !== "}") {
        if (text[i] === '"') string();
        ws();
        i++; // the colon
        value();
        ws();
        if (text[i] === ",") i++;
        ws();
      }
      i++;
    } else if (c === "[") {
      i++;
      ws();
      while (i < text.length && text[i] !== "]") {
        value();
        ws();
        if (text[i] === ",") i++;
        ws();
      }
      i++;
    } else if (c === '"') {
      spans.push(string());
    } else {
      const start = i;
      while (i < text.length && !/[\s,}\]]/.test(text[i])) i++;
      if (i > start) spans.push([start, i]);
      else i++;
    }
  };
  value();
  return spans;
}
