import { UnderstudyError, notFitted } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { logger } from "../core/logger.ts";
import { Random } from "../core/random.ts";
import { Matrix } from "../data/matrix.ts";
import type { FeatureOrigin } from "../data/matrix.ts";
import { fitSparseLogistic, sparseLogisticProba } from "./sparse-logistic.ts";
import type { SparseLogisticModel } from "./sparse-logistic.ts";
import { TfidfVectorizer } from "./tfidf.ts";
import type { SparseRow, TfidfJSON, TfidfOptions } from "./tfidf.ts";

/** A yes/no question about a text, as the teacher proposed it. */
export interface Concept {
  id: string;
  question: string;
  /** Version of the prompt that produced it (lineage). */
  promptVersion?: string;
}

/** The teacher's answers for one row (concept id → yes/no), or null when the call failed. */
export type ConceptAnswers = Readonly<Record<string, boolean>> | null;

/** How well one concept's detector reproduces the teacher, measured on held-out rows. */
export interface ConceptQuality {
  id: string;
  question: string;
  kept: boolean;
  /** Why a concept was dropped: too few yes or no answers, a detector no better than chance, or answers too correlated with a kept concept. */
  reason?: "constant" | "undetectable" | "redundant";
  redundantWith?: string;
  detector: "logistic" | "keyword";
  /** The keywords of a keyword detector (yes when any occurs). */
  keywords?: string[];
  /** Share of held-out rows where detector and teacher agree. */
  agreement: number;
  /** Mean of the detector's recall on yes and on no answers, held out (0.5 = chance). */
  balancedAccuracy: number;
  /** Share of yes answers from the teacher. */
  positiveRate: number;
  nTrain: number;
  nHeldOut: number;
}

/** Options for {@link ConceptDetectors}; every one has a default. */
export interface ConceptDetectorsOptions {
  /** Text column the concepts are about (feature origins). Default "text". */
  column?: string;
  /** TF-IDF used by the detectors. Default: unigrams and bigrams, minDf 2, 2000 terms, sublinear tf. */
  tfidf?: TfidfOptions;
  /** Drop a concept whose held-out balanced accuracy is below this. Default 0.7. */
  minBalancedAccuracy?: number;
  /** Drop a concept whose answers correlate (|phi|) above this with a better kept concept. Default 0.9. */
  maxCorrelation?: number;
  /** Share of answered rows held out to measure each detector. Default { fraction: 0.25 }. */
  holdout?: { fraction: number };
  /** Below this many answered rows a keyword detector (up to three terms) is used instead of logistic. Default 40. */
  keywordBelow?: number;
  /** L2 penalty of the logistic detectors. Default 1e-3. */
  lambda?: number;
  /** Seed for the held-out split. Default 0. */
  seed?: number;
}

type Detector =
  | { kind: "logistic"; model: SparseLogisticModel }
  | { kind: "keyword"; keywords: string[]; pPresent: number; pAbsent: number };

/** Serialized {@link ConceptDetectors}. */
export interface ConceptDetectorsJSON {
  kind: "ConceptDetectors";
  version: 1;
  column: string;
  tfidf: TfidfJSON;
  concepts: Concept[];
  quality: ConceptQuality[];
  detectors: Record<string, Detector>;
}

/**
 * Learns each LLM concept (a yes/no question) with a small detector trained on the
 * teacher's answers: TF-IDF logistic regression or a keyword model (yes when any of up to
 * three learned terms occurs), whichever does better on an inner split; keywords only when
 * answers are few. After fitting, concepts are computed with no LLM. Each detector's agreement and
 * balanced accuracy with the teacher are measured on held-out rows (see `quality`);
 * concepts that cannot be detected, or that repeat a better one, are dropped with a warning.
 * `transform` gives p(yes) per kept concept, named by the question text.
 *
 * @example
 * const det = new ConceptDetectors({ column: "body", seed: 0 }).fit(texts, concepts, answers);
 * det.quality;             // [{ id: "c1", question: "Does it offer money?", agreement: 0.93, kept: true, ... }]
 * det.transform(newTexts); // Matrix, one column per kept concept
 */
