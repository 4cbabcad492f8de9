import { createHash } from "node:crypto";
import { UnderstudyError } from "../core/errors.ts";
import type { CalibrationBin } from "../charts/calibration-chart.ts";
import type { ConceptQualityRow } from "../charts/concept-quality-chart.ts";
import type { FeatureImportanceRow } from "../charts/feature-importance-chart.ts";
import type { LearningCurvePoint } from "../charts/learning-curve-chart.ts";
import type { PartialDependenceInput } from "../charts/partial-dependence-chart.ts";
import type { Schema } from "../data/infer-schema.ts";
import type { ConfusionMatrix } from "../evaluate/confusion-matrix.ts";
import type { FairnessByGroup } from "../evaluate/fairness-by-group.ts";
import type { FeaturizerJSON } from "../features/featurizer.ts";
import { canonicalJSON } from "../llm/canonical-json.ts";
import type { Budget } from "../llm/openai-teacher.ts";
import type { ModelJSON } from "../models/estimator.ts";
import type { ReportInput } from "../report/report-input.ts";
import type { ModelChoiceResult } from "./choose-model.ts";
import type { DroppedConcept } from "./concept-artefacts.ts";
import type { SessionSpend } from "./teacher-session.ts";

/** Scores of the small model against the teacher's labels, on held-out test rows. */
export interface TeacherScores {
  /** Which rows these figures come from. */
  rows?: "train" | "cv" | "test";
  /** Held-out rows measured. */
  n: number;
  /**
   * Classification: share of rows where the small model gives the teacher's label.
   * Regression: R² of the small model's values against the teacher's (the share of the
   * teacher's variance it reproduces).
   */
  agreement: number;
  /** Classification: per teacher label, rows and the share matched. */
  perClass?: { label: string; n: number; agreement: number }[];
  /** Classification: rows = teacher label, columns = small model's label. */
  confusion?: ConfusionMatrix;
  kappa?: number;
  macroF1?: number;
  /** Regression. */
  r2?: number;
  mae?: number;
  rmse?: number;
}

/** Scores against gold labels (the `target` column), on held-out test rows. */
export interface GoldScores {
  /** Which rows these figures come from. */
  rows?: "train" | "cv" | "test";
  n: number;
  /** True when the gold labels also taught: then this is the agreement with the teacher, not a second measurement (`note` says so). */
  goldTeaches?: boolean;
  note?: string;
  /**
   * Classification: share of rows where the small model gives the gold label. Regression: R²
   * against the gold values (as `vsTeacher.agreement` is R² against the teacher's).
   */
  accuracy: number;
  /** Classification. */
  macroF1?: number;
  kappa?: number;
  perClass?: { label: string; precision: number; recall: number; f1: number; support: number }[];
  confusion?: ConfusionMatrix;
  /** Regression. */
  r2?: number;
  mae?: number;
  rmse?: number;
}

/** The cascade operating point chosen on validation rows, and how it did on test rows. */
export interface CascadeSummary {
  /** The small model answers when its top probability is ≥ this. */
  threshold: number;
  targetAgreement: number;
  /** False when no threshold met the target on validation: the teacher would answer everything. */
  met: boolean;
  validation: { coverage: number; agreement: number };
  /** On test rows: share the small model answers, and agreement of the combined answers with the teacher. */
  test: { n: number; coverage: number; agreement: number; accuracy?: number };
}

/** Everything measured on held-out rows. */
export interface UnderstudyMetrics {
  task: "classification" | "regression";
  vsTeacher: TeacherScores;
  /** Present when a target column holds gold labels and the teacher is not that column. */
  vsGold?: GoldScores;
  /** The teacher's own accuracy against gold on the same rows (regression: its R², with MAE and RMSE). */
  teacherVsGold?: { rows?: "train" | "cv" | "test"; n: number; accuracy: number; r2?: number; mae?: number; rmse?: number };
  /** Probabilities against the teacher's labels. */
  calibration?: { rows?: "train" | "cv" | "test"; n?: number; ece: number; mce: number; brier: number; logLoss: number; against: "teacher" };
  fairness?: FairnessByGroup & { attribute: string };
  cascade?: CascadeSummary;
}

