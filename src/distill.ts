import process from "node:process";
import { UnderstudyError } from "./core/errors.ts";
import { logger } from "./core/logger.ts";
import { Random } from "./core/random.ts";
import type { ProgressCallback } from "./core/progress.ts";
import { isMissingCell } from "./data/cell-values.ts";
import { inferSchema, type Schema } from "./data/infer-schema.ts";
import { loadTable } from "./data/load-table.ts";
import type { Matrix } from "./data/matrix.ts";
import { rowsOf } from "./data/rows-of.ts";
import { splitRows } from "./data/split-rows.ts";
import type { TableInput } from "./data/to-table.ts";
import { ConceptDetectors } from "./features/concept-detectors.ts";
import type { Concept, ConceptAnswers } from "./features/concept-detectors.ts";
import { Featurizer, type ConceptSpec, type ExpressionSpec, type RuleSpec } from "./features/featurizer.ts";
import { defaultTeacher } from "./llm/default-teacher.ts";
import type { Budget } from "./llm/openai-teacher.ts";
import type { Teacher } from "./llm/teacher.ts";
import type { Estimator, Label } from "./models/estimator.ts";
import { activeLearning } from "./teach/select.ts";
import { answerConcepts } from "./teach/answer-concepts.ts";
import { labelRows } from "./teach/label-rows.ts";
import { labelValues } from "./teach/label-values.ts";
import { prompts } from "./teach/prompts.ts";
import { proposeConcepts } from "./teach/propose-concepts.ts";
import { proposeExpressions } from "./teach/propose-expressions.ts";
import { proposeRules } from "./teach/propose-rules.ts";
import { candidateModels, chooseModel, validationScore, type ModelChoice, type ScoredCandidate } from "./understudy/choose-model.ts";
import { conceptArtefacts } from "./understudy/concept-artefacts.ts";
import { heldOutEvaluation } from "./understudy/held-out-evaluation.ts";
import { TeacherSession } from "./understudy/teacher-session.ts";
import type { HeldOutArtefacts, UnderstudyMetadata, UnderstudyStats } from "./understudy/bundle-types.ts";
import { jsonSafe } from "./understudy/json-safe.ts";
import { sha256Of } from "./understudy/sha256-of.ts";
import { Understudy } from "./understudy/understudy.ts";

/** Options of {@link distill}. */
export interface DistillOptions {
  /** The rows: an arquero table, an array of row objects, a column object, or a file path (CSV, JSON, Arrow...). */
  data: TableInput;
  /** The task in one sentence, as the teacher is asked it, e.g. "Is this email spam?". */
  task: string;
  /**
   * The label set of a classification task. Omit for regression: the teacher then answers a
   * number per row (`labelValues`), or a numeric `target` column teaches. A regression task
   * needs a numeric `target` column or a `range`, so that forgetting `labels` is not silently a regression.
   */
  labels?: string[];
  /**
   * Regression with a teacher: inclusive [min, max] every teacher value must lie within (an
   * answer outside is a recorded failure, never clipped), also stated in the prompt. Default: any finite number.
   */
  range?: [number, number];
  /** Text column(s): TF-IDF features (and LLM concepts). Default: the columns inferSchema calls text (when `features` is not given). */
  text?: string | string[];
  /** Column of known (gold) labels: evaluates the model, or teaches when no teacher is configured. Never a feature, never shown to the teacher (naming it in `text` is an error). */
  target?: string;
  /** Input columns to use as features. Default: every numeric, categorical and boolean column but the target; id-like columns (unique per row) never (naming one here is an error). */
  features?: string[];
  /**
   * Who labels rows (classes, or numbers for regression). Default: `defaultTeacher()` from
   * OPENAI_API_KEY / OPENAI_BASE_URL / UNDERSTUDY_MODEL, else the `target` column teaches.
   * `false`: no LLM, ever: the `target` column teaches even when OPENAI_* variables are set
   * (a `target` is then required).
   */
  teacher?: Teacher | false;
  /**
   * Model family. Default "auto": every candidate is fitted on train and compared on validation
   * agreement with the teacher; the simplest within `tolerance` of the best wins.
   */
  model?: ModelChoice;
  /** Spending cap of this run. `maxCalls` counts answered (paid) calls; cache hits are free. Default: none. */
  budget?: Budget;
  /** Seed of every random choice (split, active learning, forests). Default 0. */
  seed?: number;
  /** Progress events, phases "load", "label", "features", "fit", "evaluate" in that order. */
  onProgress?: ProgressCallback;
  /** Shares of the rows for training, validation (model choice, cascade threshold) and test (metrics). Default 0.6 / 0.2 / 0.2. */
  split?: { train: number; validation: number; test: number };
  /** Teacher labels to buy for training rows. Default: every training row. Fewer: active learning picks which (regression: a seeded random sample). */
  maxLabels?: number;
  /**
   * LLM concepts (yes/no questions learned by detectors) for text tasks. Default: on with an LLM
   * teacher; `{ k }` asks for k questions (default 8). The teacher answers all questions for up
   * to 200 training rows, one call per row. The teacher sees every `text` column, each under its
   * name, and the detectors learn from the same fields.
   */
  concepts?: boolean | { k: number };
  /** LLM-proposed expression features for tabular classification (kept only if cross-validation improves). Default: on with an LLM teacher. */
  expressions?: boolean;
  /**
   * LLM-proposed rules (FeatLLM) for tabular classification: per label, conditions over the
   * numeric columns in the safe expression language; each valid one becomes a 0/1 feature
   * (`proposeRules`; rules that do not parse, are not true/false, or never or always fire on
   * training rows are rejected with the reason). Default: the value of `expressions` (on with an LLM teacher).
   */
  rules?: boolean;
  /** Agreement with the teacher the cascade must keep on validation rows. Default 0.99. */
  cascadeTarget?: number;
  /**
   * A column to measure outcomes by group on test rows (fairness): per group, the rate of the
   * FIRST label in `labels` (list the favourable outcome first, e.g. ["approved", "declined"],
   * so the four-fifths ratio compares selection rates), agreement with the teacher, and accuracy
   * against gold when every test row has one. Default: none.
   */
  sensitive?: string;
  /** What the model may be used for (printed in the report). Default: not stated. */
  intendedUse?: string;
  /** Model choice: the simplest candidate within this much validation agreement (or R²) of the best wins. Default 0.01. */
  tolerance?: number;
}