export class ConceptDetectors {
  readonly options: Required<Omit<ConceptDetectorsOptions, "tfidf">> & { tfidf: TfidfOptions };
  private state: { tfidf: TfidfVectorizer; concepts: Concept[]; quality: ConceptQuality[]; detectors: Map<string, Detector> } | undefined;

  constructor(options: ConceptDetectorsOptions = {}) {
    this.options = {
      column: options.column ?? "text",
      tfidf: options.tfidf ?? { ngramRange: [1, 2], minDf: 2, maxFeatures: 2000, sublinearTf: true },
      minBalancedAccuracy: options.minBalancedAccuracy ?? 0.7,
      maxCorrelation: options.maxCorrelation ?? 0.9,
      holdout: options.holdout ?? { fraction: 0.25 },
      keywordBelow: options.keywordBelow ?? 40,
      lambda: options.lambda ?? 1e-3,
      seed: options.seed ?? 0,
    };
  }

  /** Every concept's measured quality, kept or not, in the order given to fit. */
  get quality(): readonly ConceptQuality[] {
    if (!this.state) throw notFitted("ConceptDetectors");
    return this.state.quality;
  }

  /** The kept concepts, in column order of `transform`. */
  get kept(): Concept[] {
    if (!this.state) throw notFitted("ConceptDetectors");
    const keep = new Set(this.state.quality.filter((q) => q.kept).map((q) => q.id));
    return this.state.concepts.filter((c) => keep.has(c.id));
  }

  /** Trains one detector per concept on the teacher's answers (one entry per text); returns `this`. */
  fit(texts: readonly unknown[], concepts: readonly Concept[], answers: readonly ConceptAnswers[]): this {
    if (!Array.isArray(texts) || texts.length !== answers?.length) {
      throw new UnderstudyError("length_mismatch", messages.features.conceptAnswersLength(texts?.length, answers?.length));
    }
    const ids = new Set<string>();
    for (const c of concepts) {
      if (!c?.id || typeof c.question !== "string" || ids.has(c.id)) {
        throw new UnderstudyError("bad_concepts", messages.features.badConcept(c));
      }
      ids.add(c.id);
    }
    const o = this.options;
    const tfidf = new TfidfVectorizer({ ...o.tfidf, column: o.column }).fit(texts);
    const sparse = tfidf.transformSparse(texts);
    const tokenSets = sparse.map((r) => termsOf(tfidf, r));
    const quality: ConceptQuality[] = [];
    const detectors = new Map<string, Detector>();
    for (const concept of concepts) {
      const rows: number[] = [];
      const y: boolean[] = [];
      answers.forEach((a, i) => {
        const v = a?.[concept.id];
        if (typeof v === "boolean") { rows.push(i); y.push(v); }
      });
      const nPos = y.filter(Boolean).length;
      const useKeyword = rows.length < o.keywordBelow;
      const base: ConceptQuality = {
        id: concept.id, question: concept.question, kept: false, detector: useKeyword ? "keyword" : "logistic",
        agreement: NaN, balancedAccuracy: NaN, positiveRate: rows.length ? nPos / rows.length : NaN, nTrain: 0, nHeldOut: 0,
      };
      if (nPos < 2 || rows.length - nPos < 2) {
        quality.push({ ...base, reason: "constant" });
        continue;
      }
      // Stratified hold-out so a rare concept still has yes answers to be judged on; a fresh
      // stream per concept makes each split independent of the other concepts.
      const rng = new Random(o.seed);
      const all = rows.map((_, k) => k);
      const [trainK, heldK] = stratifiedSplit(all, y, o.holdout.fraction, rng);
      const train = (kind: Detector["kind"], ks: number[]): Detector =>
        kind === "keyword"
          ? fitKeyword(ks.map((k) => tokenSets[rows[k]]), ks.map((k) => y[k]), tfidf.vocabulary)
          : { kind: "logistic", model: fitSparseLogistic(ks.map((k) => sparse[rows[k]]), ks.map((k) => y[k]), tfidf.vocabulary.length, { lambda: o.lambda }) };
      const score = (d: Detector, ks: number[]) => balancedAccuracy(ks.map((k) => y[k]), ks.map((k) => detect(d, sparse[rows[k]], tokenSets[rows[k]]) >= 0.5));
      let kind: Detector["kind"] = "keyword";
      if (!useKeyword) {
        // With enough answers, logistic and keywords compete on an inner split of the training
        // part (the hold-out stays untouched); a tie goes to the simpler keyword model.
        const [innerTrain, innerVal] = stratifiedSplit(trainK, trainK.map((k) => y[k]), o.holdout.fraction, rng);
        kind = score(train("logistic", innerTrain), innerVal) > score(train("keyword", innerTrain), innerVal) ? "logistic" : "keyword";
      }
      base.detector = kind;
      const trial = train(kind, trainK);
      const predicted = heldK.map((k) => detect(trial, sparse[rows[k]], tokenSets[rows[k]]) >= 0.5);
      const truth = heldK.map((k) => y[k]);
      const q: ConceptQuality = {
        ...base,
        agreement: predicted.filter((p, k) => p === truth[k]).length / heldK.length,
        balancedAccuracy: balancedAccuracy(truth, predicted),
        nTrain: trainK.length,
        nHeldOut: heldK.length,
      };
      const final = train(kind, all);
      if (final.kind === "keyword") q.keywords = final.keywords;
      if (q.balancedAccuracy < o.minBalancedAccuracy) q.reason = "undetectable";
      detectors.set(concept.id, final);
      quality.push(q);
    }
    // Among detectable concepts, the better detected one wins a redundant pair.
    const candidates = quality.filter((q) => !q.reason).sort((a, b) => b.balancedAccuracy - a.balancedAccuracy); // stable: ties keep the given order
    const keptIds: string[] = [];
    for (const q of candidates) {
      const twin = keptIds.find((other) => Math.abs(phi(answers, q.id, other)) > o.maxCorrelation);
      if (twin) { q.reason = "redundant"; q.redundantWith = twin; } else { q.kept = true; keptIds.push(q.id); }
    }
    for (const q of quality) {
      if (!q.kept) {
        logger().warn(`concept ${q.id} ("${q.question}") dropped: ${q.reason}${q.redundantWith ? ` (answers repeat ${q.redundantWith})` : ""}${Number.isNaN(q.balancedAccuracy) ? "" : `, held-out balanced accuracy ${q.balancedAccuracy.toFixed(2)}`}.`);
        detectors.delete(q.id);
      }
    }
    this.state = { tfidf, concepts: concepts.map((c) => ({ ...c })), quality, detectors };
    return this;
  }