/** What the run spent and bought. Calls and costs are this run's, not the teacher's lifetime totals. */
export interface UnderstudyStats extends SessionSpend {
  /** "llm" (OpenAI-compatible), "function" (functionTeacher and other Teachers), "replay" (an LLM run's cache), "gold" (the target column taught). */
  teacherKind: "llm" | "function" | "replay" | "gold";
  /** Rows the teacher was asked to label (train, validation and test). */
  labelsRequested: number;
  /** Rows that got a usable label. */
  labelled: number;
  /** Rows the teacher answered "unsure" (left out of training and evaluation). */
  unsure: number;
  /** Rows whose call failed or broke the schema (left out). */
  failedRows: number;
  /** True when the budget ran out during the run. */
  budgetExhausted: boolean;
  /** Average cost of one paid call in this run (0 when none was paid). */
  costPerCallUSD: number;
  /** Labeling cost per row asked (label calls' cost / rows asked; 0 when nothing was paid): what the LLM costs per prediction. */
  labelCostPerRowUSD: number;
}

/** Held-out figures kept in the bundle, so charts and the report work after `fromJSON`. */
export interface HeldOutArtefacts {
  /** Importance per feature, what it measures, and the rows it was measured on (absent in bundles from before it was recorded). */
  importance?: { rows: FeatureImportanceRow[]; measure: string; measuredOn?: string };
  calibrationBins?: CalibrationBin[];
  /** Cascade frontier on validation rows (the Infinity point left out). */
  cascadeFrontier?: { threshold: number; coverage: number; agreement: number; accuracy?: number }[];
  disagreements?: NonNullable<ReportInput["disagreements"]>;
  examples?: NonNullable<ReportInput["examples"]>;
  partialDependence?: PartialDependenceInput[];
  partialDependenceOutput?: string;
  learningCurve?: LearningCurvePoint[];
  /** Concepts whose detector was measured on held-out rows: kept ones, and dropped ones with status "dropped: …". */
  concepts?: ConceptQualityRow[];
  /** Concepts the teacher proposed that are not features, with the reason in words. */
  droppedConcepts?: DroppedConcept[];
  expressions?: { kept: { name: string; expression: string; gain: number }[]; rejected: { name: string; expression: string; reason: string }[] };
  /**
   * LLM rules (FeatLLM): kept ones are features named `name`, with the label they suggest and
   * their support and precision on training rows; rejected ones with the reason. `failure`
   * when the teacher's proposal itself failed.
   */
  rules?: {
    kept: { name: string; label: string; condition: string; why: string; support: number; precision: number | null }[];
    rejected: { label: string; condition: string; reason: string }[];
    failure?: string;
  };
  /** Training means and medians of every feature: the reference point of reason codes. */
  baseline: { mean: number[]; median: number[] };
  /** A few held-out feature rows (sparse: [column, value] pairs, null = NaN) for partial dependence. */
  background: [number, number | null][][];
}

/** Everything about a distilled model besides the featurizer and the model itself. */
export interface UnderstudyMetadata {
  task: string;
  kind: "classification" | "regression";
  /** The label set (classification). */
  labels?: string[];
  text: string[];
  target?: string;
  /** Raw input columns encoded as features. */
  features: string[];
  /** Every input column (all data columns but the target): what SQL returns beside the prediction. */
  inputColumns: string[];
  /** An id-like column, used to name rows in the report. */
  idColumn?: string;
  intendedUse?: string;
  sensitive?: string;
  teacher: {
    model: string; kind: "llm" | "function" | "replay" | "gold"; note?: string; promptVersions: Record<string, string>;
    /** A replay: the LLM run whose cached answers it replayed. */
    replays?: { kind: "llm"; model: string; cacheDir: string };
    /** ISO times around the teacher's work in this run: before the first request, after the last. */
    firstCall?: string; lastCall?: string;
  };
  /** The file the rows came from, when `data` was a path. */
  source?: string;
  /** How to run this again: the exact distill call (data as its path or a row count; no secrets), the command line, the data file's SHA-256. */
  reproduce?: { call: string; command?: string; source?: { name: string; sha256: string } };
  /** ISO time the model was distilled. */
  createdAt: string;
  seed: number;
  schema: Schema;
  split: {
    fractions: { train: number; validation: number; test: number };
    rows: { train: number; validation: number; test: number };
    /** Rows per part with a usable teacher label. */
    labelled: { train: number; validation: number; test: number };
    /** Training rows the teacher was asked about (active learning picks them when fewer than the training rows). */
    trainLabelsBought: number;
    activeLearning: boolean;
  };
  modelChoice: ModelChoiceResult;
  metrics: UnderstudyMetrics;
  stats: UnderstudyStats;
  budget?: Budget;
  artefacts: HeldOutArtefacts;
  warnings: string[];
  /** Package and runtime versions the model was made with. */
  runtime: string;
}

