import type { BinaryValidation } from "../evaluate/binary-validation.ts";
import type { RunnerUpComparison } from "../evaluate/paired-difference.ts";
import type { AttributeFairness } from "../evaluate/group-fairness.ts";
import type { ProxyAssociation } from "../evaluate/sensitive-proxies.ts";
import type { ShapeFunctionInput } from "../charts/shape-function-chart.ts";
import type { CalibrationBin } from "../charts/calibration-chart.ts";
import type { CascadeFrontierPoint } from "../charts/cascade-frontier-chart.ts";
import type { CoefficientBar } from "../charts/coefficients-chart.ts";
import type { ConceptQualityRow } from "../charts/concept-quality-chart.ts";
import type { ConfusionMatrixInput } from "../charts/confusion-matrix-chart.ts";
import type { FairnessGroupRow } from "../charts/fairness-chart.ts";
import type { FeatureImportanceRow } from "../charts/feature-importance-chart.ts";
import type { LearningCurvePoint } from "../charts/learning-curve-chart.ts";
import type { PartialDependenceInput } from "../charts/partial-dependence-chart.ts";
import type { ReasonCodesInput } from "../charts/reason-codes-chart.ts";
import type { RuleListRow } from "../charts/tree-rules-chart.ts";

/** What the validation section shows: the metrics a model validator reads, each with its rows. */
export interface ReportValidation {
  /** Binary classifiers: AUC, Gini, KS, PR-AUC and deciles, against the teacher and/or gold. */
  binary?: BinaryValidation[];
  /** The chosen model's agreement minus the runner-up's on the test rows, with its paired interval, or why it was not measured. */
  runnerUp?: RunnerUpComparison;
  /** Per sensitive attribute and intersection, on the test rows. */
  fairness?: { positive: string; minGroupShare: number; impactThreshold: number; byAttribute: AttributeFairness[] };
  /** Whether the sensitive columns were features of the model. */
  useSensitiveAsFeature?: boolean;
  /** Feature columns associated with a sensitive attribute (all rows, before the split). */
  proxies?: { rows: "all"; n: number; threshold: number; associations: ProxyAssociation[] };
}


/** A cell value shown in the report: anything else should be turned into text by the caller. */
export type ReportValue = string | number | boolean | null;

/** The ids of the report's sections, in order. */
export type ReportSectionId =
  | "summary"
  | "card"
  | "task"
  | "teacher"
  | "data"
  | "features"
  | "model"
  | "decision"
  | "scorecard"
  | "performance"
  | "calibration"
  | "fairness"
  | "validation"
  | "explanations"
  | "examples"
  | "disagreements"
  | "cost"
  | "drift"
  | "limitations"
  | "reproducibility";

/** Which rows a figure comes from: held-out test rows, out-of-fold rows of cross-validation, validation or training rows. */
export type ReportRows = "test" | "cv" | "validation" | "train";

/** Calibration error of probabilities against the teacher's labels, with the rows it comes from. */
export interface ReportCalibrationScores {
  on: ReportRows;
  rows?: number;
  ece: number;
  brier: number;
  logLoss?: number;
  /** Whether these are the model's own probabilities or the calibrated ones `predict` uses. */
  probabilities?: "calibrated" | "uncalibrated";
}

/** The decision rule of a classifier: which class is scored, the cutoff, and calibration measured vs applied. */
export interface ReportDecision {
  positive: string;
  /** The cutoff in one sentence; absent: the most probable class is predicted. */
  cutoff?: string;
  /** Whether `predict` applies an out-of-fold Platt calibration (`calibrate: true`). */
  calibrated: boolean;
  /** Out-of-fold (rows "cv"), before any calibration: measured on every run. */
  calibrationCV?: ReportCalibrationScores;
  /** Held-out test rows, with the probabilities `predictProba` gives. */
  calibrationTest?: ReportCalibrationScores;
}

/** The scorecard the report lists: the points table and how far it strays from the exact score. */
export interface ReportScorecard {
  pdo: number;
  points: number;
  odds: number;
  factor: number;
  offset: number;
  positive: string;
  table: { column: string; condition: string; points: number }[];
  /** The largest |table total − exact score| over held-out test rows, and how many rows. */
  check?: { maxDifference: number; n: number };
}

/**
 * Agreement or accuracy against one reference (teacher labels or gold labels), on held-out
 * rows. Classification only: for regression put R², MAE… in `performance.other`.
 */
