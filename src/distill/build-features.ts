import { ConceptDetectors } from "../features/concept-detectors.ts";
import type { Concept, ConceptAnswers } from "../features/concept-detectors.ts";
import { Featurizer, type ConceptSpec, type ExpressionSpec, type RuleSpec } from "../features/featurizer.ts";
import type { Teacher } from "../llm/teacher.ts";
import { answerConcepts } from "../teach/answer-concepts.ts";
import { prompts } from "../teach/prompts.ts";
import { proposeConcepts } from "../teach/propose-concepts.ts";
import { proposeExpressions } from "../teach/propose-expressions.ts";
import { proposeRules } from "../teach/propose-rules.ts";
import type { HeldOutArtefacts } from "../understudy/bundle-types.ts";
import type { BoughtLabels } from "./buy-labels.ts";
import type { CheckedOptions } from "./check-options.ts";
import type { LoadedInputs } from "./load-inputs.ts";
import type { ResolvedTeacher } from "./resolve-teacher.ts";
import type { RunEvents } from "./run-events.ts";

/** What {@link buildFeatures} fitted. */
export interface BuiltFeatures {
  /** Every feature source, fitted on training rows only. */
  featurizer: Featurizer;
  /**
   * The featurizer for a candidate: standardized numeric columns for distance-based models
   * (k-NN), the plain one otherwise or when there is no numeric column. Built once, on demand.
   */
  featurizerFor: (standardized: boolean) => Featurizer;
  /** Prompt template versions of every kind of request the teacher was asked. */
  promptVersions: Record<string, string>;
  /** LLM expressions kept and rejected, when proposed. */
  expressions?: HeldOutArtefacts["expressions"];
  /** LLM rules kept and rejected, when proposed. */
  rules?: HeldOutArtefacts["rules"];
  /** ISO time after the last feature request, when the teacher was asked. */
  lastCall?: string;
}

/** The options {@link buildFeatures} reads. */
export type FeatureOptions = Pick<CheckedOptions, "task" | "labels" | "target" | "concepts" | "seed">;

/** Training rows whose concept answers are bought to train the concept detectors. */
const CONCEPT_ROWS = 200;

/**
 * Stage 5: features fitted on training rows only: raw columns, TF-IDF, and for classification
 * with an LLM teacher (or its replay) LLM concepts, expressions and rules. Nothing is asked
 * once the budget ran out. Every request depends only on the rows, their labels and the seed,
 * so a replay asks exactly what the live run asked.
 *
 * @example
 * const built = await buildFeatures(options, inputs, resolved, session?.teacher, bought, events);
 * built.featurizer.lineage.map((l) => l.source); // ["tfidf", ..., "concept"]
 */
