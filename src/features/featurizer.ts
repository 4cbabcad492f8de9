import { UnderstudyError, notFitted } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { inferSchema } from "../data/infer-schema.ts";
import type { Schema } from "../data/infer-schema.ts";
import { Matrix } from "../data/matrix.ts";
import type { FeatureOrigin } from "../data/matrix.ts";
import { TableEncoder } from "../data/table-encoder.ts";
import type { TableEncoderJSON } from "../data/table-encoder.ts";
import { ConceptDetectors } from "./concept-detectors.ts";
import type { Concept, ConceptAnswers, ConceptDetectorsJSON, ConceptDetectorsOptions, ConceptQuality } from "./concept-detectors.ts";
import { expressionColumns } from "./expression/ast.ts";
import type { ExpressionNode } from "./expression/ast.ts";
import { evaluateExpression } from "./expression/evaluate-expression.ts";
import { parseExpression } from "./expression/parse-expression.ts";
import { printExpression } from "./expression/print-expression.ts";
import { TfidfVectorizer } from "./tfidf.ts";
import type { TfidfJSON, TfidfOptions } from "./tfidf.ts";
import { rowContent } from "../data/row-content.ts";
import { cellOf } from "../data/cell-of.ts";
import { RowCells } from "../data/row-cells.ts";
import type { ColumnTable } from "arquero";

type Row = Record<string, unknown>;

/** A derived feature given to the featurizer: text or a parsed tree (from proposeExpressions, or written by hand). */
export interface ExpressionSpec {
  name: string;
  expression: string;
  ast?: ExpressionNode;
  why?: string;
  promptVersion?: string;
}

/** A rule given to the featurizer (from proposeRules): a 0/1 feature, 1 when the condition holds. */
export interface RuleSpec {
  name: string;
  label?: string;
  condition: string;
  ast?: ExpressionNode;
  why?: string;
  promptVersion?: string;
}

/**
 * Concept features: the teacher's answers for the training rows (index-aligned), or detectors
 * already fitted. `column` names the source in feature origins; `columns` (default
 * `[column]`) are the text columns the detectors read: with two or more, each row's text is
 * those fields, one `name: value` line each, as the teacher saw them.
 */
export type ConceptSpec =
  | { column: string; columns?: readonly string[]; concepts: readonly Concept[]; answers: readonly ConceptAnswers[]; options?: ConceptDetectorsOptions }
  | { column: string; columns?: readonly string[]; detectors: ConceptDetectors };

/** Options for {@link Featurizer}. */
export interface FeaturizerOptions {
  /** Column roles (from inferSchema). Default: inferred from the training rows in fit. */
  schema?: Schema;
  /** Raw columns to encode (numeric, categorical, boolean). Default: every such column of the schema. Pass [] for none. */
  features?: readonly string[];
  /** Text column(s): each gets TF-IDF features (unless `tfidf: false`). */
  text?: string | readonly string[];
  /** Column of known labels, never a feature. */
  target?: string;
  /** TF-IDF options, or false for no TF-IDF. Default: unigrams and bigrams, minDf 2, 1000 terms. */
  tfidf?: TfidfOptions | false;
  /** Scale raw numeric columns to mean 0, sd 1 (training statistics). Default false. */
  standardize?: boolean;
  /** LLM concept features (answers to learn detectors from, or fitted detectors). Default none. */
  concepts?: ConceptSpec;
  /** Derived numeric features in the expression language. Default none. */
  expressions?: readonly ExpressionSpec[];
  /** 0/1 rule features in the expression language. Default none. */
  rules?: readonly RuleSpec[];
  /**
   * Cell values read as missing in raw columns (trimmed, any case), carried in the JSON so
   * that predictions and SQL read cells alike. Default: the `schema`'s list, else
   * `["", "NA", "N/A", "NaN", "null"]`.
   */
  missing?: readonly string[];
}

/** Where one output feature came from, in the caller's terms. */
export interface FeatureLineage {
  name: string;
  origin: FeatureOrigin;
  source: "table" | "tfidf" | "concept" | "expression" | "rule";
  promptVersion?: string;
  /** The concept's question. */
  question?: string;
  /** The expression or rule condition, canonical text. */
  expression?: string;
  /** A concept detector's held-out agreement with the teacher. */
  quality?: Pick<ConceptQuality, "agreement" | "balancedAccuracy" | "detector">;
}

/** The fitted sources, and the transform plan built from them on first use. */
interface FittedParts {
  json: FeaturizerJSON;
  table?: TableEncoder;
  tfidf: { column: string; v: TfidfVectorizer }[];
  concepts?: { column: string; columns: string[]; d: ConceptDetectors };
  plan?: TransformPlan;
}