/** The JSON bundle `toJSON()` writes and `Understudy.fromJSON` reads. */
export interface UnderstudyJSON {
  format: "understudy";
  version: 1;
  featurizer: FeaturizerJSON;
  model: ModelJSON;
  metadata: UnderstudyMetadata;
  /**
   * sha256 of the canonical input rows (`data`), and of the model, featurizer and metadata JSON
   * as written: `fromJSON` refuses a bundle whose parts no longer match (a bundle written before
   * the featurizer and metadata hashes existed is checked on its model only).
   */
  hashes: { data: string; model: string; featurizer?: string; metadata?: string };
}

/**
 * "sha256:<hex>" of a value's canonical JSON (keys sorted), so equal content hashes equal.
 *
 * @example
 * sha256Of(model.toJSON()); // "sha256:9f2c…"
 */
export function sha256Of(value: unknown): string {
  return `sha256:${createHash("sha256").update(canonicalJSON(value)).digest("hex")}`;
}

/**
 * Checks a bundle before it is loaded: format, version, the parts that must be there, and the
 * model, featurizer and metadata hashes; each problem is named with what to do.
 *
 * @example
 * checkBundle(JSON.parse(text)); // throws UnderstudyError("bad_bundle", ...) for anything else
 */
export function checkBundle(json: unknown): UnderstudyJSON {
  const j = json as Partial<UnderstudyJSON> | null;
  if (j === null || typeof j !== "object" || Array.isArray(j)) {
    throw new UnderstudyError("bad_bundle", `Understudy.fromJSON: expected the object toJSON() returned, got ${j === null ? "null" : Array.isArray(j) ? "an array" : typeof j}.`);
  }
  if (j.format !== "understudy") {
    throw new UnderstudyError("bad_bundle", `Understudy.fromJSON: this is not an Understudy bundle (format ${JSON.stringify(j.format)}, expected "understudy"); a bare model loads with loadModel().`);
  }
  if (j.version !== 1) {
    throw new UnderstudyError("bad_bundle_version", `Understudy.fromJSON: bundle version ${JSON.stringify(j.version)} is not supported (this package reads version 1); upgrade understudy-ml.`);
  }
  for (const part of ["featurizer", "model", "metadata", "hashes"] as const) {
    if (j[part] === null || typeof j[part] !== "object") {
      throw new UnderstudyError("bad_bundle", `Understudy.fromJSON: the bundle has no "${part}"; it was truncated or edited. Save it again with toJSON().`);
    }
  }
  const m = j.metadata!;
  for (const field of ["task", "kind", "metrics", "stats", "artefacts", "inputColumns", "modelChoice"] as const) {
    if (m[field] === undefined || m[field] === null) {
      throw new UnderstudyError("bad_bundle", `Understudy.fromJSON: metadata.${field} is missing; the bundle was truncated or edited. Save it again with toJSON().`);
    }
  }
  if (m.kind !== "classification" && m.kind !== "regression") {
    throw new UnderstudyError("bad_bundle", `Understudy.fromJSON: metadata.kind is ${JSON.stringify(m.kind)}; expected "classification" or "regression".`);
  }
  // The featurizer decides what the model sees, and the metadata holds the figures the report prints: both are checked like the model.
  for (const part of ["model", "featurizer", "metadata"] as const) {
    const recorded = j.hashes![part];
    if (part !== "model" && recorded === undefined) continue;
    if (recorded !== sha256Of(j[part])) {
      throw new UnderstudyError(`${part}_hash_mismatch`, `Understudy.fromJSON: the ${part} does not match its recorded hash (${String(recorded).slice(0, 20)}…); the ${part} JSON was changed after it was saved. Distill again, or restore the original file.`);
    }
  }
  return j as UnderstudyJSON;
}

/**
 * The value with every non-finite number (a 0/0 kappa, a ratio to a zero rate) replaced by
 * null, so the bundle survives JSON unchanged: what `toJSON` writes is what `fromJSON` reads.
 *
 * @example
 * jsonSafe({ kappa: NaN, n: 3 }); // { kappa: null, n: 3 }
 */
export function jsonSafe<T>(value: T): T {
  if (typeof value === "number") return (Number.isFinite(value) ? value : null) as T;
  if (Array.isArray(value)) return value.map((v) => jsonSafe(v)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, jsonSafe(v)])) as T;
  }
  return value;
}
