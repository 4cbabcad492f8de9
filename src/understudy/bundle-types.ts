import type { MonotoneMetric } from "../distill/monotone-check.ts";
import type { Schema } from "../data/infer-schema.ts";
import type { ConfusionMatrix } from "../evaluate/confusion-matrix.ts";
import type { BinaryValidation } from "../evaluate/binary-validation.ts";
import type { RunnerUpComparison } from "../evaluate/paired-difference.ts";
import type { FairnessByGroup } from "../evaluate/fairness-by-group.ts";
import type { ProbabilityCalibration } from "../evaluate/probability-calibrator.ts";
import type { IntersectionalFairness } from "../evaluate/group-fairness.ts";
import type { SensitiveProxies } from "../evaluate/sensitive-proxies.ts";
import type { FeaturizerJSON } from "../features/featurizer.ts";
import type { Budget } from "../llm/openai-teacher.ts";
import type { ModelJSON } from "../models/estimator.ts";
import type { ModelChoiceResult } from "./choose-model.ts";
import type { SessionSpend } from "./teacher-session.ts";
import type { TrainingReference } from "./training-reference.ts";

// The data a saved bundle holds. Nothing here comes from charts/ or report/: the file format
// must not change when a chart's input type does (charts accept these shapes as they are).

/** A cell value stored for the report. */
export type StoredValue = string | number | boolean | null;

/** One feature's importance and, where measured, its spread over repeats. */
export interface StoredImportance {
  feature: string;
  importance: number;
  std?: number;
}

/** One reliability bin: mean predicted probability, observed share, rows. */
export interface StoredCalibrationBin {
  meanPredicted: number;
  observed: number;
  count: number;
  series?: string;
}

/** Partial dependence of one feature: grid, mean output, and ICE curves. */
export interface StoredPartialDependence {
  feature: string;
  grid: number[];
  average: number[];
  ice?: number[][];
}

/** Validation agreement after some number of labels bought. */
export interface StoredLearningPoint {
  labels: number;
  agreement: number;
  series?: string;
  low?: number;
  high?: number;
}

/** How well one LLM concept's detector reproduced the teacher's answers on held-out rows. */
export interface StoredConceptQuality {
  concept: string;
  agreement: number;
  baseline?: number;
  support?: number;
  status?: string;
}

/** One row's reason codes as a waterfall: baseline, contributions, prediction. */
export interface StoredReasonCodes {
  baseline: number;
  prediction: number;
  contributions: { feature: string; value?: string | number | boolean | null; contribution: number }[];
  output?: string;
}

/** A held-out decision explained, for the report's examples section. */
export interface StoredExample {
  id: string;
  input: Record<string, StoredValue>;
  prediction: StoredValue;
  teacherLabel?: StoredValue;
  goldLabel?: StoredValue;
  confidence?: number;
  reasonCodes?: StoredReasonCodes;
}

/** A held-out row where the small model and the teacher (or gold) disagree. */
export interface StoredDisagreement {
  id: string;
  input: string;
  prediction: StoredValue;
  teacherLabel: StoredValue;
  goldLabel?: StoredValue;
  confidence?: number;
  reason?: string;
}

/** A concept the teacher proposed that is not a feature of the model, and why, in words. */
export interface DroppedConcept {
  question: string;
  reason: string;
}

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

/** The cascade operating point chosen on out-of-fold predictions (train + validation rows), and how it did on test rows. */
export interface CascadeSummary {
  /** The small model answers when its top probability is ≥ this. */
  threshold: number;
  targetAgreement: number;
  /** False when no threshold met the target on validation: the teacher would answer everything. */
  met: boolean;
  /** Where the threshold was chosen: out-of-fold predictions on the labelled train + validation rows (`rows: "cv"`). */
  validation: { rows?: "cv"; n?: number; coverage: number; agreement: number };
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
  /** Probabilities against the teacher's labels on the test rows (calibrated ones with `calibrate: true`). */
  calibration?: CalibrationScores;
  /**
   * The chosen family's out-of-fold probabilities (each labelled train + validation row scored
   * by a model that did not see it) against the teacher's labels: measured on every run, before any calibration.
   */
  calibrationCV?: CalibrationScores;
  /**
   * The first sensitive attribute's summary (as in earlier bundles), then, in bundles that have
   * them: every attribute and intersection on the test rows, whether the attributes were
   * features, and the feature columns that may stand in for them (over all rows).
   */
  fairness?: FairnessByGroup & { attribute: string } & Partial<Omit<IntersectionalFairness, "positive">> & {
    useSensitiveAsFeature?: boolean;
    proxies?: SensitiveProxies & { rows: "all"; n: number };
  };
  /**
   * Binary classifiers with probabilities: AUC, Gini, KS, PR-AUC, calibration by decile and
   * bootstrap intervals on the test rows, against the teacher and (when given) gold; and
   * the chosen model's agreement minus the runner-up's, with a paired bootstrap interval (or why not measured).
   */
  binary?: { blocks: BinaryValidation[]; runnerUp: RunnerUpComparison };
  cascade?: CascadeSummary;
  /** `distill({ monotone })`: each constraint swept over its column for every test row. */
  monotone?: MonotoneMetric[];
}

