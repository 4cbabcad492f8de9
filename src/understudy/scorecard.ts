import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { categoryOfCell, isMissingCell, numberOfCell } from "../data/cell-values.ts";
import { Matrix } from "../data/matrix.ts";
import { reasonEntry } from "../explain/reason-entry.ts";
import type { Featurizer } from "../features/featurizer.ts";
import type { Estimator, Label } from "../models/estimator.ts";
import { isLinearModel } from "../models/model-kinds.ts";
import { positiveClass } from "./positive-class.ts";
import { binOf, numericBinLabel, type QuantileBins } from "./quantile-bins.ts";
import type { ColumnReference, TrainingReference } from "./training-reference-types.ts";

/** Options of a scorecard: the usual scaling of points to odds. */
export interface ScorecardOptions {
  /** Points to double the odds. Default 20. */
  pdo?: number;
  /** The score at which the odds of the positive label are `odds`. Default 600. */
  points?: number;
  /** The odds (positive : other) that score `points`. Default 50. */
  odds?: number;
}

/** One line of the points table. */
export interface ScorecardRow {
  /** The input column (or LLM concept, expression, rule; "a × b" for a pairwise term). */
  column: string;
  /** The bin or level, in words: "income ≤ 30000", "region = north", "income is missing". */
  condition: string;
  /** Whole points added when the condition holds. */
  points: number;
}

/** A points table over a binary logistic (or additive) model. */
export interface Scorecard {
  pdo: number;
  points: number;
  odds: number;
  /** pdo / ln 2. */
  factor: number;
  /** points − factor · ln(odds). */
  offset: number;
  /** The label the score is about (the first label): higher scores, higher odds of it. */
  positive: Label;
  table: ScorecardRow[];
  /** offset + factor · ln(p / (1 − p)), p the model's probability of `positive` (kept within [1e-15, 1 − 1e-15]). */
  score(row: Record<string, unknown>): number;
  /** The table's total for a row: the points of the line each column falls in, added. */
  tablePoints(row: Record<string, unknown>): number;
  /** The table as text, the familiar printed scorecard. */
  format(): string;
}

/** What a scorecard is built from: the fitted parts and the training bins stored at distill time. */
export interface ScorecardInput {
  featurizer: Featurizer;
  model: Estimator<Label>;
  reference: TrainingReference;
  /** The labels as given to distill; the first is the positive one unless `positive` names another. */
  labels?: readonly string[];
  /** The positive class (`distill({ positive })`): the scored class, p = P(positive). */
  positive?: string;
}

// One additive part of the positive label's log-odds: the features it reads and its value at a feature row.
interface Term { features: number[]; value: (x: Float64Array) => number }
// An input column, or a feature of its own, with the bins its lines stand for.
interface Entry { column: string; features: number[]; bins: Bin[]; binOfRow: (row: Record<string, unknown>, x: Float64Array) => number }
// One line's condition and the feature values of a row in that bin.
interface Bin { condition: string; set: (x: Float64Array) => void }
// The structural view of an additive model (an EBM declares `capabilities.additive`).
interface AdditiveView { intercept: number[]; link: string; terms(): { features: number[] }[]; explainTerms(X: Matrix): { contributions: number[][][] } }

/**
 * A credit-style scorecard of a binary logistic model, or of an additive model (an EBM, read
 * through `capabilities.additive`): factor = pdo / ln 2, offset = points − factor·ln(odds), and
 * score(row) = offset + factor·ln(p / (1 − p)) with p the probability of the first label.
 * The table gives whole points per bin or level: numeric columns over the training deciles
 * stored in the bundle (the points of the bin's mean), categorical ones per level (plus
 * "another value"), missing values on a line of their own; LLM concepts, expressions and rules
 * over the deciles of their values. The model's intercept and the offset are shared evenly
 * between the columns, so a row's table total is its score up to the binning and the rounding.
 * Other model types, tasks with more than two classes and text columns read through TF-IDF get
 * one clear error.
 *
 * @example
 * const card = buildScorecard({ featurizer, model, reference, labels: ["good", "bad"] }, { pdo: 20, points: 600, odds: 50 });
 * console.log(card.format());
 * card.score(applicant); // 612.4
 */
