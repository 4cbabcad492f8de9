import { displayCard } from "./charts/display-card.ts";
import { argmaxLabels } from "./models/argmax-labels.ts";
import type { MimeBundle } from "./charts/mime-bundle.ts";
import { UnderstudyError } from "./core/errors.ts";
import { rowsOf } from "./data/rows-of.ts";
import { toTable, type TableInput } from "./data/to-table.ts";
import { sqlDialectNames, type SQLDialectName } from "./export/sql-dialect.ts";
import { toSQL } from "./export/to-sql.ts";
import { Featurizer } from "./features/featurizer.ts";
import { defaultTeacher } from "./llm/default-teacher.ts";
import type { Teacher } from "./llm/teacher.ts";
import type { Estimator, Label } from "./models/estimator.ts";
import { loadModel } from "./models/load-model.ts";
import { buildReport } from "./report/build-report.ts";
import { runCascade, type CascadeResult } from "./understudy/cascade-runtime.ts";
import { explainRow, type Explanation } from "./understudy/explain-row.ts";
import { understudyReportInput } from "./understudy/report-input.ts";
import { checkBundle, sha256Of, type UnderstudyJSON, type UnderstudyMetadata, type UnderstudyMetrics, type UnderstudyStats } from "./understudy/understudy-bundle.ts";
import { understudyCharts, type UnderstudyCharts } from "./understudy/understudy-charts.ts";

export type { CascadeAnswer, CascadeResult } from "./understudy/cascade-runtime.ts";
export type { Explanation } from "./understudy/explain-row.ts";
export type { UnderstudyCharts } from "./understudy/understudy-charts.ts";
export type { ModelChoice, ModelChoiceResult, ScoredCandidate } from "./understudy/choose-model.ts";
export type {
  CascadeSummary, GoldScores, HeldOutArtefacts, TeacherScores, UnderstudyJSON, UnderstudyMetadata, UnderstudyMetrics, UnderstudyStats,
} from "./understudy/understudy-bundle.ts";

/** Options of {@link Understudy.report}. */
export interface UnderstudyReportOptions {
  format: "html" | "md" | "json";
  /** ISO time printed on the report. Default: when the model was distilled, so the same model gives the same report. */
  generatedAt?: string;
}

/** Options of {@link Understudy.cascade}. */
export interface UnderstudyCascadeOptions {
  /** Who answers the rows the small model is unsure of. Default: the teacher the environment configures. */
  teacher?: Teacher;
  /** Confidence at or above which the small model answers. Default: the threshold chosen on validation rows at distill time. */
  threshold?: number;
}

/**
 * A small, transparent model distilled from a teacher, with the proof that it deserves the
 * job: held-out metrics, explanations, charts, an audit report, a JSON bundle and SQL.
 * `distill()` returns one; `Understudy.fromJSON` restores one. Prediction needs no teacher.
 *
 * @example
 * const u = await distill({ data: emails, task: "Is this email spam?", labels: ["spam", "ham"], text: "body" });
 * u.predict([{ body: "WIN a FREE cruise!!!" }]);   // ["spam"]
 * u.explain({ body: "WIN a FREE cruise!!!" }).text;
 * u.metrics.vsTeacher.agreement;                   // 0.95
 * const same = Understudy.fromJSON(JSON.parse(JSON.stringify(u.toJSON())));
 */
export class Understudy {
  /** The fitted featurizer: input rows → feature matrix, with no LLM. */
  readonly featurizer: Featurizer;
  /** The fitted small model. */
  readonly model: Estimator<Label>;
  /** Task, teacher, split, model choice, metrics, stats and stored held-out artefacts. */
  readonly metadata: UnderstudyMetadata;
  readonly hashes: { data: string; model: string };
  private chartsCache: UnderstudyCharts | undefined;

  /** Built by `distill()` and `Understudy.fromJSON`; not meant to be called directly. */
  constructor(parts: { featurizer: Featurizer; model: Estimator<Label>; metadata: UnderstudyMetadata; dataHash: string }) {
    this.featurizer = parts.featurizer;
    this.model = parts.model;
    this.metadata = parts.metadata;
    this.hashes = { data: parts.dataHash, model: sha256Of(parts.model.toJSON()) };
  }

  /** The task in one sentence. */
  get task(): string {
    return this.metadata.task;
  }

  /** Classes in the model's order (the columns of predictProba); undefined for regression. */
  get classes(): Label[] | undefined {
    return this.model.classes ? [...this.model.classes] : undefined;
  }

  /** Held-out metrics: `vsTeacher` (agreement...), `vsGold` when gold labels were given, calibration, fairness, cascade. */
  get metrics(): UnderstudyMetrics {
    return this.metadata.metrics;
  }

