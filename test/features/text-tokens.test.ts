// textTokens splits with a character-code loop and caches stems; here natural's own tokenizer
// and stemmer, called as the library called them before, are the reference: same tokens, in
// the same order, on real e-mails and on text written to trip a hand-made tokenizer.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { MAX_TOKEN_LENGTH, textTokens } from "../../src/features/text-tokens.ts";
import { spamSample } from "./spam-sample.ts";

const require = createRequire(import.meta.url);
const AggressiveTokenizer = require("natural/lib/natural/tokenizers/aggressive_tokenizer.js") as new () => { tokenize(text: string): string[] };
const PorterStemmer = require("natural/lib/natural/stemmers/porter_stemmer.js") as { stem(token: string): string };
const tokenizer = new AggressiveTokenizer();

/** The former textTokens, frozen: natural's split of the lower-cased text, long tokens dropped, then Porter. */
function naturalTokens(text: string, stem: boolean): string[] {
  if (text.length === 0) return [];
  const tokens = tokenizer.tokenize(text.toLowerCase()).filter((t) => t.length <= MAX_TOKEN_LENGTH);
  return stem ? tokens.map((t) => PorterStemmer.stem(t)) : tokens;
}

const hostile = [
  "", " ", "---", "a", "  leading and trailing  ", "under_score snake_case_name", "it's rock-'n'-roll and/or 24/7",
  "Ünïcödé naïve café — déjà vu", "İstanbul KELVIN\u212A sign", "tabs\tand\nnewlines\r\n", "emoji 😀 between 😀words",
  `${"x".repeat(MAX_TOKEN_LENGTH)} ${"y".repeat(MAX_TOKEN_LENGTH + 1)} end`, "ends with a token", "0xDEADBEEF 3.14 1,000,000",
  "RUNNING runs ran runner's GENERALIZATIONS", "a-b-c/d/e'f'", "\u0000nul\u0000", "\uD800 lone surrogate \uDC00x",
];

describe("textTokens gives natural's tokens", () => {
  it("on 1,500 SpamAssassin e-mails, stemmed and not", () => {
    const emails = spamSample(1500, 3);
    for (const { text } of emails) {
      expect(textTokens(text)).toEqual(naturalTokens(text, false));
      expect(textTokens(text, { stem: true })).toEqual(naturalTokens(text, true));
    }
  });

  it("on text with separators at the ends, underscores, non-ASCII letters and over-long tokens", () => {
    for (const text of hostile) {
      expect(textTokens(text)).toEqual(naturalTokens(text, false));
      expect(textTokens(text, { stem: true })).toEqual(naturalTokens(text, true));
    }
  });

  it("a stem looked up again is the stem computed the first time, past the cache's bound", () => {
    const words = Array.from({ length: 120_000 }, (_, i) => `w${i.toString(36)}ing`).join(" ");
    const first = textTokens(`generalizations ${words} generalizations`, { stem: true });
    expect(first[0]).toBe("gener");
    expect(first.at(-1)).toBe("gener");
    expect(first[1]).toBe(PorterStemmer.stem("w0ing"));
    expect(first.length).toBe(120_002);
  });
});
