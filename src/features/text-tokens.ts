import { createRequire } from "node:module";

// natural's top-level import pulls storage adapters and dotenv (prints, and throws in Deno),
// so only the tokenizer and stemmer files are loaded, by deep path.
const require = createRequire(import.meta.url);
const AggressiveTokenizer = require("natural/lib/natural/tokenizers/aggressive_tokenizer.js") as new () => { tokenize(text: string): string[] };
const PorterStemmer = require("natural/lib/natural/stemmers/porter_stemmer.js") as { stem(token: string): string };

const tokenizer = new AggressiveTokenizer();

/**
 * Splits text into lower-case word tokens with natural's aggressive tokenizer (letters,
 * digits, `'`, `-`, `/`), Porter-stemmed with `stem: true` (default false here; TF-IDF stems
 * by default). Shared by TF-IDF and keyword detectors so a term means the same thing
 * everywhere.
 *
 * @example
 * textTokens("Running FREE offers!", { stem: true }); // ["run", "free", "offer"]
 */
export function textTokens(text: string, { stem = false }: { stem?: boolean } = {}): string[] {
  if (typeof text !== "string" || text.length === 0) return [];
  const tokens = tokenizer.tokenize(text.toLowerCase());
  return stem ? tokens.map((t) => PorterStemmer.stem(t)) : tokens;
}