  /** What distilling spent: teacher calls, cache hits, tokens, cost, labels bought. */
  get stats(): UnderstudyStats {
    return this.metadata.stats;
  }

  /** Predicts a label (or value) per row. Synchronous; no teacher is called. */
  predict(rows: TableInput): Label[] {
    return this.model.predict(this.featurize(rows));
  }

  /** Class probabilities per row, columns in `classes` order. Classifiers only. */
  predictProba(rows: TableInput): number[][] {
    if (!this.model.predictProba || !this.model.capabilities.probabilities) {
      throw new UnderstudyError("no_probabilities", `predictProba: the ${this.model.kind} of this ${this.metadata.kind} task gives no probabilities; use predict.`);
    }
    return this.model.predictProba(this.featurize(rows));
  }

  /**
   * Explains one row: prediction, probability, reason codes (structured and as sentences),
   * and what the model type adds: the decision path (single tree), the neighbours (k-NN), a
   * counterfactual (classifiers, where it can be found exactly or cheaply).
   */
  explain(row: Record<string, unknown>, options: { top?: number } = {}): Explanation {
    if (row === null || typeof row !== "object" || Array.isArray(row)) {
      throw new UnderstudyError("bad_input", "explain(row): pass one row as an object of column values, e.g. { body: \"...\" }.");
    }
    return explainRow(this.model, this.featurizer.transform([row]), this.metadata.artefacts.baseline, options.top ?? 5);
  }

  /** Vega-Lite specs: importance, confusion, calibration, reasonCodes(row), partialDependence(feature), cascade, and fairness/tree/coefficients/concepts/learningCurve where they apply. */
  get charts(): UnderstudyCharts {
    return (this.chartsCache ??= understudyCharts({ model: this.model, metadata: this.metadata, explain: (row) => this.explain(row) }));
  }

  /** The audit report: "html" (self-contained, inline SVG charts), "md" or "json". */
  async report(options: UnderstudyReportOptions): Promise<string> {
    const input = understudyReportInput(
      { model: this.model, featurizer: this.featurizer.toJSON(), metadata: this.metadata, hashes: this.hashes },
      options?.generatedAt ?? this.metadata.createdAt,
    );
    return buildReport(input, { format: options?.format });
  }

  /** The JSON bundle: featurizer, model, metadata and hashes. `Understudy.fromJSON` restores it exactly. */
  toJSON(): UnderstudyJSON {
    const model = this.model.toJSON();
    const featurizer = this.featurizer.toJSON();
    const metadata = structuredClone(this.metadata);
    return {
      format: "understudy",
      version: 1,
      featurizer,
      model,
      metadata,
      hashes: { data: this.hashes.data, model: sha256Of(model), featurizer: sha256Of(featurizer), metadata: sha256Of(metadata) },
    };
  }

  /**
   * Restores a bundle from `toJSON()` (parsed JSON). Checks the format, version, required parts
   * and the model, featurizer and metadata hashes, with an error that says what is wrong; predictions are identical to the
   * original's, and charts and the report work from the stored held-out figures.
   */
  static fromJSON(json: unknown): Understudy {
    const bundle = checkBundle(typeof json === "string" ? parseJSON(json) : json);
    return new Understudy({
      featurizer: Featurizer.fromJSON(bundle.featurizer),
      model: loadModel(bundle.model) as Estimator<Label>,
      metadata: structuredClone(bundle.metadata),
      dataHash: bundle.hashes.data,
    });
  }

  /**
   * One SELECT over `table` (holding the original input columns) returning every input column
   * plus `prediction` (and `probability` of the predicted class for classifiers). Trees,
   * forests, linear and logistic models with numeric, boolean and categorical features,
   * expressions and rules; TF-IDF and concept features and k-NN have no SQL form (clear error).
   */
  toSQL(options: { dialect: SQLDialectName; table: string | string[] }): string {
    if (!sqlDialectNames.includes(options?.dialect)) {
      throw new UnderstudyError("bad_option", `toSQL: dialect must be one of ${sqlDialectNames.join(", ")}, got ${JSON.stringify(options?.dialect)}.`);
    }
    if (this.model.capabilities.neighbours) {
      throw new UnderstudyError("no_sql_form", "toSQL: a k-NN model predicts from its stored training rows and has no SQL form; distill with model: \"tree\", \"logistic\" or \"forest\" to export SQL.");
    }
    return toSQL({ model: this.model, featurizer: this.featurizer, dialect: options.dialect, table: options.table });
  }