  /** p(yes) of every kept concept for each text; columns named by the question text. */
  transform(texts: readonly unknown[]): Matrix {
    const state = this.state;
    if (!state) throw notFitted("ConceptDetectors");
    const kept = this.kept;
    const sparse = state.tfidf.transformSparse(texts);
    const data = new Float64Array(texts.length * kept.length);
    texts.forEach((_, i) => {
      const tokens = termsOf(state.tfidf, sparse[i]);
      kept.forEach((c, j) => (data[i * kept.length + j] = detect(state.detectors.get(c.id)!, sparse[i], tokens)));
    });
    const origins: FeatureOrigin[] = kept.map((c) => ({ column: this.options.column, kind: "concept", detail: c.question }));
    return new Matrix(data, texts.length, kept.length, kept.map((c) => c.question), origins);
  }

  /** Plain, versioned JSON with every detector and its measured quality. */
  toJSON(): ConceptDetectorsJSON {
    const state = this.state;
    if (!state) throw notFitted("ConceptDetectors");
    return {
      kind: "ConceptDetectors",
      version: 1,
      column: this.options.column,
      tfidf: state.tfidf.toJSON(),
      concepts: structuredClone(state.concepts),
      quality: structuredClone(state.quality),
      detectors: Object.fromEntries([...state.detectors].map(([k, d]) => [k, structuredClone(d)])),
    };
  }