/** Rows per labeling call: short rows share a call, which cuts calls and cost. */
const LABEL_BATCH = 4;
/** Training rows whose concept answers are bought to train the concept detectors. */
const CONCEPT_ROWS = 200;
/** Fewest usable labels to go on with after the budget ran out. */
const MIN_LABELS = { train: 10, validation: 5, test: 5 };
/** Signals "stop active learning" once the budget is spent. */
const STOP = Symbol("budget spent");

/**
 * Distills a small, transparent model from a teacher, and proves it:
 *
 * 1. load the table, infer column roles (id-like columns never become features);
 * 2. resolve the teacher: `teacher`, else the environment's, else the gold `target` column
 *    (LLM-only features are then skipped, said in one line), else a clear error;
 *    `teacher: false` skips the environment: the gold `target` column teaches;
 * 3. split rows (seeded; stratified on gold labels when there are any);
 * 4. buy teacher labels: validation and test rows first (nothing can be proven without them),
 *    then training rows (active learning picks them when `maxLabels` is below the training
 *    rows). Unsure and failed rows are left out and counted. When the budget runs out the run
 *    keeps every label paid for and goes on if there are enough (a warning says so), else
 *    throws the budget error;
 * 5. features fitted on training rows only: raw columns, TF-IDF, LLM concepts, LLM expressions
 *    and LLM rules (concepts, expressions and rules for classification with an LLM teacher);
 * 6. candidate models (shallow tree < logistic < deeper tree < k-NN < forest, simplest first)
 *    fitted on train, compared on validation agreement; the simplest within `tolerance` of the
 *    best wins, and the reason is recorded;
 * 7. metrics on test rows (agreement with the teacher, accuracy against gold, calibration,
 *    fairness), the cascade threshold on validation rows, explanations and charts data.
 *
 * Regression (no `labels`): the teacher answers a number per row (within `range` when given),
 * regressors are the candidates, and the metrics are R², MAE and RMSE against the teacher's
 * values (and against a numeric `target` column when it is not the teacher). With `maxLabels`
 * below the training rows, a seeded random sample is bought (active learning needs classes).
 *
 * @example
 * const u = await distill({
 *   data: "emails.csv", task: "Is this email spam?", labels: ["spam", "ham"], text: "body",
 *   target: "label", budget: { maxUSD: 1 }, onProgress: (e) => console.log(e.phase, e.done, e.total),
 * });
 * u.metrics.vsTeacher.agreement; u.metadata.modelChoice.reason;
 */