export function buildScorecard(input: ScorecardInput, options: ScorecardOptions = {}): Scorecard {
  const pdo = checkedOption("pdo", options.pdo ?? 20, true);
  const points = checkedOption("points", options.points ?? 600, false);
  const odds = checkedOption("odds", options.odds ?? 50, true);
  const { featurizer, model } = input;
  const classes = model.classes ?? [];
  if (model.capabilities.task !== "classification" || classes.length !== 2) throw new UnderstudyError("unsupported_model", messages.understudy.scorecardBinaryOnly(classes.length));
  const positive = positiveClass(model, input)!;
  // The models give the log-odds of classes[1]; the positive label's is its negation when it is classes[0].
  const sign = positive === classes[1] ? 1 : -1;
  const { intercept, terms } = logOddsTerms(model);
  const factor = pdo / Math.LN2;
  const offset = points - factor * Math.log(odds);
  const entries = scorecardEntries(featurizer, input.reference, terms);
  const groups = termGroups(terms, entries);
  const share = (offset + factor * sign * intercept) / groups.length;
  const width = model.nFeatures;
  const tables = groups.map((g) => {
    const cells = cellsOf(g.entries);
    return {
      group: g, cells,
      points: cells.map((cell) => {
        const x = new Float64Array(width);
        cell.forEach((bin) => bin.set(x));
        return Math.round(share + factor * sign * g.terms.reduce((s, t) => s + t.value(x), 0));
      }),
    };
  });
  const table: ScorecardRow[] = tables.flatMap((t) => t.cells.map((cell, c) => ({ column: t.group.entries.map((e) => e.column).join(" × "), condition: cell.map((b) => b.condition).join(" and "), points: t.points[c] })));
  const pPositive = (row: Record<string, unknown>) => {
    const p = model.predictProba!(featurizer.transform([row]))[0][classes.indexOf(positive)];
    return Math.min(Math.max(p, 1e-15), 1 - 1e-15);
  };
  return {
    pdo, points, odds, factor, offset, positive, table,
    score: (row) => {
      const p = pPositive(row);
      return offset + factor * Math.log(p / (1 - p));
    },
    tablePoints: (row) => {
      const x = featurizer.transform([row]).row(0);
      return tables.reduce((s, t) => {
        const bins = t.group.entries.map((e) => e.binOfRow(row, x));
        // Cells are the product of the entries' bins, the first entry's bin varying slowest.
        const cell = bins.reduce((c, b, k) => c * t.group.entries[k].bins.length + b, 0);
        return s + t.points[cell];
      }, 0);
    },
    format: () => formatScorecard({ pdo, points, odds, factor, offset, positive, table }),
  };
}

/** The positive class's log-odds as intercept + additive terms, from the model's capabilities. */
function logOddsTerms(model: Estimator<Label>): { intercept: number; terms: Term[] } {
  if (isLinearModel(model) && model.link === "logistic") {
    const w = model.coefficients[0];
    return {
      intercept: model.intercepts[0],
      terms: w.flatMap((wj, j) => (wj === 0 ? [] : [{ features: [j], value: (x: Float64Array) => wj * x[j] }])),
    };
  }
  if ((model.capabilities as { additive?: boolean }).additive === true) {
    const additive = model as unknown as AdditiveView;
    if (additive.link === "logistic") {
      return {
        intercept: additive.intercept[0],
        terms: additive.terms().map((t, k) => ({ features: [...t.features], value: (x: Float64Array) => additive.explainTerms(new Matrix(Float64Array.from(x), 1, x.length)).contributions[0][k][0] })),
      };
    }
  }
  throw new UnderstudyError("unsupported_model", messages.understudy.scorecardModel(model.kind));
}

/** The entries (input columns, or features of their own) of every feature, with their bins. */
function scorecardEntries(featurizer: Featurizer, reference: TrainingReference, terms: Term[]): Map<number, Entry> {
  const lineage = featurizer.lineage;
  const used = new Set(terms.flatMap((t) => t.features));
  const template = emptyRow(featurizer, reference);
  const byKey = new Map<string, Entry>();
  const ofFeature = new Map<number, Entry>();
  lineage.forEach((l, j) => {
    const { column, kind } = reasonEntry(l, l.name);
    const key = `${kind}\u0000${column}`;
    let entry = byKey.get(key);
    if (!entry) {
      if (l.source === "tfidf" && used.has(j)) throw new UnderstudyError("unsupported_model", messages.understudy.scorecardText(column));
      entry = kind === "column" ? columnEntry(featurizer, reference, column, j, template) : featureEntry(reference, l.name, j);
      byKey.set(key, entry);
    }
    entry.features.push(j);
    ofFeature.set(j, entry);
  });
  return ofFeature;
}

/** A row with every column the featurizer reads, all missing: one column is then set to a line's value. */
function emptyRow(featurizer: Featurizer, reference: TrainingReference): Record<string, unknown> {
  const json = featurizer.toJSON();
  const columns = [
    ...(json.table?.columns.map((c) => c.name) ?? []), ...reference.columns.map((c) => c.column),
    ...json.tfidf.map((t) => t.column), ...(json.concepts ? json.concepts.columns ?? [json.concepts.column] : []),
  ];
  return Object.fromEntries(columns.map((c) => [c, null]));
}