  /** Restores fitted detectors from {@link ConceptDetectors.toJSON}; transforms are identical. */
  static fromJSON(json: ConceptDetectorsJSON): ConceptDetectors {
    if (json?.kind !== "ConceptDetectors" || json.version !== 1) {
      throw new UnderstudyError("bad_model_json", messages.features.notToJSONOutput("ConceptDetectors.fromJSON", "kind ConceptDetectors"));
    }
    const d = new ConceptDetectors({ column: json.column });
    d.state = {
      tfidf: TfidfVectorizer.fromJSON(json.tfidf),
      concepts: structuredClone(json.concepts),
      quality: structuredClone(json.quality),
      detectors: new Map(Object.entries(structuredClone(json.detectors))),
    };
    return d;
  }
}

// Keyword detectors match the same (stemmed) terms TF-IDF sees.
function termsOf(tfidf: TfidfVectorizer, row: SparseRow): Set<string> {
  return new Set(Array.from(row.indices, (j) => tfidf.vocabulary[j]));
}

function detect(d: Detector, row: SparseRow, tokens: Set<string>): number {
  return d.kind === "logistic" ? sparseLogisticProba(d.model, row) : d.keywords.some((k) => tokens.has(k)) ? d.pPresent : d.pAbsent;
}

// Greedy forward selection of up to three terms: the concept is "yes" when any of them occurs.
// A term joins only if it lifts balanced accuracy by at least 0.01, so noise terms stay out.
function fitKeyword(tokenSets: Set<string>[], y: boolean[], vocabulary: readonly string[]): Detector {
  const keywords: string[] = [];
  const fires = new Array<boolean>(y.length).fill(false);
  let bestScore = 0.5;
  for (let round = 0; round < 3; round++) {
    let pick: string | undefined;
    let pickScore = bestScore;
    for (const term of vocabulary) {
      if (keywords.includes(term)) continue;
      const score = balancedAccuracy(y, fires.map((f, i) => f || tokenSets[i].has(term)));
      if (score > bestScore + (keywords.length ? 0.01 : 1e-12) && (pick === undefined || score > pickScore)) { pickScore = score; pick = term; }
    }
    if (pick === undefined) break;
    bestScore = pickScore;
    keywords.push(pick);
    tokenSets.forEach((s, i) => (fires[i] = fires[i] || s.has(pick!)));
  }
  let tp = 0, fp = 0, fn = 0, tn = 0;
  fires.forEach((f, i) => { if (f && y[i]) tp++; else if (f) fp++; else if (y[i]) fn++; else tn++; });
  return { kind: "keyword", keywords, pPresent: (tp + 1) / (tp + fp + 2), pAbsent: (fn + 1) / (fn + tn + 2) };
}

// Splits positions `ks` (with answers `y`, aligned) into [rest, held], holding out `fraction` of each answer.
function stratifiedSplit(ks: number[], y: boolean[], fraction: number, rng: Random): [number[], number[]] {
  const held = new Set<number>();
  for (const want of [true, false]) {
    const group = ks.filter((_, p) => y[p] === want);
    rng.shuffle(group);
    group.slice(0, Math.max(1, Math.round(fraction * group.length))).forEach((k) => held.add(k));
  }
  return [ks.filter((k) => !held.has(k)), ks.filter((k) => held.has(k))];
}

function balancedAccuracy(truth: boolean[], predicted: boolean[]): number {
  let tp = 0, fn = 0, tn = 0, fp = 0;
  truth.forEach((t, i) => {
    if (t) predicted[i] ? tp++ : fn++;
    else predicted[i] ? fp++ : tn++;
  });
  return (tp / Math.max(1, tp + fn) + tn / Math.max(1, tn + fp)) / 2;
}

function phi(answers: readonly ConceptAnswers[], a: string, b: string): number {
  let n11 = 0, n10 = 0, n01 = 0, n00 = 0;
  for (const row of answers) {
    const x = row?.[a];
    const y = row?.[b];
    if (typeof x !== "boolean" || typeof y !== "boolean") continue;
    if (x && y) n11++; else if (x) n10++; else if (y) n01++; else n00++;
  }
  const d = Math.sqrt((n11 + n10) * (n01 + n00) * (n11 + n01) * (n10 + n00));
  return d === 0 ? 0 : (n11 * n00 - n10 * n01) / d;
}