/** How well probabilities match observed shares: expected and maximum calibration error (10 bins), Brier score, log loss. */
export interface CalibrationScores {
  rows?: "train" | "cv" | "test";
  n?: number;
  ece: number;
  mce: number;
  brier: number;
  logLoss: number;
  against: "teacher";
  /** "calibrated": after the run's Platt calibration (`calibrate: true`); "uncalibrated": the model's own. */
  probabilities?: "calibrated" | "uncalibrated";
}

/** A binary decision cutoff chosen on out-of-fold probabilities (`distill({ costs })` or `{ targetRate }`). */
export interface StoredCutoff {
  /** Predicted when its probability is ≥ `threshold`; otherwise the other class. */
  positive: string;
  threshold: number;
  from: "costs" | "targetRate";
  /** Chosen on the chosen family's out-of-fold probabilities of the labelled train + validation rows. */
  rows: "cv";
  n: number;
  /** Share of those rows predicted positive at the cutoff. */
  positiveRate: number;
  costs?: { falsePositive: number; falseNegative: number };
  targetRate?: number;
  /** With costs: mean cost per row at the cutoff, and with the most probable class (cutoff 0.5). */
  expectedCost?: number;
  expectedCostAtHalf?: number;
  /** One sentence for the report. */
  text: string;
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
  importance?: { rows: StoredImportance[]; measure: string; measuredOn?: string };
  calibrationBins?: StoredCalibrationBin[];
  /** Cascade frontier on out-of-fold predictions of the train + validation rows (the Infinity point left out). */
  cascadeFrontier?: { threshold: number; coverage: number; agreement: number; accuracy?: number }[];
  disagreements?: StoredDisagreement[];
  examples?: StoredExample[];
  partialDependence?: StoredPartialDependence[];
  partialDependenceOutput?: string;
  learningCurve?: StoredLearningPoint[];
  /** Concepts whose detector was measured on held-out rows: kept ones, and dropped ones with status "dropped: …". */
  concepts?: StoredConceptQuality[];
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
  /** The task in one sentence, as given to distill (the question the teacher answers). */
  task: string;
  /** Whether the task predicts a label or a number. (Bundles of version 1 called this `kind`.) */
  taskType: "classification" | "regression";
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
  sensitive?: string | string[];
  teacher: {
    /** Who taught: an LLM, a function teacher, a replay of an LLM run, or the gold labels of the target column. */
    model: string; kind: "llm" | "function" | "replay" | "gold"; note?: string; promptVersions: Record<string, string>;
    /** A replay: the LLM run whose cached answers it replayed. */
    replays?: { kind: "llm"; model: string; cacheDir: string };
    /**
     * False when some paid answers could not be written to the cache (a full or read-only
     * disk mid-run): a replay of this run would then miss them. Absent when every answer was kept.
     */
    replayable?: false;
    /** Paid answers that could not be written to the cache (kept in memory for the run). */
    unsavedAnswers?: number;
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
    /** `split.by` (out of time: the earliest rows train, the latest test) or `split.group` (one entity, one side), when given. */
    by?: string;
    group?: string;
    /** Rows that repeat another row on every input column (`rows`), distinct rows with copies (`sets`), and out of time, held-out copies of a training row (`acrossParts`). */
    duplicates?: { rows: number; sets: number; acrossParts?: number };
  };
  modelChoice: ModelChoiceResult;
  /** Classification: the class explained and scored (`distill({ positive })`, default the first of `labels`). */
  positive?: string;
  /** Binary: the decision cutoff `predict` and `toSQL` use instead of the most probable class. */
  cutoff?: StoredCutoff;
  /** `calibrate: true`: the Platt calibration `predictProba` and `predict` apply (explanations explain the uncalibrated score). */
  calibrator?: ProbabilityCalibration;
  metrics: UnderstudyMetrics;
  stats: UnderstudyStats;
  budget?: Budget;
  artefacts: HeldOutArtefacts;
  /** Per input column with any, the cells read as missing (`distill({ missing })` markers, nulls, numeric cells that are not numbers), over all rows. Absent in bundles made before it was recorded. */
  missingCells?: { column: string; count: number }[];
  warnings: string[];
  /** Package and runtime versions the model was made with. */
  runtime: string;
  /** The training rows' distributions: drift monitoring and scorecard bins (absent in bundles from before they were recorded). */
  reference?: TrainingReference;
}

/** The JSON bundle `toJSON()` writes and `Understudy.fromJSON` reads. */
export interface UnderstudyJSON {
  format: "understudy";
  /** 2 since `metadata.kind` became `metadata.taskType`; version 1 bundles still load. */
  version: 2;
  featurizer: FeaturizerJSON;
  model: ModelJSON;
  metadata: UnderstudyMetadata;
  /**
   * "sha256:<hex>" of the canonical input rows (`data`), and of the model, featurizer and
   * metadata JSON as written. Every one is required: `fromJSON` refuses a bundle whose parts no
   * longer match. A hash detects accidents (a truncated copy, a hand edit), not an attacker,
   * who can rewrite the hash too; for that, sign the bundle with a key (`signature`).
   */
  hashes: { data: string; model: string; featurizer: string; metadata: string };
  /**
   * "hmac-sha256:<hex>" over the canonical JSON of the rest of the bundle, with a key only its
   * holders know; present when `toJSON({ key })` wrote it. `fromJSON(json, { key })` requires it.
   */
  signature?: string;
}
