import type { MimeBundle } from "../charts/mime-bundle.ts";
import type { TableInput } from "../data/to-table.ts";
import type { Featurizer } from "../features/featurizer.ts";
import type { Estimator, Label } from "../models/estimator.ts";
import type { UnderstudyJSON, UnderstudyMetadata, UnderstudyMetrics, UnderstudyStats } from "./bundle-types.ts";
import type { CascadeResult } from "./cascade-runtime.ts";
import { cascadeRows, type UnderstudyCascadeOptions } from "./cascade-rows.ts";
import { explainInputRow, type ExplainOptions } from "./explain-input-row.ts";
import type { Explanation } from "./explain-row.ts";
import type { ParseBundleOptions } from "./parse-bundle.ts";
import { predictProbaRows } from "./predict-proba-rows.ts";
import { predictRows } from "./predict-rows.ts";
import { sha256Of } from "./sha256-of.ts";
import { understudyCard } from "./understudy-card.ts";
import { understudyCharts, type UnderstudyCharts } from "./understudy-charts.ts";
import { understudyFromJSON, type LoadedParts } from "./understudy-from-json.ts";
import { understudyReport, type UnderstudyReportOptions } from "./understudy-report.ts";
import { understudyToJSON, type ToJSONOptions } from "./understudy-to-json.ts";
import { understudyToSQL, type UnderstudySQLOptions } from "./understudy-to-sql.ts";
import { monitorRows, referenceOf, type MonitorResult } from "./monitor.ts";
import { buildScorecard, type Scorecard, type ScorecardOptions } from "./scorecard.ts";

export type { BundleKey } from "./bundle-signature.ts";
export type {
  CascadeSummary, DroppedConcept, GoldScores, HeldOutArtefacts, StoredCalibrationBin, StoredConceptQuality, StoredDisagreement, StoredExample,
  StoredImportance, StoredLearningPoint, StoredPartialDependence, StoredReasonCodes, StoredValue, TeacherScores, UnderstudyJSON, UnderstudyMetadata,
  UnderstudyMetrics, UnderstudyStats,
} from "./bundle-types.ts";
export type { CascadeAnswer, CascadeResult } from "./cascade-runtime.ts";
export type { UnderstudyCascadeOptions } from "./cascade-rows.ts";
export type { ModelChoice, ModelChoiceResult, ScoredCandidate } from "./choose-model.ts";
export type { ExplainOptions } from "./explain-input-row.ts";
export type { Explanation } from "./explain-row.ts";
export { parseBundle, type ParseBundleOptions } from "./parse-bundle.ts";
export type { UnderstudyCharts } from "./understudy-charts.ts";
export type { UnderstudyReportOptions } from "./understudy-report.ts";
export type { ToJSONOptions } from "./understudy-to-json.ts";
export type { UnderstudySQLOptions } from "./understudy-to-sql.ts";
export type { DriftBin, MonitorResult } from "./monitor.ts";
export type { Scorecard, ScorecardOptions, ScorecardRow } from "./scorecard.ts";

/**
 * A small, transparent model distilled from a teacher, with the proof that it deserves the
 * job: held-out metrics, explanations, charts, an audit report, a JSON bundle and SQL.
 * `distill()` returns one; `Understudy.fromJSON` restores one. Prediction needs no teacher.
 * Each method is one line over a documented function of this folder.
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
  /** Task, task type, teacher, split, model choice, metrics, stats and stored held-out artefacts. */
  readonly metadata: UnderstudyMetadata;
  /** sha256 of the canonical input rows and of the model JSON. */
  readonly hashes: { data: string; model: string };
  private chartsCache: UnderstudyCharts | undefined;

  /** Built by `distill()` and `Understudy.fromJSON`; not meant to be called directly. */
  constructor(parts: LoadedParts) {
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

  /** Predicts a label (or value) per row. Synchronous; no teacher is called. See {@link predictRows}. */
  predict(rows: TableInput): Label[] {
    return predictRows(this, rows);
  }

  /** Class probabilities per row, columns in `classes` order. Classifiers only. See {@link predictProbaRows}. */
  predictProba(rows: TableInput): number[][] {
    return predictProbaRows(this, rows);
  }

  /**
   * Explains one row: prediction, probability, reason codes (structured and as sentences),
   * and what the model type adds: the decision path (single tree), the neighbors (k-NN), a
   * counterfactual (classifiers, where it can be found exactly or cheaply). See {@link explainInputRow}.
   */
  explain(row: Record<string, unknown>, options: ExplainOptions = {}): Explanation {
    return explainInputRow(this, row, options);
  }

  /** Vega-Lite specs: importance, confusion, calibration, reasonCodes(row), partialDependence(feature), cascade, and fairness/tree/coefficients/concepts/learningCurve where they apply. */
  get charts(): UnderstudyCharts {
    return (this.chartsCache ??= understudyCharts({ model: this.model, metadata: this.metadata, explain: (row) => this.explain(row) }));
  }

  /** The audit report: "html" (self-contained, inline SVG charts), "md" or "json". See {@link understudyReport}. */
  report(options: UnderstudyReportOptions): Promise<string> {
    return understudyReport(this, options);
  }

  /**
   * The JSON bundle: featurizer, model, metadata and their hashes; with `{ key }`, a keyed
   * signature too. `Understudy.fromJSON` restores it exactly. See {@link understudyToJSON}.
   */
  toJSON(options?: ToJSONOptions): UnderstudyJSON {
    return understudyToJSON(this, options);
  }

  /**
   * Restores a bundle from `toJSON()` (parsed JSON, or its text). Every issue (format, version,
   * structure, each part's hash, and with `{ key }` the signature) is listed in one
   * `bad_model_json` error. The hashes catch accidents, not an attacker who rewrites them too:
   * sign with `toJSON({ key })` and load with `fromJSON(json, { key })` for that. Predictions
   * are identical to the original's; charts and the report work from the stored figures.
   */
  static fromJSON(json: unknown, options?: ParseBundleOptions): Understudy {
    return new Understudy(understudyFromJSON(json, options));
  }

  /**
   * One SELECT over `table` (holding the original input columns) returning every input column
   * plus `prediction` (and `probability` of the predicted class for classifiers). See {@link understudyToSQL}.
   */
  toSQL(options: UnderstudySQLOptions): string {
    return understudyToSQL(this, options);
  }

  /** Small model first, teacher when unsure, with coverage and cost saved. See {@link cascadeRows}. */
  cascade(rows: TableInput, options?: UnderstudyCascadeOptions): Promise<CascadeResult> {
    return cascadeRows(this, rows, options);
  }

  /**
   * A points table of a binary logistic (or additive) model: factor = pdo / ln 2, offset =
   * points − factor·ln(odds), score(row) = offset + factor·ln(p/(1−p)) with p = P(first label).
   * See {@link buildScorecard}.
   */
  scorecard(options?: ScorecardOptions): Scorecard {
    return buildScorecard({ featurizer: this.featurizer, model: this.model, reference: referenceOf(this, "scorecard"), ...(this.metadata.labels ? { labels: this.metadata.labels } : {}), ...(this.metadata.positive ? { positive: this.metadata.positive } : {}) }, options);
  }

  /** Drift of new rows against the training rows: PSI per input column and of the output; `drifted` = PSI > 0.25. See {@link monitorRows}. */
  monitor(rows: TableInput): MonitorResult {
    return monitorRows(this, rows);
  }

  /** The compact summary card notebooks show for the object. See {@link understudyCard}. */
  [Symbol.for("Jupyter.display")](): MimeBundle {
    return understudyCard(this);
  }
}