function columnEntry(featurizer: Featurizer, reference: TrainingReference, column: string, first: number, template: Record<string, unknown>): Entry {
  const ref = reference.columns.find((c) => c.column === column);
  if (!ref) throw new UnderstudyError("not_measured", messages.understudy.scorecardNoBins(column, first));
  const entry: Entry = { column, features: [], bins: [], binOfRow: (row) => columnBin(ref, row[column]) };
  // A row holding only this column, featurized: its features of this column are what the line stands for.
  const setFrom = (value: unknown) => {
    const x = featurizer.transform([{ ...template, [column]: value }]).row(0);
    return (into: Float64Array) => { for (const j of entry.features) into[j] = x[j]; };
  };
  if (ref.kind === "numeric") {
    ref.means.forEach((mean, b) => entry.bins.push({ condition: numericCondition(column, ref.edges, b), set: setFrom(mean ?? NaN) }));
  } else {
    ref.levels.forEach((level) => entry.bins.push({ condition: `${column} = ${level}`, set: setFrom(level) }));
    entry.bins.push({ condition: `${column} is another value`, set: setFrom(otherLevel(ref.levels)) });
  }
  entry.bins.push({ condition: `${column} is missing`, set: setFrom(null) });
  return entry;
}

function featureEntry(reference: TrainingReference, name: string, j: number): Entry {
  const ref = reference.features.find((f) => f.feature === name);
  if (!ref) throw new UnderstudyError("not_measured", messages.understudy.scorecardNoBins(name, j));
  return {
    column: name, features: [],
    bins: ref.means.map((mean, b) => ({ condition: numericCondition(name, ref.edges, b), set: (x: Float64Array) => { x[j] = mean ?? 0; } })),
    binOfRow: (_, x) => binOf(ref.edges, x[j]),
  };
}

/** Terms grouped by the entries they read: one group per entry, or per pair of entries for a pairwise term. */
function termGroups(terms: Term[], entries: Map<number, Entry>): { entries: Entry[]; terms: Term[] }[] {
  const groups = new Map<string, { entries: Entry[]; terms: Term[] }>();
  for (const t of terms) {
    const own = [...new Set(t.features.map((j) => entries.get(j)!))];
    const key = own.map((e) => e.column).join("\u0000");
    const g = groups.get(key) ?? { entries: own, terms: [] };
    g.terms.push(t);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** Every combination of the entries' bins, the first entry's bin varying slowest. */
function cellsOf(entries: Entry[]): Bin[][] {
  return entries.reduce<Bin[][]>((cells, e) => cells.flatMap((c) => e.bins.map((b) => [...c, b])), [[]]);
}

function columnBin(ref: ColumnReference, value: unknown): number {
  if (ref.kind === "numeric") {
    const v = isMissingCell(value) ? NaN : numberOfCell(value);
    return Number.isFinite(v) ? binOf(ref.edges, v) : ref.means.length;
  }
  if (isMissingCell(value)) return ref.levels.length + 1;
  const k = ref.levels.indexOf(categoryOfCell(value));
  return k >= 0 ? k : ref.levels.length;
}

function numericCondition(name: string, edges: QuantileBins["edges"], b: number): string {
  const label = numericBinLabel(edges, b);
  if (label.startsWith("(")) {
    const [low, high] = label.slice(1, -1).split(", ");
    return `${low} < ${name} ≤ ${high}`;
  }
  return label === "any value" ? `${name} is given` : `${name} ${label}`;
}

/** A value none of the levels is: the featurizer reads it as an unseen level. */
function otherLevel(levels: readonly string[]): string {
  let other = "(another value)";
  while (levels.includes(other)) other += "'";
  return other;
}

function checkedOption(name: string, value: unknown, positive: boolean): number {
  if (typeof value !== "number" || !Number.isFinite(value) || (positive && value <= 0)) {
    throw new UnderstudyError("bad_option", messages.understudy.scorecardOption(name, value, positive));
  }
  return value;
}

/**
 * The points table as text.
 *
 * @example
 * formatScorecard(card); // "Scorecard for good: 600 points at odds 50:1, 20 points to double the odds\n..."
 */
export function formatScorecard(card: Pick<Scorecard, "pdo" | "points" | "odds" | "factor" | "offset" | "positive" | "table">): string {
  const num = (v: number) => String(Number(v.toPrecision(6)));
  const header = ["column", "condition", "points"];
  const rows = card.table.map((r) => [r.column, r.condition, String(r.points)]);
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (cells: string[]) => cells.map((c, k) => (k === 2 ? c.padStart(widths[k]) : c.padEnd(widths[k]))).join("  ").trimEnd();
  return [
    `Scorecard for ${String(card.positive)}: ${num(card.points)} points at odds ${num(card.odds)}:1, ${num(card.pdo)} points to double the odds (factor ${num(card.factor)}, offset ${num(card.offset)})`,
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
  ].join("\n");
}