export interface ReportScore {
  /** Share of held-out rows where the small model matches the reference, in [0, 1]. */
  value: number;
  /** Held-out rows it was measured on (gives the 95% interval). */
  rows: number;
  /** Which rows: default "test". */
  on?: ReportRows;
  /** What a reader must know to read the figure, e.g. that the gold labels also taught. */
  note?: string;
  /** Cohen's kappa, when measured. */
  kappa?: number;
  macroF1?: number;
  confusion?: ConfusionMatrixInput;
}

/**
 * Everything the audit report shows, as plain data. The Understudy object fills it in; any
 * part may be left out, and its section then says "not measured" with the reason from
 * `notMeasured` (or a default). Text fields may come from users or the LLM: the report escapes
 * them. Numbers must be finite; fractions are in [0, 1].
 *
 * @example
 * const input: ReportInput = {
 *   task: { description: "Is this email spam?", intendedUse: "Triage of the support inbox", labels: ["ham", "spam"] },
 *   teacher: { model: "gpt-4o-mini", promptVersions: { label: "label@3" } },
 *   performance: { vsTeacher: { value: 0.94, rows: 400 } },
 *   notMeasured: { fairness: "no protected attribute was named" },
 * };
 * await buildReport(input, { format: "html" });
 */
export interface ReportInput {
  /** Report heading. Default "Audit report: " + task description. */
  title?: string;
  /** ISO time the report describes; not taken from the clock, so the same input gives the same report. */
  generatedAt?: string;
  task: {
    /** The question the teacher answers, e.g. "Is this email spam?". */
    description: string;
    /** What the small model may be used for. */
    intendedUse?: string;
    /** Uses it was not validated for. */
    outOfScope?: string[];
    kind?: "classification" | "regression";
    labels?: string[];
    /** Owner or contact for the model. */
    owner?: string;
    /** The class every explanation and chart is about (binary: P(positive)); default the first label. */
    positive?: string;
  };
  /** Every warning the run raised, shown in the first section. */
  warnings?: string[];
  teacher?: {
    model: string;
    /** e.g. "OpenAI-compatible at api.openai.com"; never a key. */
    provider?: string;
    /** Prompt template name → version or hash. */
    promptVersions?: Record<string, string>;
    /** ISO date-times of the first and last paid call. */
    firstCall?: string;
    lastCall?: string;
    temperature?: number;
    /** Set when the teacher is not an LLM (gold labels, a function, humans). */
    note?: string;
  };
  data?: {
    /** Where the rows came from, e.g. a file name or dataset. */
    source?: string;
    rows: number;
    splits?: { name: string; rows: number; labelledBy?: string }[];
    /** Every input column, with its role and why it got that role. */
    columns?: { name: string; role: string; reason: string }[];
    /** Per input column with any, the cells read as missing (over all rows). An empty list: none anywhere. */
    missingCells?: { column: string; count: number }[];
    /** Rows that repeat another row on every input column, distinct rows with copies, and held-out copies of a training row. */
    duplicates?: { rows: number; sets: number; acrossParts?: number };
  };
  /** Model features, with how each was made from the input. */
  features?: { name: string; kind: string; lineage: string; }[];
  model?: {
    /** e.g. "decision tree", "logistic regression". */
    type: string;
    /** e.g. "depth 4, 11 leaves" or "23 coefficients". */
    size?: string;
    hyperparameters?: Record<string, ReportValue>;
    /** Candidates compared before the choice, `type` naming the tuned settings; `standardError`, `on`, `rows` and `folds` when cross-validated. */
    candidates?: { type: string; score: number; metric: string; chosen?: boolean; note?: string; standardError?: number; on?: ReportRows; rows?: number; folds?: number }[];
    /** Families not compared, and why (e.g. no SQL form with `exportable: true`, a monotone constraint not honoured). */
    leftOut?: { type: string; reason: string }[];
    /** Why the chosen candidate won (e.g. "simplest within 1 point of the best"). */
    choiceReason?: string;
  };
  performance?: {
    vsTeacher?: ReportScore;
    vsGold?: ReportScore;
    /** The teacher's own accuracy against gold on the same rows, when gold exists. */
    teacherVsGold?: ReportScore;
    /**
     * Other measures (regression: R², MAE, RMSE): name → value, what it is against in words,
     * whether that reference is the teacher or gold, and whose figure it is (default the model's).
     */
    other?: { name: string; value: number; against?: string; reference?: "teacher" | "gold"; on?: ReportRows; rows?: number; of?: "model" | "teacher" }[];
    learningCurve?: LearningCurvePoint[];
    cascade?: {
      /** Operating points, one per threshold, on `pointsOn` rows (default validation). */
      points: CascadeFrontierPoint[];
      pointsOn?: ReportRows;
      /** What the points' accuracy is measured against, e.g. "agreement with the teacher". */
      measure?: string;
      targetAccuracy?: number;
      costUnit?: string;
      /** The threshold chosen on out-of-fold predictions, measured on held-out test rows: the cascade's headline. */
      /** `threshold` is absent when none met the target (the teacher answers every row). */
      chosen?: { threshold?: number; target: number; met: boolean; test: { n: number; coverage: number; agreement: number; accuracy?: number } };
    };
  };
  /** How a classifier turns probabilities into a label: the positive class, the cutoff, calibration measured out of fold and applied or not. */
  decision?: ReportDecision;
  /** The points table of a binary logistic or additive model (`u.scorecard()`, default settings). */
  scorecard?: ReportScorecard;
  calibration?: {
    bins: CalibrationBin[];
    /** The class whose probability was binned. */
    positiveLabel?: string;
    /** Reference the observed share is measured against. Default "teacher". */
    against?: string;
    brier?: number;
    on?: ReportRows;
    /** Rows binned. Default: the sum of the bins' counts. */
    rows?: number;
  };
  fairness?: {
    attribute: string;
    outcome: string;
    groups: FairnessGroupRow[];
    threshold?: number;
    referenceGroup?: string;
    /** Which rows the rates come from: default test rows. */
    on?: ReportRows;
  }[];
  /** Validation metrics: AUC, KS, PR-AUC, deciles, fairness per attribute and intersection, proxies. */
  validation?: ReportValidation;
  explanations?: {
    importance?: FeatureImportanceRow[];
    /** What importance measures, e.g. "Drop in agreement when shuffled". */
    importanceMeasure?: string;
    /** Which rows importance was measured on, in words, e.g. "test rows, n = 400". */
    importanceRows?: string;
    rules?: RuleListRow[];
    coefficients?: CoefficientBar[];
    coefficientScale?: "standardized" | "odds-ratio";
    /** What the coefficients push, e.g. "log-odds of spam". */
    coefficientOutput?: string;
    concepts?: ConceptQualityRow[];
    /** Partial dependence (with ICE curves) of the output on a few important features. */
    partialDependence?: PartialDependenceInput[];
    /** What partial dependence measures, e.g. "P(review)". Default "Model output". */
    partialDependenceOutput?: string;
    /** Additive models (EBM): each term's shape function toward the positive class, largest spread first (fitted on training rows). */
    shapes?: (ShapeFunctionInput & { term: string })[];
    /** Monotone constraints (`distill({ monotone })`) checked on held-out rows: violations per column. */
    monotone?: { column: string; direction: string; rows: ReportRows; n: number; violations: number }[];
  };
  /** A few decisions explained one by one. */
  examples?: {
    id: string;
    /** The row's input values (a short excerpt for text). */
    input: Record<string, ReportValue>;
    prediction: ReportValue;
    teacherLabel?: ReportValue;
    goldLabel?: ReportValue;
    confidence?: number;
    reasonCodes?: ReasonCodesInput;
  }[];
  /** Rows worth a human look: the small model and the teacher (or gold) disagree. */
  disagreements?: {
    id: string;
    /** Short summary of the row. */
    input: string;
    prediction: ReportValue;
    teacherLabel: ReportValue;
    goldLabel?: ReportValue;
    confidence?: number;
    /** Why it is worth a look, e.g. "confident and wrong". */
    reason?: string;
  }[];
  cost?: {
    teacherCalls: number;
    cacheHits?: number;
    promptTokens: number;
    completionTokens: number;
    costUSD?: number;
    budget?: { maxCalls?: number; maxUSD?: number };
    /** What labelling 1,000 more rows with the LLM would cost, for comparison. */
    llmUSDPer1000Rows?: number;
  };
  limitations?: string[];
  reproducibility?: {
    seed?: number;
    packageVersions?: Record<string, string>;
    runtime?: string;
    dataHash?: string;
    modelHash?: string;
    /** The command line that reproduces the run, when it was run from the CLI. */
    command?: string;
    /** The exact distill call that reproduces the run (no secrets). */
    call?: string;
    /** The data file read, and its SHA-256. */
    dataFile?: { name: string; sha256: string };
  };
  /** Drift monitoring: the plan always; PSI per column (and the drift section) when rows from use were scored (`u.report({ monitor: u.monitor(rows) })`). */
  monitoring?: { rows: number; columns: { column: string; psi: number }[]; predictionPsi?: number; predictionOutput?: string; drifted?: string[] };
  /** Why a section has no data, shown instead of the default reason. */
  notMeasured?: Partial<Record<ReportSectionId, string>>;
}
