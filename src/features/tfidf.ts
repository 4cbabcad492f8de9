import { UnderstudyError, notFitted } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { Matrix } from "../data/matrix.ts";
import type { FeatureOrigin } from "../data/matrix.ts";
import { TermCounts, termTrie, type TermTrie } from "./term-counts.ts";
import { textTokens } from "./text-tokens.ts";

/** Options for {@link TfidfVectorizer}; every one has a default. */
export interface TfidfOptions {
  /** Name of the text column, used in feature names (`body:free`) and origins. Default "text". */
  column?: string;
  /** Smallest and largest n-gram length, in tokens. Default [1, 1]. */
  ngramRange?: [number, number];
  /** Keep terms found in at least this many training documents, or this fraction of them. Default 1. */
  minDf?: number | { fraction: number };
  /** Keep at most this many terms, the most frequent over the training corpus (ties by term). Default 2000. */
  maxFeatures?: number;
  /** Use 1 + ln(tf) instead of the raw count. Default false. */
  sublinearTf?: boolean;
  /** Porter-stem every token (natural's PorterStemmer). Default true. */
  stem?: boolean;
}

/** One document as sparse TF-IDF weights: parallel arrays of column indices and values. */
export interface SparseRow {
  indices: Int32Array;
  values: Float64Array;
}

/** Serialized form of a fitted {@link TfidfVectorizer}. */
export interface TfidfJSON {
  kind: "TfidfVectorizer";
  version: 1;
  options: Required<Omit<TfidfOptions, "minDf">> & { minDf: number | { fraction: number } };
  vocabulary: string[];
  idf: number[];
}

/**
 * TF-IDF over word n-grams, as scikit-learn's `TfidfVectorizer` computes it (smooth idf
 * `ln((1 + n) / (1 + df)) + 1`, raw or sublinear tf, l2-normalized rows, terms sorted
 * alphabetically), with natural's tokenizer and Porter stemmer. Fitted on training text only.
 * `transform` returns a dense Matrix, which is fine for up to a few thousand terms (the
 * default cap is 2000); `transformSparse` gives the sparse rows.
 *
 * @example
 * const tfidf = new TfidfVectorizer({ column: "body", ngramRange: [1, 2], minDf: 2 }).fit(trainTexts);
 * const X = tfidf.transform(testTexts); // Matrix, featureNames like "body:free monei" (terms are stemmed)
 */
export class TfidfVectorizer {
  readonly options: TfidfJSON["options"];
  private vocab: string[] | undefined;
  private idfs: Float64Array | undefined;
  /** The vocabulary as a trie over tokens, for transform (made from `vocab` on first use). */
  private trie: TermTrie | undefined;

  constructor(options: TfidfOptions = {}) {
    this.options = {
      column: options.column ?? "text",
      ngramRange: options.ngramRange ?? [1, 1],
      minDf: options.minDf ?? 1,
      maxFeatures: options.maxFeatures ?? 2000,
      sublinearTf: options.sublinearTf ?? false,
      stem: options.stem ?? true,
    };
  }

  /** The kept terms, in column order. */
  get vocabulary(): readonly string[] {
    if (!this.vocab) throw notFitted("TfidfVectorizer");
    return this.vocab;
  }

  /** Inverse document frequency of each kept term. */
  get idf(): Float64Array {
    if (!this.idfs) throw notFitted("TfidfVectorizer");
    return this.idfs;
  }

  /** Learns the vocabulary and idf from training texts; returns `this`. */
  fit(texts: readonly unknown[]): this {
    const [lo, hi] = this.options.ngramRange;
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 1 || hi < lo) {
      throw new UnderstudyError("bad_option", messages.features.ngramRange(lo, hi));
    }
    if (!Array.isArray(texts) || texts.length === 0) {
      throw new UnderstudyError("empty_input", messages.features.tfidfNoTexts());
    }
    const df = new Map<string, number>();
    const total = new Map<string, number>();
    for (const text of texts) {
      const counts = this.count(text);
      for (const [term, c] of counts) {
        df.set(term, (df.get(term) ?? 0) + 1);
        total.set(term, (total.get(term) ?? 0) + c);
      }
    }
    const md = this.options.minDf;
    const minDocs = typeof md === "number" ? md : Math.ceil(md.fraction * texts.length);
    let terms = [...df.keys()].filter((t) => df.get(t)! >= minDocs);
    if (terms.length > this.options.maxFeatures) {
      terms.sort((a, b) => total.get(b)! - total.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
      terms = terms.slice(0, this.options.maxFeatures);
    }
    terms.sort();
    const n = texts.length;
    this.vocab = terms;
    this.idfs = Float64Array.from(terms, (t) => Math.log((1 + n) / (1 + df.get(t)!)) + 1);
    return this;
  }

