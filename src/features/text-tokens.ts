import { createRequire } from "node:module";

// natural's top-level import pulls storage adapters and dotenv (prints, and throws in Deno),
// so only the tokenizer and stemmer files are loaded, by deep path.
const require = createRequire(import.meta.url);
const AggressiveTokenizer = require("natural/lib/natural/tokenizers/aggressive_tokenizer.js") as new () => { tokenize(text: string): string[] };
const PorterStemmer = require("natural/lib/natural/stemmers/porter_stemmer.js") as { stem(token: string): string };

const tokenizer = new AggressiveTokenizer();

/**
 * Longest token kept, in characters. Longer tokens (base64 blobs, URLs run together, minified
 * code) are dropped, in fit and transform alike: they are never words, and Porter stemming is
 * quadratic in a token's length (one 100,000-character token took 57 s).
 */
export const MAX_TOKEN_LENGTH = 64;

/**
 * Splits text into lower-case word tokens with natural's aggressive tokenizer (letters,
 * digits, `'`, `-`, `/`), Porter-stemmed with `stem: true` (default false here; TF-IDF stems
 * by default). Tokens longer than {@link MAX_TOKEN_LENGTH} characters are dropped before
 * stemming. Shared by TF-IDF and keyword detectors so a term means the same thing everywhere.
 *
 * @example
 * textTokens("Running FREE offers!", { stem: true }); // ["run", "free", "offer"]
 */
export function textTokens(text: string, { stem = false }: { stem?: boolean } = {}): string[] {
  if (typeof text !== "string" || text.length === 0) return [];
  const tokens = tokenizer.tokenize(text.toLowerCase()).filter((t) => t.length <= MAX_TOKEN_LENGTH);
  return stem ? tokens.map((t) => PorterStemmer.stem(t)) : tokens;
}