/** What every transform needs, worked out once per fitted featurizer. */
interface TransformPlan {
  names: string[];
  origins: FeatureOrigin[];
  tableWidth: number;
  /** Input columns the expressions and rules read. */
  expressionColumns: string[];
  /** Expressions then rules: each a tree and how its value becomes the feature. */
  derived: { ast: ExpressionNode; fill: (v: number) => number }[];
}

/** Serialized {@link Featurizer}: everything needed to featurize new rows with no LLM. */
export interface FeaturizerJSON {
  format: "understudy-featurizer";
  version: 1;
  table: TableEncoderJSON | null;
  tfidf: { column: string; vectorizer: TfidfJSON }[];
  concepts: { column: string; columns?: string[]; detectors: ConceptDetectorsJSON } | null;
  expressions: (ExpressionSpec & { ast: ExpressionNode; fill: number })[];
  rules: (RuleSpec & { ast: ExpressionNode })[];
  lineage: FeatureLineage[];
}

/**
 * Assembles every feature source into one Matrix: raw columns (TableEncoder), TF-IDF for
 * text columns, LLM concepts (learned by detectors), LLM expressions and rules. Everything is
 * fitted on the training rows only; `transform` then featurizes any rows the same way, with
 * no LLM. Expression values that are missing (NaN) get the training median; a rule whose
 * condition is missing does not fire (0). `toJSON` keeps the lineage of every feature
 * (origin, prompt version, question or expression text, detector quality). `fit` throws an
 * UnderstudyError for an unknown text column, an expression or rule that does not parse, or
 * two features with one name.
 *
 * @example
 * const f = new Featurizer({ text: "body", concepts: { column: "body", concepts, answers }, expressions: [{ name: "ratio", expression: "a / b" }] });
 * const X = f.fit(trainRows).transform(testRows);
 * const same = Featurizer.fromJSON(JSON.parse(JSON.stringify(f.toJSON()))).transform(testRows); // identical values
 */
export class Featurizer {
  readonly options: Readonly<FeaturizerOptions>;
  private fitted: FittedParts | undefined;

  constructor(options: FeaturizerOptions = {}) {
    this.options = { ...options };
  }

  /** Lineage of every output feature, in column order. */
  get lineage(): readonly FeatureLineage[] {
    if (!this.fitted) throw notFitted("Featurizer");
    return this.fitted.json.lineage;
  }

