import { createRequire } from "node:module";

// natural's top-level import pulls storage adapters and dotenv (prints, and throws in Deno),
// so only the stemmer file is loaded, by deep path.
const require = createRequire(import.meta.url);
const PorterStemmer = require("natural/lib/natural/stemmers/porter_stemmer.js") as { stem(token: string): string };

/**
 * Longest token kept, in characters. Longer tokens (base64 blobs, URLs run together, minified
 * code) are dropped, in fit and transform alike: they are never words, and Porter stemming is
 * quadratic in a token's length (one 100,000-character token took 57 s).
 */
export const MAX_TOKEN_LENGTH = 64;

/**
 * Stems already computed. Porter stemming is a pure function of the token and by far the
 * largest cost of tokenizing (a dozen regular expressions per token), while text repeats a
 * small vocabulary: in SpamAssassin e-mails 96% of tokens are repeats. Bounded in two
 * generations so a stream of distinct tokens cannot grow it without limit, yet frequent
 * tokens stay: when the recent generation is full it becomes the older one (the older one is
 * dropped), and a token found only in the older one moves back to the recent one.
 */
const STEM_GENERATION_SIZE = 50_000;
let recentStems = new Map<string, string>();
let olderStems = new Map<string, string>();

function stemOf(token: string): string {
  let stem = recentStems.get(token);
  if (stem !== undefined) return stem;
  stem = olderStems.get(token) ?? PorterStemmer.stem(token);
  if (recentStems.size >= STEM_GENERATION_SIZE) {
    olderStems = recentStems;
    recentStems = new Map();
  }
  recentStems.set(token, stem);
  return stem;
}

/** Whether a (lower-cased) character belongs in a token: a–z, 0–9, `'`, `-`, `/`. */
function isTokenChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39 || c === 45 || c === 47;
}

/**
 * Splits text into lower-case word tokens as natural's aggressive tokenizer does (maximal runs
 * of letters a–z, digits, `'`, `-`, `/` in the lower-cased text), Porter-stemmed with
 * `stem: true` (default false here; TF-IDF stems by default). Tokens longer than
 * {@link MAX_TOKEN_LENGTH} characters are dropped before stemming. Shared by TF-IDF and
 * keyword detectors so a term means the same thing everywhere. One pass over character codes
 * (natural splits with a regular expression and then filters and maps copies of the list):
 * the same tokens, which test/features/text-tokens.test.ts checks against natural itself.
 *
 * @example
 * textTokens("Running FREE offers!", { stem: true }); // ["run", "free", "offer"]
 */
export function textTokens(text: string, { stem = false }: { stem?: boolean } = {}): string[] {
  if (typeof text !== "string" || text.length === 0) return [];
  // Lower-case the whole text first, as natural does: a few non-ASCII letters lower-case to
  // ASCII ones (the Kelvin sign to "k", "İ" to "i" and a combining dot).
  const lower = text.toLowerCase();
  const tokens: string[] = [];
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    if (i < lower.length && isTokenChar(lower.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start <= MAX_TOKEN_LENGTH) {
        const token = lower.slice(start, i);
        tokens.push(stem ? stemOf(token) : token);
      }
      start = -1;
    }
  }
  return tokens;
}
