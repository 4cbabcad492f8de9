// TfidfVectorizer counts a document's terms by walking a trie of its vocabulary and writes
// rows straight into the matrix; here the former code, frozen and written out (every n-gram
// joined into a string, counted in a Map, looked up, sorted by column), is the reference.
// Same vocabulary, idf and weights bit for bit, on real e-mails.
import { describe, expect, it } from "vitest";
import { TfidfVectorizer, type TfidfOptions } from "../../src/features/tfidf.ts";
import { textTokens } from "../../src/features/text-tokens.ts";
import { spamSample } from "./spam-sample.ts";

interface Frozen {
  vocab: string[];
  idf: Float64Array;
  rows: { indices: number[]; values: number[] }[];
}

/** The former fit and transformSparse, with the options' defaults filled as the class fills them. */
function frozenTfidf(train: string[], test: string[], o: Required<Omit<TfidfOptions, "column">>): Frozen {
  const [lo, hi] = o.ngramRange;
  const count = (text: string): Map<string, number> => {
    const tokens = textTokens(text, { stem: o.stem });
    const counts = new Map<string, number>();
    for (let n = lo; n <= hi; n++) {
      for (let i = 0; i + n <= tokens.length; i++) {
        const term = n === 1 ? tokens[i] : tokens.slice(i, i + n).join(" ");
        counts.set(term, (counts.get(term) ?? 0) + 1);
      }
    }
    return counts;
  };
  const df = new Map<string, number>();
  const total = new Map<string, number>();
  for (const text of train) {
    for (const [term, c] of count(text)) {
      df.set(term, (df.get(term) ?? 0) + 1);
      total.set(term, (total.get(term) ?? 0) + c);
    }
  }
  const minDocs = typeof o.minDf === "number" ? o.minDf : Math.ceil(o.minDf.fraction * train.length);
  let terms = [...df.keys()].filter((t) => df.get(t)! >= minDocs);
  if (terms.length > o.maxFeatures) {
    terms.sort((a, b) => total.get(b)! - total.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
    terms = terms.slice(0, o.maxFeatures);
  }
  terms.sort();
  const index = new Map(terms.map((t, j) => [t, j]));
  const idf = Float64Array.from(terms, (t) => Math.log((1 + train.length) / (1 + df.get(t)!)) + 1);
  const rows = test.map((text) => {
    const entries: [number, number][] = [];
    for (const [term, c] of count(text)) {
      const j = index.get(term);
      if (j === undefined) continue;
      entries.push([j, (o.sublinearTf ? 1 + Math.log(c) : c) * idf[j]]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    let norm = 0;
    for (const [, v] of entries) norm += v * v;
    norm = Math.sqrt(norm) || 1;
    return { indices: entries.map((e) => e[0]), values: entries.map((e) => e[1] / norm) };
  });
  return { vocab: terms, idf, rows };
}

/** How many cells of `a` differ from `b` (bit for bit; a deep-equal diff of 600,000 cells is slow to print). */
function cellsDiffering(a: Float64Array, b: Float64Array): number {
  expect(a.length).toBe(b.length);
  let n = 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) n++;
  return n;
}

const emails = spamSample(900, 5).map((e) => e.text);
const train = emails.slice(0, 600);
const test = [...emails.slice(600), "", "nothing here matches zzqx", "free free free money money"];

describe("TfidfVectorizer gives the former code's vocabulary and weights bit for bit", () => {
  const cases: Required<Omit<TfidfOptions, "column">>[] = [
    { ngramRange: [1, 2], minDf: 2, maxFeatures: 1000, sublinearTf: false, stem: true },
    { ngramRange: [1, 1], minDf: 1, maxFeatures: 2000, sublinearTf: true, stem: false },
    { ngramRange: [2, 3], minDf: { fraction: 0.01 }, maxFeatures: 500, sublinearTf: false, stem: true },
  ];
  for (const options of cases) {
    it(JSON.stringify(options), () => {
      const want = frozenTfidf(train, test, options);
      const v = new TfidfVectorizer({ ...options, column: "body" }).fit(train);
      expect(v.vocabulary).toEqual(want.vocab);
      expect(v.idf).toEqual(want.idf);
      const sparse = v.transformSparse(test);
      expect(sparse.map((r) => ({ indices: Array.from(r.indices), values: Array.from(r.values) }))).toEqual(want.rows);
      const X = v.transform(test);
      const dense = new Float64Array(test.length * want.vocab.length);
      want.rows.forEach((r, i) => r.indices.forEach((j, k) => (dense[i * want.vocab.length + j] = r.values[k])));
      expect(cellsDiffering(X.data, dense)).toBe(0);
      expect(cellsDiffering(TfidfVectorizer.fromJSON(v.toJSON()).transform(test).data, dense)).toBe(0);
    });
  }
});