  /** Fits every source on the training rows; returns `this`. */
  fit(trainRows: readonly Row[]): this {
    if (!Array.isArray(trainRows) || trainRows.length === 0) throw new UnderstudyError("empty_input", messages.features.featurizerNoRows());
    const o = this.options;
    const text = o.text === undefined ? [] : typeof o.text === "string" ? [o.text] : [...o.text];
    const columns = [...new Set(trainRows.flatMap((r) => Object.keys(r ?? {})))];
    for (const c of text) if (!columns.includes(c)) throw new UnderstudyError("unknown_column", messages.features.featurizerUnknownColumn("text column", c, columns));

    let table: TableEncoder | undefined;
    const markers = o.missing ?? o.schema?.missing;
    const missing = markers ? { missing: markers } : {};
    const schema = o.schema ?? inferSchema(trainRows as object[], { text, ...(o.target ? { target: o.target } : {}), ...missing });
    const encodable = schema.columns.filter((c) => ["numeric", "categorical", "boolean"].includes(c.role) && !text.includes(c.name) && c.name !== o.target).map((c) => c.name);
    const raw = o.features ? o.features.filter((c) => !text.includes(c) && c !== o.target) : encodable;
    if (raw.length) table = new TableEncoder({ schema, features: raw, standardize: o.standardize ?? false, ...missing }).fit(trainRows as object[]);

    const tfidf = o.tfidf === false ? [] : text.map((column) => ({
      column,
      v: new TfidfVectorizer({ ngramRange: [1, 2], minDf: 2, maxFeatures: 1000, ...(o.tfidf || {}), column }).fit(trainRows.map((r) => cellOf(r, column))),
    }));

    let concepts: { column: string; columns: string[]; d: ConceptDetectors } | undefined;
    if (o.concepts) {
      const spec = o.concepts;
      const read = spec.columns?.length ? [...spec.columns] : [spec.column];
      for (const c of read) if (!columns.includes(c)) throw new UnderstudyError("unknown_column", messages.features.featurizerUnknownColumn("concept text column", c, columns));
      if ("detectors" in spec) concepts = { column: spec.column, columns: read, d: spec.detectors };
      else {
        if (spec.answers.length !== trainRows.length) {
          throw new UnderstudyError("length_mismatch", messages.features.conceptAnswerRows(spec.answers.length, trainRows.length));
        }
        concepts = { column: spec.column, columns: read, d: new ConceptDetectors({ ...spec.options, column: spec.column }).fit(conceptTexts(trainRows, read), spec.concepts, spec.answers) };
      }
    }

    const data = Object.fromEntries(columns.map((c) => [c, trainRows.map((r) => cellOf(r, c))]));
    const expressions = (o.expressions ?? []).map((e) => {
      const ast = e.ast ?? parseOrThrow(e.expression, columns, `expression ${JSON.stringify(e.name)}`);
      const values = Array.from(evaluateExpression(ast, data)).filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
      return { ...e, ast, expression: printExpression(ast), fill: values.length ? values[Math.floor(values.length / 2)] : 0 };
    });
    const rules = (o.rules ?? []).map((r) => {
      const ast = r.ast ?? parseOrThrow(r.condition, columns, `rule ${JSON.stringify(r.name)}`);
      return { ...r, ast, condition: printExpression(ast) };
    });

    const lineage: FeatureLineage[] = [];
    const sample = trainRows.slice(0, 1);
    if (table) {
      const m = table.transform(sample as object[]);
      m.featureNames.forEach((name, j) => lineage.push({ name, origin: m.origins?.[j] ?? { column: name, kind: "raw" }, source: "table" }));
    }
    for (const t of tfidf) t.v.vocabulary.forEach((term) => lineage.push({ name: `${t.column}:${term}`, origin: { column: t.column, kind: "tfidf", detail: term }, source: "tfidf" }));
    if (concepts) {
      const quality = new Map(concepts.d.quality.map((q) => [q.id, q]));
      for (const c of concepts.d.kept) {
        const q = quality.get(c.id)!;
        lineage.push({
          name: c.question, origin: { column: concepts.column, kind: "concept", detail: c.question }, source: "concept", question: c.question,
          ...(c.promptVersion ? { promptVersion: c.promptVersion } : {}),
          quality: { agreement: q.agreement, balancedAccuracy: q.balancedAccuracy, detector: q.detector },
        });
      }
    }
    for (const e of expressions) {
      lineage.push({ name: e.name, origin: { column: columnsOf(e.ast), kind: "expression", detail: e.expression }, source: "expression", expression: e.expression, ...(e.promptVersion ? { promptVersion: e.promptVersion } : {}) });
    }
    for (const r of rules) {
      lineage.push({ name: r.name, origin: { column: columnsOf(r.ast), kind: "rule", detail: r.condition }, source: "rule", expression: r.condition, ...(r.promptVersion ? { promptVersion: r.promptVersion } : {}) });
    }
    const names = new Set<string>();
    for (const l of lineage) {
      if (names.has(l.name)) throw new UnderstudyError("duplicate_column", messages.features.duplicateFeature(l.name));
      names.add(l.name);
    }
    this.fitted = {
      json: {
        format: "understudy-featurizer", version: 1,
        table: table ? table.toJSON() : null,
        tfidf: tfidf.map((t) => ({ column: t.column, vectorizer: t.v.toJSON() })),
        concepts: concepts ? { column: concepts.column, ...(concepts.columns.length > 1 ? { columns: concepts.columns } : {}), detectors: concepts.d.toJSON() } : null,
        expressions, rules, lineage,
      },
      table, tfidf, concepts,
    };
    return this;
  }

  /**
   * Featurizes rows exactly as the training rows were: a Matrix with named features and
   * origins. `rows` are row objects, or an arquero table (read column by column, in place).
   */
  transform(rows: readonly Row[] | ColumnTable): Matrix {
    const f = this.fitted;
    if (!f) throw notFitted("Featurizer");
    const cells = RowCells.of(rows);
    if (!cells) throw new UnderstudyError("bad_input", messages.features.transformRowsNotArray());
    const plan = (f.plan ??= transformPlan(f.json));
    const n = cells.nRows;
    const width = plan.names.length;
    // One buffer for every source: each writes its own columns of each row in place.
    const out = new Float64Array(n * width);
    let offset = 0;
    if (f.table) {
      f.table.encodeInto(cells, out, width, offset);
      offset += plan.tableWidth;
    }
    for (const t of f.tfidf) offset = copyBlock(t.v.transform(cells.column(t.column) as unknown[]), out, width, offset);
    if (f.concepts) offset = copyBlock(f.concepts.d.transform(conceptTexts(cells, f.concepts.columns)), out, width, offset);
    if (plan.derived.length) {
      const data = Object.fromEntries(plan.expressionColumns.map((c) => [c, cells.column(c)]));
      for (const d of plan.derived) {
        const values = evaluateExpression(d.ast, data);
        for (let i = 0, at = offset; i < n; i++, at += width) out[at] = d.fill(values[i]);
        offset++;
      }
    }
    return new Matrix(out, n, width, plan.names.slice(), plan.origins.slice());
  }