  /** Fits and transforms the same texts. */
  fitTransform(texts: readonly unknown[]): Matrix {
    return this.fit(texts).transform(texts);
  }

  /** TF-IDF rows as sparse vectors (indices ascending, l2 norm 1 unless the row is empty). */
  transformSparse(texts: readonly unknown[]): SparseRow[] {
    const counts = this.termCounts();
    return texts.map((text) => {
      const n = counts.count(this.tokensOf(text));
      const indices = new Int32Array(n);
      const values = new Float64Array(n);
      this.weigh(counts, n, (k, j, v) => {
        indices[k] = j;
        values[k] = v;
      });
      counts.clear(n);
      return { indices, values };
    });
  }

  /** TF-IDF rows as a dense Matrix with named features and `tfidf` origins. */
  transform(texts: readonly unknown[]): Matrix {
    const vocab = this.vocabulary;
    const counts = this.termCounts();
    const width = vocab.length;
    const data = new Float64Array(texts.length * width);
    for (let i = 0; i < texts.length; i++) {
      const n = counts.count(this.tokensOf(texts[i]));
      const row = i * width;
      this.weigh(counts, n, (_, j, v) => (data[row + j] = v));
      counts.clear(n);
    }
    const column = this.options.column;
    const origins: FeatureOrigin[] = vocab.map((term) => ({ column, kind: "tfidf", detail: term }));
    return new Matrix(data, texts.length, width, vocab.map((t) => `${column}:${t}`), origins);
  }

  /**
   * Hands each of the `n` counted terms' TF-IDF weight, l2-normalized, to `write(k, column, weight)`
   * in ascending column order: tf (raw or 1 + ln) × idf, the norm summed in that order.
   */
  private weigh(counts: TermCounts, n: number, write: (k: number, j: number, v: number) => void): void {
    const idf = this.idfs!;
    const terms = counts.terms.subarray(0, n).sort();
    const weights = counts.weights;
    let norm = 0;
    for (let k = 0; k < n; k++) {
      const j = terms[k];
      const c = counts.tf[j];
      const v = (this.options.sublinearTf ? 1 + Math.log(c) : c) * idf[j];
      weights[k] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < n; k++) write(k, terms[k], weights[k] / norm);
  }

  /** A term counter over this vocabulary (its trie made once, its buffers once per call). */
  private termCounts(): TermCounts {
    const vocab = this.vocabulary;
    this.trie ??= termTrie(vocab);
    return new TermCounts(this.trie, vocab.length, this.options.ngramRange);
  }

  private tokensOf(text: unknown): string[] {
    return textTokens(typeof text === "string" ? text : text == null ? "" : String(text), { stem: this.options.stem });
  }

  /** Plain, versioned JSON; `TfidfVectorizer.fromJSON` restores identical transforms. */
  toJSON(): TfidfJSON {
    return { kind: "TfidfVectorizer", version: 1, options: structuredClone(this.options), vocabulary: [...this.vocabulary], idf: Array.from(this.idf) };
  }

  /** Restores a fitted vectorizer from {@link TfidfVectorizer.toJSON}. */
  static fromJSON(json: TfidfJSON): TfidfVectorizer {
    if (json?.kind !== "TfidfVectorizer" || json.version !== 1 || json.vocabulary?.length !== json.idf?.length) {
      throw new UnderstudyError("bad_model_json", messages.features.notToJSONOutput("TfidfVectorizer.fromJSON", "kind TfidfVectorizer"));
    }
    const v = new TfidfVectorizer(json.options);
    v.vocab = [...json.vocabulary];
    v.idfs = Float64Array.from(json.idf);
    return v;
  }

  /** Every n-gram of the text (tokens joined by a space) with its count: what fit learns from. */
  private count(text: unknown): Map<string, number> {
    const tokens = this.tokensOf(text);
    const [lo, hi] = this.options.ngramRange;
    const counts = new Map<string, number>();
    for (let n = lo; n <= hi; n++) {
      for (let i = 0; i + n <= tokens.length; i++) {
        let term = tokens[i];
        for (let k = 1; k < n; k++) term += " " + tokens[i + k];
        counts.set(term, (counts.get(term) ?? 0) + 1);
      }
    }
    return counts;
  }
}