  /**
   * Small model first, teacher when unsure: rows whose confidence reaches the threshold chosen
   * at distill time (for `cascadeTarget` agreement on validation rows) are answered by the
   * small model; the rest go to the teacher. Reports coverage, calls and the cost saved
   * against sending every row to the teacher.
   */
  async cascade(rows: TableInput, options: UnderstudyCascadeOptions = {}): Promise<CascadeResult> {
    const m = this.metadata;
    if (m.kind !== "classification" || !m.labels || !this.model.predictProba) {
      throw new UnderstudyError("unsupported_model", "cascade: needs a classifier with probabilities; this model has none.");
    }
    const threshold = options.threshold ?? m.metrics.cascade?.threshold;
    if (threshold === undefined) throw new UnderstudyError("bad_option", "cascade: no threshold was chosen at distill time; pass { threshold }.");
    const teacher = options.teacher ?? defaultTeacher();
    if (!teacher) {
      throw new UnderstudyError("no_teacher", "cascade: no teacher to answer unsure rows; pass { teacher } or set OPENAI_API_KEY / OPENAI_BASE_URL (and UNDERSTUDY_MODEL).");
    }
    const list = this.rowList(rows);
    const X = this.featurizer.transform(list);
    const probabilities = this.model.predictProba(X);
    const classes = this.model.classes!;
    return runCascade({
      // predict is argmaxLabels of predictProba for every classifier: one pass over the rows, not two.
      rows: list, predictions: argmaxLabels(probabilities, classes), probabilities, classes,
      threshold, teacher, task: m.task, labels: m.labels, fields: [...m.text, ...m.features.filter((f) => !m.text.includes(f))],
      costPerRowUSD: m.stats.labelCostPerRowUSD,
      ...(m.metrics.cascade && threshold === m.metrics.cascade.threshold ? { heldOut: m.metrics.cascade.test } : {}),
    });
  }

  /** The compact summary card notebooks show for the object. */
  [Symbol.for("Jupyter.display")](): MimeBundle {
    const m = this.metadata;
    const v = m.metrics.vsTeacher;
    const cls = m.kind === "classification";
    const gold = m.teacher.kind === "gold";
    const c = m.metrics.cascade;
    const target = c ? (c.targetAgreement * 100).toFixed(0) : "";
    return displayCard({
      title: `Understudy: ${m.task}`,
      subtitle: `${m.modelChoice.candidates.find((c) => c.chosen)?.type ?? this.model.kind}, taught by ${m.teacher.kind === "gold" ? `gold labels (${m.target})` : m.teacher.model}`,
      metrics: [
        gold
          ? { label: cls ? "Accuracy (gold, which taught)" : "R² against gold (which taught)", value: v.agreement, format: cls ? "percent" : "number", hint: `${v.n} held-out rows; equals agreement with the teacher` }
          : { label: cls ? "Agreement with teacher" : "R² against teacher", value: v.agreement, format: cls ? "percent" : "number", hint: `${v.n} held-out rows` },
        ...(m.metrics.vsGold ? [{ label: cls ? "Accuracy (gold)" : "R² against gold", value: m.metrics.vsGold.accuracy, format: cls ? "percent" as const : "number" as const, hint: `${m.metrics.vsGold.n} held-out rows` }] : []),
        ...(c ? [{
          label: "Cascade coverage", value: c.test.coverage, format: "percent" as const,
          hint: c.met ? `at ${target}% target agreement` : `no threshold meets ${target}% agreement: the teacher answers every row`,
        }] : []),
        { label: "Teacher cost", value: m.stats.costUSD, format: "usd" },
      ],
      facts: [
        { label: "Features", value: this.model.nFeatures, format: "integer" },
        { label: "Teacher calls", value: m.stats.teacherCalls, format: "integer" },
        { label: "Labels", value: m.stats.labelled, format: "integer" },
        { label: "Seed", value: m.seed, format: "integer" },
      ],
      warnings: m.warnings,
    });
  }

  private featurize(rows: TableInput) {
    return this.featurizer.transform(this.rowList(rows));
  }

  private rowList(rows: TableInput): Record<string, unknown>[] {
    if (Array.isArray(rows)) {
      const bad = rows.findIndex((r) => r === null || typeof r !== "object" || Array.isArray(r));
      if (bad >= 0) throw new UnderstudyError("bad_input", `rows[${bad}] is not an object: pass rows as objects of column values, e.g. [{ body: "..." }].`);
      return rows as Record<string, unknown>[];
    }
    return rowsOf(toTable(rows, { allowEmpty: true }));
  }
}

function parseJSON(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UnderstudyError("bad_bundle", `Understudy.fromJSON: the text is not JSON (${(e as Error).message}); pass the file's parsed content.`);
  }
}