export async function distill(options: DistillOptions): Promise<Understudy> {
  const o = checkOptions(options);
  const progress = (phase: string, done: number, total: number, message?: string) => o.onProgress?.({ phase, done, total, ...(message ? { message } : {}) });
  const warnings: string[] = [];
  const warn = (message: string) => { warnings.push(message); logger().warn(message); };

  // 1. Load.
  progress("load", 0, 1, "reading the data");
  const table = await loadTable(o.data);
  const rows = rowsOf(table);
  const columns = table.columnNames();
  for (const [what, names] of [["target", o.target ? [o.target] : []], ["text", o.text ?? []], ["features", o.features ?? []], ["sensitive", o.sensitive ? [o.sensitive] : []]] as const) {
    for (const name of names) {
      if (!columns.includes(name)) {
        throw new UnderstudyError("unknown_column", `distill: ${what} column ${JSON.stringify(name)} is not in the data; its columns are ${columns.map((c) => JSON.stringify(c)).join(", ")}.`);
      }
    }
  }
  if (o.target && o.text?.includes(o.target)) {
    throw new UnderstudyError("target_is_feature", `distill: the target column ${JSON.stringify(o.target)} is also named in text; the known answers would become features and be shown to the teacher. Remove it from text.`);
  }
  const inferred = inferSchema(rows, { ...(o.text ? { text: o.text } : {}), ...(o.target ? { target: o.target } : {}) });
  const text = o.text ?? (o.features ? o.features.filter((c) => roleOf(inferred, c) === "text") : inferred.columns.filter((c) => c.role === "text").map((c) => c.name));
  const schema = o.text ? inferred : inferSchema(rows, { text, ...(o.target ? { target: o.target } : {}) });
  const features = (o.features ?? schema.columns.filter((c) => ["numeric", "categorical", "boolean"].includes(c.role)).map((c) => c.name))
    .filter((c) => c !== o.target && !text.includes(c));
  for (const c of features) {
    const column = schema.columns.find((s) => s.name === c);
    if (column?.role === "id") {
      throw new UnderstudyError("id_feature", `distill: features column ${JSON.stringify(c)} is an identifier (${column.reason}); identifiers never become features, since a model would learn the rows by heart. Leave it out of features.`);
    }
  }
  if (features.length === 0 && text.length === 0) {
    throw new UnderstudyError("no_features", `distill: no column can be a feature (${schema.columns.map((c) => `${c.name}: ${c.role}`).join(", ")}); pass features: [...] or text: "column".`);
  }
  const kind = taskKind(o, rows);
  const gold = o.target ? goldLabels(rows, o.target, kind, o.labels) : undefined;
  const idColumn = schema.columns.find((c) => c.role === "id")?.name;
  progress("load", 1, 1, `${rows.length} rows; ${features.length} feature column(s)${text.length ? `, text: ${text.join(", ")}` : ""}`);

  // 2. Teacher.
  const teacher = o.teacher === false ? undefined : o.teacher ?? defaultTeacher();
  let teacherKind: UnderstudyStats["teacherKind"];
  let teacherNote: string | undefined;
  if (teacher) {
    teacherKind = typeof (teacher as { plan?: unknown }).plan === "function" ? "llm" : "function";
  } else if (o.target) {
    teacherKind = "gold";
    teacherNote = o.teacher === false
      ? `teacher: false, so the gold labels in column "${o.target}" teach (no LLM is asked, whatever the environment configures); LLM-only features (concepts, expressions, rules) are skipped.`
      : `No teacher is configured, so the gold labels in column "${o.target}" teach; LLM-only features (concepts, expressions, rules) are skipped. Set OPENAI_API_KEY or OPENAI_BASE_URL (and UNDERSTUDY_MODEL), or pass teacher:, to distill from an LLM.`;
    progress("load", 1, 1, teacherNote);
    logger().info?.(teacherNote);
  } else if (o.teacher === false) {
    throw new UnderstudyError("no_teacher", "distill: teacher: false means the gold labels teach, but no target column was named; pass target: \"column\" with the known labels, or drop teacher: false to use an LLM.");
  } else {
    throw new UnderstudyError(
      "no_teacher",
      "distill: no teacher and no gold labels: set OPENAI_API_KEY (or OPENAI_BASE_URL for a local server) and UNDERSTUDY_MODEL, pass teacher: openaiTeacher({ model }) or functionTeacher(fn), or name a target column of known labels.",
    );
  }
  const useConcepts = o.concepts === undefined ? teacherKind === "llm" : o.concepts !== false;
  const useExpressions = o.expressions === undefined ? teacherKind === "llm" : o.expressions;
  const useRules = o.rules ?? useExpressions;
  if (teacherKind === "gold" && (o.concepts || o.expressions || o.rules)) warn("concepts, expressions and rules need a teacher to propose them; they were skipped because the gold labels teach.");

  // 3. Split.
  const split = splitRows(kind === "classification" && gold ? gold : rows.length, { fractions: o.split, seed: o.seed });
  const parts = { train: Array.from(split.train), validation: Array.from(split.validation), test: Array.from(split.test) };

  // 4. Labels.
  const session = teacher ? new TeacherSession(teacher, o.budget) : undefined;
  try {
    const labelOf: (Label | null)[] = gold ? [...gold] : rows.map(() => null);
    const counts = { requested: 0, unsure: 0, failed: 0 };
    const calls: { first?: string; last?: string } = {};
    const fields = [...text, ...features];
    let trainAsked = parts.train.length;
    let activeLearningUsed = false;
    if (session) {
      labelOf.fill(null);
      const maxLabels = Math.min(o.maxLabels ?? parts.train.length, parts.train.length);
      const total = parts.validation.length + parts.test.length + maxLabels;
      const buy = async (indices: number[]): Promise<void> => {
        if (indices.length === 0 || session.stopped) return;
        calls.first ??= new Date().toISOString();
        const asked = indices.map((i) => rows[i]);
        const r = kind === "classification"
          ? await labelRows({ teacher: session.teacher, task: o.task, labels: o.labels!, rows: asked, fields, batchSize: LABEL_BATCH, seed: o.seed })
          : await labelValues({ teacher: session.teacher, task: o.task, rows: asked, fields, batchSize: LABEL_BATCH, ...(o.range ? { range: o.range } : {}) });
        const got: (Label | null)[] = "labels" in r ? r.labels : r.values;
        indices.forEach((i, k) => { labelOf[i] = got[k]; });
        // Rows the budget stopped were never asked: they are neither requested nor failed.
        const blocked = r.failures.filter((f) => f.reason === session.budgetError?.message).length;
        counts.requested += indices.length - blocked;
        counts.unsure += r.unsure;
        counts.failed += r.failures.length - blocked;
        calls.last = new Date().toISOString();
        progress("label", counts.requested, total, `${counts.requested}/${total} rows asked`);
      };
      progress("label", 0, total, `asking ${teacher!.model} for labels`);
      await buy(parts.validation);
      await buy(parts.test);
      if (maxLabels < parts.train.length && kind === "classification") {
        activeLearningUsed = true;
        trainAsked = 0;
        const pool = new Featurizer({ schema, features, text, ...(o.target ? { target: o.target } : {}), standardize: true }).fitTransform(parts.train.map((i) => rows[i]));
        try {
          await activeLearning({
            X: pool, budget: maxLabels, seed: o.seed,
            label: async (ix) => {
              if (session.budgetError) throw STOP;
              const chosen = ix.map((k) => parts.train[k]);
              await buy(chosen);
              trainAsked += chosen.length;
              return chosen.map((i) => labelOf[i] as string | null);
            },
          });
        } catch (e) {
          if (e !== STOP) throw e;
        }
      } else {
        // Shuffled, so a budget that runs out mid-way leaves a sample of every class, not the first rows of the file.
        // Regression has no class uncertainty to pick by, so maxLabels buys a seeded random sample.
        trainAsked = maxLabels;
        await buy((new Random(o.seed).shuffle([...parts.train]) as number[]).slice(0, maxLabels));
      }
      if (session.budgetError) trainAsked = parts.train.filter((i) => labelOf[i] !== null).length;
    } else {
      progress("label", rows.length, rows.length, `gold labels from column "${o.target}"`);
      const missing = labelOf.filter((l) => l === null).length;
      if (missing) warn(`${missing} row(s) have no gold label in column "${o.target}"; they were left out of training and evaluation.`);
    }
    const usable = (part: number[]) => part.filter((i) => labelOf[i] !== null);
    const used = { train: usable(parts.train), validation: usable(parts.validation), test: usable(parts.test) };
    const enough = used.train.length >= MIN_LABELS.train && used.validation.length >= MIN_LABELS.validation && used.test.length >= MIN_LABELS.test
      && (kind === "regression" || new Set(used.train.map((i) => labelOf[i])).size >= 2);
    const have = `train ${used.train.length}, validation ${used.validation.length}, test ${used.test.length}`;
    if (session?.budgetError) {
      if (!enough) {
        throw new UnderstudyError("budget_exceeded", `${session.budgetError.message} Too few labels were bought to fit and test a model (${have}; need at least ${MIN_LABELS.train} training labels${kind === "classification" ? " of two classes" : ""}, ${MIN_LABELS.validation} validation and ${MIN_LABELS.test} test).`, { cause: session.budgetError });
      }
      warn(`The budget ran out while labeling (${budgetName(o.budget)}): going on with the labels paid for (${have}).`);
    } else if (!enough) {
      throw new UnderstudyError("too_few_labels", `distill: too few usable labels (${have}; unsure answers and failures are left out); need at least ${MIN_LABELS.train} training labels${kind === "classification" ? " of two classes" : ""}, ${MIN_LABELS.validation} validation and ${MIN_LABELS.test} test. Give more rows${session ? " or check the teacher's answers" : " with gold labels"}.`);
    }
    if (counts.unsure + counts.failed > 0) warn(`${counts.unsure} row(s) answered "unsure" and ${counts.failed} failed; they were left out of training and evaluation.`);

    // 5. Features, fitted on training rows only.
    const llm = session && teacherKind !== "gold" ? session.teacher : undefined;
    const trainRows = parts.train.map((i) => rows[i]);
    const trainLabels = parts.train.map((i) => (labelOf[i] === null ? null : String(labelOf[i])));
    const steps = 1 + (useConcepts && text.length ? 1 : 0) + (useExpressions ? 1 : 0) + (useRules ? 1 : 0);
    let step = 0;
    progress("features", step, steps, "fitting features on training rows");
    const promptVersions: Record<string, string> = session ? { label: kind === "classification" ? prompts.label.version : prompts.labelValue.version } : {};
    let conceptSpec: ConceptSpec | undefined;
    if (llm && useConcepts && text.length && kind === "classification" && !session!.budgetError) {
      const k = typeof o.concepts === "object" ? o.concepts.k : 8;
      // Every text column, each under its name (one column: the bare text), for the teacher and the detectors alike.
      const proposed = await proposeConcepts({ teacher: llm, task: o.task, labels: o.labels!, rows: trainRows, rowLabels: trainLabels, fields: text, k, seed: o.seed });
      if (proposed.concepts.length) {
        // Detectors learn from up to CONCEPT_ROWS training rows, labelled ones first; the rest stay unanswered (null).
        const asked = trainRows.map((_, t) => t).sort((a, b) => Number(trainLabels[b] !== null) - Number(trainLabels[a] !== null) || a - b).slice(0, CONCEPT_ROWS);
        const answered = await answerConcepts({ teacher: llm, concepts: proposed.concepts, rows: asked.map((t) => trainRows[t]), fields: text });
        const answers: ConceptAnswers[] = trainRows.map(() => null);
        asked.forEach((t, a) => { answers[t] = answered.answers[a]; });
        conceptSpec = { column: text.join(", "), columns: text, concepts: proposed.concepts as Concept[], answers };
        promptVersions.concepts = `${proposed.promptVersion}, ${answered.promptVersion}`;
        calls.last = new Date().toISOString();
      }
      progress("features", ++step, steps, `${proposed.concepts.length} concept(s) proposed`);
    }
    let expressions: ExpressionSpec[] = [];
    let expressionReport: { kept: { name: string; expression: string; gain: number }[]; rejected: { name: string; expression: string; reason: string }[] } | undefined;
    const numericFeatures = features.filter((c) => ["numeric", "boolean"].includes(roleOf(schema, c) ?? ""));
    if (llm && useExpressions && kind === "classification" && numericFeatures.length > 0 && !session!.budgetError) {
      const r = await proposeExpressions({ teacher: llm, task: o.task, rows: trainRows, rowLabels: trainLabels, columns: numericFeatures, seed: o.seed });
      const taken = new Set(columns);
      const kept = r.kept.filter((e) => !taken.has(e.name) && (taken.add(e.name), true));
      expressions = kept.map((e) => ({ name: e.name, expression: e.expression, ast: e.ast, why: e.why, promptVersion: e.promptVersion }));
      expressionReport = { kept: kept.map((e) => ({ name: e.name, expression: e.expression, gain: e.gain })), rejected: r.rejected.map((e) => ({ name: e.name, expression: e.expression, reason: e.reason })) };
      promptVersions.expressions = r.promptVersion;
      calls.last = new Date().toISOString();
      progress("features", ++step, steps, `${kept.length} expression(s) kept of ${r.kept.length + r.rejected.length} proposed`);
    }
    let rules: RuleSpec[] = [];
    let ruleReport: HeldOutArtefacts["rules"];
    if (llm && useRules && kind === "classification" && numericFeatures.length > 0 && !session!.budgetError) {
      const r = await proposeRules({ teacher: llm, task: o.task, labels: o.labels!, rows: trainRows, rowLabels: trainLabels, columns: numericFeatures, seed: o.seed });
      const taken = new Set([...columns, ...expressions.map((e) => e.name)]);
      const kept = r.rules.filter((e) => !taken.has(e.name) && (taken.add(e.name), true));
      rules = kept.map((e) => ({ name: e.name, label: e.label, condition: e.condition, ast: e.ast, why: e.why, promptVersion: e.promptVersion }));
      ruleReport = {
        kept: kept.map((e) => ({ name: e.name, label: e.label, condition: e.condition, why: e.why, support: e.support, precision: e.precision })),
        rejected: r.rejected.map((e) => ({ label: e.label, condition: e.condition, reason: e.reason })),
        ...(r.failure ? { failure: r.failure } : {}),
      };
      promptVersions.rules = r.promptVersion;
      calls.last = new Date().toISOString();
      progress("features", ++step, steps, `${kept.length} rule(s) kept of ${r.rules.length + r.rejected.length} proposed`);
    }
    const base = { schema, features, text, ...(o.target ? { target: o.target } : {}), expressions, rules };
    const featurizer = new Featurizer({ ...base, ...(conceptSpec ? { concepts: conceptSpec } : {}) }).fit(trainRows);
    const fitted = featurizer.toJSON();
    // k-NN measures distances, so it gets standardized numeric columns; the concept detectors are reused as fitted.
    const makeStandardized = () => new Featurizer({
      ...base, standardize: true,
      ...(fitted.concepts ? { concepts: { column: fitted.concepts.column, columns: fitted.concepts.columns ?? [fitted.concepts.column], detectors: ConceptDetectors.fromJSON(fitted.concepts.detectors) } } : {}),
    }).fit(trainRows);
    progress("features", steps, steps, `${fitted.lineage.length} features`);

    // 6. Candidates on train, compared on validation.
    const candidates = candidateModels(kind, o.model, o.seed);
    const standardized = candidates.some((c) => c.standardized) && numericFeatures.length > 0 ? makeStandardized() : featurizer;
    const matrices = new Map<Featurizer, { train: Matrix; validation: Matrix }>();
    const matricesOf = (f: Featurizer) => {
      let m = matrices.get(f);
      if (!m) matrices.set(f, (m = { train: f.transform(used.train.map((i) => rows[i])), validation: f.transform(used.validation.map((i) => rows[i])) }));
      return m;
    };
    const yTrain = used.train.map((i) => labelOf[i]!);
    const yValidation = used.validation.map((i) => labelOf[i]!);
    const scored: Omit<ScoredCandidate, "chosen">[] = [];
    const fittedModels = new Map<string, { model: Estimator<Label>; featurizer: Featurizer }>();
    for (const [k, c] of candidates.entries()) {
      progress("fit", k, candidates.length, `fitting ${c.type}`);
      const f = c.standardized ? standardized : featurizer;
      const X = matricesOf(f);
      const model = c.make().fit(X.train, yTrain);
      fittedModels.set(c.name, { model, featurizer: f });
      scored.push({
        name: c.name, type: c.type, family: c.family, simplicity: c.simplicity, metric: kind === "classification" ? "agreement" : "r2",
        score: validationScore(model, X.validation, yValidation), options: plainOptions(model.options),
      });
    }
    const choice = chooseModel(scored, o.tolerance);
    const chosen = fittedModels.get(choice.chosen)!;
    const chosenCandidate = candidates.find((c) => c.name === choice.chosen)!;
    progress("fit", candidates.length, candidates.length, choice.reason);

    // 7. Held-out evaluation.
    const spend = session?.spend();
    const evaluation = heldOutEvaluation({
      model: chosen.model, featurizer: chosen.featurizer, rows, kind, labels: o.labels, seed: o.seed,
      parts: used, labelOf, gold: gold && teacherKind !== "gold" ? gold : undefined, goldTeaches: teacherKind === "gold",
      trainMatrix: matricesOf(chosen.featurizer).train, yTrain,
      refit: () => chosenCandidate.make(), validationMatrix: matricesOf(chosen.featurizer).validation, yValidation,
      idColumn, fields, sensitive: o.sensitive, cascadeTarget: o.cascadeTarget,
      onProgress: (done, total, message) => progress("evaluate", done, total, message),
    });
    if (fitted.concepts) {
      // Every concept the teacher proposed: measured ones for the chart (against always giving the
      // majority answer), dropped ones with the reason in words.
      const { chart, dropped } = conceptArtefacts(fitted.concepts.detectors.quality);
      if (chart.length) evaluation.artefacts.concepts = chart;
      if (dropped.length) evaluation.artefacts.droppedConcepts = dropped;
    }
    if (expressionReport) evaluation.artefacts.expressions = expressionReport;
    if (ruleReport) evaluation.artefacts.rules = ruleReport;

    const stats: UnderstudyStats = {
      teacherCalls: spend?.teacherCalls ?? 0, cacheHits: spend?.cacheHits ?? 0, failures: spend?.failures ?? 0,
      promptTokens: spend?.promptTokens ?? 0, completionTokens: spend?.completionTokens ?? 0, costUSD: spend?.costUSD ?? 0, byPurpose: spend?.byPurpose ?? {},
      teacherKind, labelsRequested: counts.requested,
      labelled: used.train.length + used.validation.length + used.test.length,
      unsure: counts.unsure, failedRows: counts.failed, budgetExhausted: session?.budgetError !== undefined,
      costPerCallUSD: spend && spend.teacherCalls > 0 ? spend.costUSD / spend.teacherCalls : 0,
      labelCostPerRowUSD: spend?.byPurpose.label && counts.requested > 0 ? spend.byPurpose.label.costUSD / counts.requested : 0,
    };
    const metadata: UnderstudyMetadata = {
      task: o.task, taskType: kind, ...(o.labels ? { labels: [...o.labels] } : {}), text, ...(o.target ? { target: o.target } : {}), features,
      inputColumns: columns.filter((c) => c !== o.target), ...(idColumn ? { idColumn } : {}),
      ...(o.intendedUse ? { intendedUse: o.intendedUse } : {}), ...(o.sensitive ? { sensitive: o.sensitive } : {}),
      teacher: {
        model: teacher ? teacher.model : `gold labels (column ${o.target})`, kind: teacherKind, promptVersions,
        ...(teacherNote ? { note: teacherNote } : teacherKind === "function" ? { note: "a function teacher (not an LLM) labelled the rows" } : {}),
        ...(calls.first ? { firstCall: calls.first, lastCall: calls.last ?? calls.first } : {}),
      },
      ...(typeof o.data === "string" ? { source: o.data.split(/[\\/]/).pop() } : {}),
      createdAt: new Date().toISOString(),
      seed: o.seed,
      schema,
      split: {
        fractions: o.split,
        rows: { train: parts.train.length, validation: parts.validation.length, test: parts.test.length },
        labelled: { train: used.train.length, validation: used.validation.length, test: used.test.length },
        trainLabelsBought: session ? trainAsked : used.train.length,
        activeLearning: activeLearningUsed,
      },
      modelChoice: choice,
      metrics: evaluation.metrics,
      stats,
      ...(o.budget ? { budget: { ...o.budget } } : {}),
      artefacts: evaluation.artefacts,
      warnings,
      runtime: runtimeName(),
    };
    return new Understudy({ featurizer: chosen.featurizer, model: chosen.model, metadata: jsonSafe(metadata), dataHash: sha256Of(rows.map(plainRow)) });
  } finally {
    session?.close();
  }
}