export async function buildFeatures(
  o: FeatureOptions, inputs: LoadedInputs, resolved: ResolvedTeacher, teacher: Teacher | undefined, bought: BoughtLabels, events: RunEvents,
): Promise<BuiltFeatures> {
  const { rows, kind, text, features, schema } = inputs;
  const llm = teacher && resolved.kind !== "gold" && !bought.budgetStop && kind === "classification" ? teacher : undefined;
  const trainRows = bought.parts.train.map((i) => rows[i]);
  const trainLabels = bought.parts.train.map((i) => (bought.labelOf[i] === null ? null : String(bought.labelOf[i])));
  const numericFeatures = features.filter((c) => ["numeric", "boolean"].includes(schema.columns.find((s) => s.name === c)?.role ?? ""));
  const want = {
    concepts: llm !== undefined && resolved.llmFeatures.concepts && text.length > 0,
    expressions: llm !== undefined && resolved.llmFeatures.expressions && numericFeatures.length > 0,
    rules: llm !== undefined && resolved.llmFeatures.rules && numericFeatures.length > 0,
  };
  // The step count is what the old single function announced: concepts need text, expressions and rules are counted when on.
  const steps = 1 + (resolved.llmFeatures.concepts && text.length ? 1 : 0) + (resolved.llmFeatures.expressions ? 1 : 0) + (resolved.llmFeatures.rules ? 1 : 0);
  let step = 0;
  events.progress("features", step, steps, "fitting features on training rows");
  const promptVersions: Record<string, string> = teacher ? { label: kind === "classification" ? prompts.label.version : prompts.labelValue.version } : {};
  const asked = { task: o.task, rows: trainRows, rowLabels: trainLabels, seed: o.seed };
  let lastCall: string | undefined;

  let concepts: ConceptSpec | undefined;
  if (want.concepts) {
    const r = await conceptFeatures(llm!, { ...asked, labels: o.labels!, fields: text, k: typeof o.concepts === "object" ? o.concepts.k : 8 });
    concepts = r.spec;
    if (r.promptVersion) promptVersions.concepts = r.promptVersion;
    if (r.spec) lastCall = new Date().toISOString();
    events.progress("features", ++step, steps, `${r.proposed} concept(s) proposed`);
  }
  let expressions: ExpressionSpec[] = [];
  let expressionReport: BuiltFeatures["expressions"];
  if (want.expressions) {
    const r = await proposeExpressions({ teacher: llm!, ...asked, columns: numericFeatures });
    const taken = new Set(inputs.columns);
    const kept = r.kept.filter((e) => !taken.has(e.name) && (taken.add(e.name), true));
    expressions = kept.map((e) => ({ name: e.name, expression: e.expression, ast: e.ast, why: e.why, promptVersion: e.promptVersion }));
    expressionReport = { kept: kept.map((e) => ({ name: e.name, expression: e.expression, gain: e.gain })), rejected: r.rejected.map((e) => ({ name: e.name, expression: e.expression, reason: e.reason })) };
    promptVersions.expressions = r.promptVersion;
    lastCall = new Date().toISOString();
    events.progress("features", ++step, steps, `${kept.length} expression(s) kept of ${r.kept.length + r.rejected.length} proposed`);
  }
  let rules: RuleSpec[] = [];
  let ruleReport: BuiltFeatures["rules"];
  if (want.rules) {
    const r = await proposeRules({ teacher: llm!, ...asked, labels: o.labels!, columns: numericFeatures });
    const taken = new Set([...inputs.columns, ...expressions.map((e) => e.name)]);
    const kept = r.rules.filter((e) => !taken.has(e.name) && (taken.add(e.name), true));
    rules = kept.map((e) => ({ name: e.name, label: e.label, condition: e.condition, ast: e.ast, why: e.why, promptVersion: e.promptVersion }));
    ruleReport = {
      kept: kept.map((e) => ({ name: e.name, label: e.label, condition: e.condition, why: e.why, support: e.support, precision: e.precision })),
      rejected: r.rejected.map((e) => ({ label: e.label, condition: e.condition, reason: e.reason })),
      ...(r.failure ? { failure: r.failure } : {}),
    };
    promptVersions.rules = r.promptVersion;
    lastCall = new Date().toISOString();
    events.progress("features", ++step, steps, `${kept.length} rule(s) kept of ${r.rules.length + r.rejected.length} proposed`);
  }

  const base = { schema, features, text, ...(o.target ? { target: o.target } : {}), expressions, rules };
  const featurizer = new Featurizer({ ...base, ...(concepts ? { concepts } : {}) }).fit(trainRows);
  const fitted = featurizer.toJSON();
  let standardized: Featurizer | undefined;
  // k-NN measures distances, so it gets standardized numeric columns; the concept detectors are reused as fitted.
  const featurizerFor = (standardize: boolean): Featurizer => {
    if (!standardize || numericFeatures.length === 0) return featurizer;
    standardized ??= new Featurizer({
      ...base, standardize: true,
      ...(fitted.concepts ? { concepts: { column: fitted.concepts.column, columns: fitted.concepts.columns ?? [fitted.concepts.column], detectors: ConceptDetectors.fromJSON(fitted.concepts.detectors) } } : {}),
    }).fit(trainRows);
    return standardized;
  };
  events.progress("features", steps, steps, `${fitted.lineage.length} features`);
  return {
    featurizer, featurizerFor, promptVersions,
    ...(expressionReport ? { expressions: expressionReport } : {}), ...(ruleReport ? { rules: ruleReport } : {}), ...(lastCall ? { lastCall } : {}),
  };
}

/**
 * Concepts: the teacher proposes yes/no questions, then answers them for up to CONCEPT_ROWS
 * training rows (labelled ones first, then in row order); the rest stay unanswered (null).
 * Every text column is shown under its name, to the teacher and the detectors alike.
 */
async function conceptFeatures(
  teacher: Teacher,
  asked: { task: string; labels: string[]; rows: Record<string, unknown>[]; rowLabels: (string | null)[]; fields: string[]; k: number; seed: number },
): Promise<{ spec?: ConceptSpec; proposed: number; promptVersion?: string }> {
  const proposed = await proposeConcepts({ teacher, ...asked });
  if (!proposed.concepts.length) return { proposed: 0 };
  const { rows, rowLabels } = asked;
  const chosen = rows.map((_, t) => t).sort((a, b) => Number(rowLabels[b] !== null) - Number(rowLabels[a] !== null) || a - b).slice(0, CONCEPT_ROWS);
  const answered = await answerConcepts({ teacher, concepts: proposed.concepts, rows: chosen.map((t) => rows[t]), fields: asked.fields });
  const answers: ConceptAnswers[] = rows.map(() => null);
  chosen.forEach((t, a) => { answers[t] = answered.answers[a]; });
  const spec: ConceptSpec = { column: asked.fields.join(", "), columns: asked.fields, concepts: proposed.concepts as Concept[], answers };
  return { spec, proposed: proposed.concepts.length, promptVersion: `${proposed.promptVersion}, ${answered.promptVersion}` };
}