  /** Fits and transforms the training rows. */
  fitTransform(trainRows: readonly Row[]): Matrix {
    return this.fit(trainRows).transform(trainRows);
  }

  /** Plain, versioned JSON with lineage; `Featurizer.fromJSON` featurizes identically with no LLM. */
  toJSON(): FeaturizerJSON {
    if (!this.fitted) throw notFitted("Featurizer");
    return structuredClone(this.fitted.json);
  }

  /** Restores a fitted featurizer from {@link Featurizer.toJSON}. */
  static fromJSON(json: FeaturizerJSON): Featurizer {
    if (json?.format !== "understudy-featurizer" || json.version !== 1) {
      throw new UnderstudyError("bad_model_json", messages.features.notToJSONOutput("Featurizer.fromJSON", "format understudy-featurizer"));
    }
    const f = new Featurizer();
    const copy = structuredClone(json);
    f.fitted = {
      json: copy,
      table: copy.table ? TableEncoder.fromJSON(copy.table) : undefined,
      tfidf: copy.tfidf.map((t) => ({ column: t.column, v: TfidfVectorizer.fromJSON(t.vectorizer) })),
      concepts: copy.concepts ? { column: copy.concepts.column, columns: copy.concepts.columns ?? [copy.concepts.column], d: ConceptDetectors.fromJSON(copy.concepts.detectors) } : undefined,
    };
    return f;
  }
}

function transformPlan(json: FeaturizerJSON): TransformPlan {
  const derived = [
    ...json.expressions.map((e) => ({ ast: e.ast, fill: (v: number) => (Number.isFinite(v) ? v : e.fill) })),
    // A rule whose condition is missing (NaN) does not fire.
    ...json.rules.map((r) => ({ ast: r.ast, fill: (v: number) => (v === 1 ? 1 : 0) })),
  ];
  return {
    names: json.lineage.map((l) => l.name),
    origins: json.lineage.map((l) => l.origin),
    tableWidth: json.table ? json.table.steps.length : 0,
    expressionColumns: [...new Set(derived.flatMap((d) => expressionColumns(d.ast)))],
    derived,
  };
}

/** Copies a source's matrix into its columns of `out`, from `offset`; returns the next offset. */
function copyBlock(m: Matrix, out: Float64Array, width: number, offset: number): number {
  for (let i = 0; i < m.nRows; i++) out.set(m.data.subarray(i * m.nCols, (i + 1) * m.nCols), i * width + offset);
  return offset + m.nCols;
}

function parseOrThrow(text: string, columns: string[], what: string): ExpressionNode {
  const r = parseExpression(text, { columns });
  if (!r.success) {
    const issue = r.issues[0];
    throw new UnderstudyError("bad_expression", messages.features.expressionDoesNotParse(what, issue.position, issue.message));
  }
  return r.data;
}

/**
 * The text concept detectors read: one column's value as is; for several columns, the fields
 * the teacher was shown (rowContent), one `name: value` line each, missing ones left out.
 * Plain lines rather than JSON, so newlines and quotes in the text do not glue tokens together.
 */
function conceptTexts(rows: readonly Row[] | RowCells, columns: readonly string[]): unknown[] {
  const cells = Array.isArray(rows) ? RowCells.fromRows(rows) : (rows as RowCells);
  if (columns.length === 1) return Array.from(cells.column(columns[0]));
  const values = columns.map((c) => cells.column(c));
  return Array.from({ length: cells.nRows }, (_, i) => {
    const row: Row = Object.create(null);
    columns.forEach((c, k) => {
      if (cells.has(c)) row[c] = values[k][i];
    });
    return Object.entries(rowContent(row, columns) as Row)
      .filter(([, v]) => v !== null && v !== undefined && !(typeof v === "number" && Number.isNaN(v)))
      .map(([k, v]) => `${k}: ${String(v)}`).join("\n");
  });
}

// An expression's origin names the columns it reads.
function columnsOf(ast: ExpressionNode): string {
  return expressionColumns(ast).join(", ");
}