type CheckedOptions = Omit<DistillOptions, "text" | "seed" | "model" | "split" | "tolerance" | "cascadeTarget"> & {
  text?: string[]; seed: number; model: ModelChoice; split: { train: number; validation: number; test: number }; tolerance: number; cascadeTarget: number;
};

function checkOptions(options: DistillOptions): CheckedOptions {
  if (options === null || typeof options !== "object") throw new UnderstudyError("bad_option", "distill(options): pass an options object, e.g. { data, task, labels }.");
  const o = options;
  if (o.data === undefined || o.data === null) throw new UnderstudyError("bad_option", "distill: pass data (an array of row objects, a column object, an arquero table or a file path).");
  if (typeof o.task !== "string" || o.task.trim() === "") throw new UnderstudyError("bad_option", "distill: pass task, the question the teacher answers in one sentence, e.g. \"Is this email spam?\".");
  if (o.labels !== undefined) {
    if (!Array.isArray(o.labels) || o.labels.length < 2 || new Set(o.labels).size !== o.labels.length || o.labels.some((l) => typeof l !== "string" || l.trim() === "")) {
      throw new UnderstudyError("bad_labels", `distill: labels must be at least two distinct non-empty strings, got ${JSON.stringify(o.labels)}.`);
    }
    if (o.labels.includes("unsure")) throw new UnderstudyError("bad_labels", "distill: \"unsure\" is reserved for the teacher's abstentions; rename that label.");
  }
  const model = o.model ?? "auto";
  if (!["auto", "tree", "logistic", "linear", "knn", "forest"].includes(model)) {
    throw new UnderstudyError("bad_option", `distill: model must be "auto", "tree", "logistic", "linear", "knn" or "forest", got ${JSON.stringify(model)}.`);
  }
  const seed = o.seed ?? 0;
  if (!Number.isInteger(seed)) throw new UnderstudyError("bad_option", `distill: seed must be a whole number, got ${seed}.`);
  const split = o.split ?? { train: 0.6, validation: 0.2, test: 0.2 };
  if (!(split.train > 0 && split.validation > 0 && split.test > 0) || Math.abs(split.train + split.validation + split.test - 1) > 1e-9) {
    throw new UnderstudyError("bad_option", `distill: split shares must be above 0 and sum to 1 (validation chooses the model, test measures it), got ${JSON.stringify(split)}.`);
  }
  const tolerance = o.tolerance ?? 0.01;
  if (!(tolerance >= 0 && tolerance < 1)) throw new UnderstudyError("bad_option", `distill: tolerance must be in [0, 1), got ${tolerance}.`);
  const cascadeTarget = o.cascadeTarget ?? 0.99;
  if (!(cascadeTarget > 0 && cascadeTarget <= 1)) throw new UnderstudyError("bad_option", `distill: cascadeTarget must be a share in (0, 1], e.g. 0.99, got ${cascadeTarget}.`);
  if (o.maxLabels !== undefined && !(Number.isInteger(o.maxLabels) && o.maxLabels >= 1)) {
    throw new UnderstudyError("bad_option", `distill: maxLabels must be a whole number of training labels ≥ 1, got ${o.maxLabels}.`);
  }
  if (o.concepts !== undefined && typeof o.concepts === "object" && !(Number.isInteger(o.concepts.k) && o.concepts.k >= 1 && o.concepts.k <= 50)) {
    throw new UnderstudyError("bad_option", `distill: concepts.k must be a whole number from 1 to 50, got ${o.concepts.k}.`);
  }
  if (o.teacher !== undefined && o.teacher !== false && (o.teacher === null || typeof o.teacher.ask !== "function")) {
    throw new UnderstudyError("bad_teacher", "distill: teacher must be a Teacher (openaiTeacher, functionTeacher, replayTeacher), or false for the target column's gold labels.");
  }
  if (o.range !== undefined) {
    const r = o.range;
    if (!(Array.isArray(r) && r.length === 2 && r.every((v) => typeof v === "number" && Number.isFinite(v)) && r[0] < r[1])) {
      throw new UnderstudyError("bad_option", `distill: range must be [min, max], two finite numbers with min < max, got ${JSON.stringify(r)}.`);
    }
    if (o.labels) throw new UnderstudyError("bad_option", "distill: range bounds the numbers a regression teacher answers; a classification task (labels given) takes no range.");
  }
  const text = o.text === undefined ? undefined : typeof o.text === "string" ? [o.text] : [...o.text];
  return { ...o, text, seed, model, split, tolerance, cascadeTarget };
}

function roleOf(schema: Schema, column: string): string | undefined {
  return schema.columns.find((c) => c.name === column)?.role;
}

/** Classification when labels are given; regression when they are not and the target is numeric. */
function taskKind(o: CheckedOptions, rows: Record<string, unknown>[]): "classification" | "regression" {
  if (o.labels) return "classification";
  if (!o.target) {
    if (o.range) return "regression";
    throw new UnderstudyError("labels_missing", "distill: pass labels: [...] (the classes the teacher chooses from) for a classification task; for regression, name a numeric target column or pass range: [min, max] (the teacher then answers a number per row).");
  }
  const present = rows.map((r) => r[o.target!]).filter((v) => !isMissingCell(v));
  const numeric = present.length > 0 && present.every((v) => (typeof v === "number" && Number.isFinite(v)) || (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))));
  const distinct = [...new Set(present.map(String))];
  if (!numeric || distinct.length <= 2) {
    throw new UnderstudyError(
      "labels_missing",
      `distill: the target column ${JSON.stringify(o.target)} holds classes (${distinct.slice(0, 8).map((d) => JSON.stringify(d)).join(", ")}${distinct.length > 8 ? ", …" : ""}); pass labels: [...] for a classification task.`,
    );
  }
  return "regression";
}

function goldLabels(rows: Record<string, unknown>[], target: string, kind: "classification" | "regression", labels: string[] | undefined): (Label | null)[] {
  const values = rows.map((r) => r[target]);
  if (kind === "regression") return values.map((v) => (isMissingCell(v) ? null : Number(v)));
  const out = values.map((v) => (isMissingCell(v) ? null : String(v)));
  const stray = [...new Set(out.filter((v): v is string => v !== null && !labels!.includes(v)))];
  if (stray.length) {
    throw new UnderstudyError(
      "unknown_label",
      `distill: the target column ${JSON.stringify(target)} holds ${stray.slice(0, 5).map((s) => JSON.stringify(s)).join(", ")}${stray.length > 5 ? ", …" : ""}, which ${stray.length === 1 ? "is" : "are"} not in labels ${JSON.stringify(labels)}; make labels match the column's values.`,
    );
  }
  return out;
}

function budgetName(budget: Budget | undefined): string {
  if (!budget) return "the teacher's own budget";
  return [budget.maxCalls !== undefined ? `budget.maxCalls = ${budget.maxCalls}` : "", budget.maxUSD !== undefined ? `budget.maxUSD = ${budget.maxUSD}` : ""].filter(Boolean).join(", ");
}

function plainOptions(options: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).map(([k, v]) => [k, typeof v === "number" && !Number.isFinite(v) ? String(v) : v]).filter(([, v]) => v !== undefined));
}

function plainRow(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : typeof v === "number" && !Number.isFinite(v) ? String(v) : v]));
}

function runtimeName(): string {
  const deno = (globalThis as { Deno?: { version?: { deno?: string } } }).Deno?.version?.deno;
  return deno ? `Deno ${deno}` : `Node ${process.versions.node}`;
}
