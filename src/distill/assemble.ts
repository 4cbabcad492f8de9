import { messages } from "../core/messages/index.ts";
import process from "node:process";
import type { Teacher } from "../llm/teacher.ts";
import type { SessionSpend } from "../understudy/teacher-session.ts";
import { jsonSafe } from "../understudy/json-safe.ts";
import { sha256Of } from "../understudy/sha256-of.ts";
import type { UnderstudyMetadata, UnderstudyStats } from "../understudy/bundle-types.ts";
import { trainingReference } from "../understudy/training-reference.ts";
import { Understudy } from "../understudy/understudy.ts";
import type { DistillOptions } from "./distill-options.ts";
import type { BuiltFeatures } from "./build-features.ts";
import type { BoughtLabels } from "./buy-labels.ts";
import type { CheckedOptions } from "./check-options.ts";
import type { Evaluation } from "./evaluate.ts";
import type { FittedCandidates } from "./fit-candidates.ts";
import type { LoadedInputs } from "./load-inputs.ts";
import { replayNote, type ResolvedTeacher } from "./resolve-teacher.ts";
import type { RunEvents } from "./run-events.ts";
import { trivialModelWarning } from "./trivial-model-warning.ts";

/** Everything the run produced, stage by stage: what {@link assemble} turns into an Understudy. */
export interface RunResults {
  options: DistillOptions;
  checked: CheckedOptions;
  inputs: LoadedInputs;
  resolved: ResolvedTeacher;
  /** What this run spent on its teacher (absent when the gold labels taught). */
  spend?: SessionSpend;
  bought: BoughtLabels;
  built: BuiltFeatures;
  fit: FittedCandidates;
  evaluation: Evaluation;
  events: RunEvents;
}

/**
 * Stage 8: the Understudy: the chosen model and featurizer, with metadata that records the
 * task, the teacher (a replay says whose answers it replayed), the split, the model choice,
 * the held-out metrics, what was spent, and how to reproduce the run. A model no better than a
 * trivial one on the test rows gets a warning ({@link trivialModelWarning}).
 *
 * @example
 * const u = assemble({ options, checked, inputs, resolved, spend, bought, built, fit, evaluation, events });
 * u.metadata.reproduce.call; // 'distill({ data: "emails.csv", task: "Is this email spam?", ... })'
 */
export function assemble(r: RunResults): Understudy {
  const { checked: o, inputs, bought, fit } = r;
  const unsaved = r.resolved.teacher?.stats.unsavedAnswers ?? 0;
  if (unsaved > 0) r.events.warn(messages.distill.notReplayable(unsaved));
  const trivial = trivialModelWarning({ metrics: r.evaluation.metrics, ...binaryScoring(r) });
  if (trivial) r.events.warn(trivial);
  const metadata: UnderstudyMetadata = {
    task: o.task, taskType: inputs.kind, ...(o.labels ? { labels: [...o.labels] } : {}), text: inputs.text, ...(o.target ? { target: o.target } : {}), features: inputs.features,
    inputColumns: inputs.columns.filter((c) => c !== o.target), ...(inputs.idColumn ? { idColumn: inputs.idColumn } : {}),
    ...(o.intendedUse ? { intendedUse: o.intendedUse } : {}), ...(o.sensitive ? { sensitive: o.sensitive } : {}),
    teacher: teacherRecord(r),
    ...(inputs.source ? { source: inputs.source.name } : {}),
    reproduce: reproduceRecord(r),
    createdAt: new Date().toISOString(),
    seed: o.seed,
    schema: inputs.schema,
    split: {
      fractions: { train: o.split.train, validation: o.split.validation, test: o.split.test },
      ...(o.split.by ? { by: o.split.by } : {}), ...(o.split.group ? { group: o.split.group } : {}),
      duplicates: { ...bought.duplicates },
      rows: { train: bought.parts.train.length, validation: bought.parts.validation.length, test: bought.parts.test.length },
      labelled: { train: bought.used.train.length, validation: bought.used.validation.length, test: bought.used.test.length },
      trainLabelsBought: r.resolved.teacher ? bought.trainAsked : bought.used.train.length,
      activeLearning: bought.activeLearning,
    },
    modelChoice: fit.choice,
    ...r.evaluation.decision,
    metrics: r.evaluation.metrics,
    stats: statsOf(r),
    ...(o.budget ? { budget: { ...o.budget } } : {}),
    artefacts: r.evaluation.artefacts,
    missingCells: inputs.missingCells,
    warnings: [...r.events.warnings],
    runtime: runtimeName(),
    reference: trainingReference({ featurizer: fit.chosen.featurizer, model: fit.chosen.model, rows: bought.parts.train.map((i) => inputs.rows[i]), test: bought.parts.test.map((i) => inputs.rows[i]), schema: inputs.schema, ...(o.labels ? { labels: o.labels } : {}), ...(r.evaluation.decision.positive ? { positive: r.evaluation.decision.positive } : {}) }),
  };
  return new Understudy({ featurizer: fit.chosen.featurizer, model: fit.chosen.model, metadata: jsonSafe(metadata), dataHash: sha256Of(inputs.rows.map(plainRow)) });
}

/** Binary classification: what the AUC on the test rows needs (of the positive class). */
function binaryScoring(r: RunResults): Pick<Parameters<typeof trivialModelWarning>[0], "binary"> {
  const labels = r.checked.labels;
  if (r.inputs.kind !== "classification" || labels?.length !== 2) return {};
  const test = r.bought.used.test;
  const { model, featurizer } = r.fit.chosen;
  return { binary: { model, featurizer, rows: test.map((i) => r.inputs.rows[i]), y: test.map((i) => r.bought.labelOf[i]!), positive: r.checked.positive ?? labels[0] } };
}

function teacherRecord(r: RunResults): UnderstudyMetadata["teacher"] {
  const { resolved, bought, built } = r;
  const teacher = resolved.teacher;
  // A replay knows its model once it read the cache, i.e. after the first answer.
  const replays = teacher?.kind === "replay" ? teacher.replays : undefined;
  const note = resolved.note ?? (replays ? replayNote(replays) : resolved.kind === "function" ? "a function teacher (not an LLM) labelled the rows" : undefined);
  const last = built.lastCall ?? bought.calls.last;
  const unsaved = teacher?.stats.unsavedAnswers ?? 0;
  return {
    model: teacher ? replays?.model ?? teacher.model : `gold labels (column ${r.checked.target})`, kind: resolved.kind, promptVersions: built.promptVersions,
    ...(replays ? { replays: { kind: replays.kind, model: replays.model, cacheDir: replays.cacheDir } } : {}),
    ...(note ? { note } : {}),
    ...(unsaved > 0 ? { replayable: false as const, unsavedAnswers: unsaved } : {}),
    ...(bought.calls.first ? { firstCall: bought.calls.first, lastCall: last ?? bought.calls.first } : {}),
  };
}

function statsOf(r: RunResults): UnderstudyStats {
  const { spend, bought } = r;
  const { counts, used } = bought;
  return {
    teacherCalls: spend?.teacherCalls ?? 0, cacheHits: spend?.cacheHits ?? 0, failures: spend?.failures ?? 0,
    promptTokens: spend?.promptTokens ?? 0, completionTokens: spend?.completionTokens ?? 0, costUSD: spend?.costUSD ?? 0, byPurpose: spend?.byPurpose ?? {},
    teacherKind: r.resolved.kind, labelsRequested: counts.requested,
    labelled: used.train.length + used.validation.length + used.test.length,
    unsure: counts.unsure, failedRows: counts.failed, budgetExhausted: bought.budgetStop !== undefined,
    costPerCallUSD: spend && spend.teacherCalls > 0 ? spend.costUSD / spend.teacherCalls : 0,
    labelCostPerRowUSD: spend?.byPurpose.label && counts.requested > 0 ? spend.byPurpose.label.costUSD / counts.requested : 0,
  };
}

/** How to run this again: the call with every option given (data as its path or a row count; no secrets), the command line, the data file's hash. */
function reproduceRecord(r: RunResults): NonNullable<UnderstudyMetadata["reproduce"]> {
  const { options, inputs } = r;
  const shown = Object.entries(options)
    // Progress callbacks and the command line do not decide the model: leave them out of the call.
    .filter(([key, value]) => value !== undefined && key !== "command" && key !== "onProgress")
    .map(([key, value]) => `${key}: ${key === "data" ? dataText(value, inputs.rows.length) : key === "teacher" ? teacherText(value as Teacher | false) : literal(value)}`);
  return {
    call: `distill({ ${shown.join(", ")} })`,
    ...(options.command !== undefined ? { command: options.command } : {}),
    ...(inputs.source ? { source: inputs.source } : {}),
  };
}

function dataText(data: unknown, rows: number): string {
  return typeof data === "string" ? JSON.stringify(data) : `<${rows} rows in memory>`;
}

/** The teacher as the call that makes it: the model or cache only, never a key. */
function teacherText(teacher: Teacher | false): string {
  if (teacher === false) return "false";
  if (teacher.kind === "replay") return `replayTeacher({ cacheDir: ${JSON.stringify(teacher.replays?.cacheDir ?? (teacher as { cacheDir?: string }).cacheDir ?? "")} })`;
  if (teacher.kind === "llm") return `openaiTeacher({ model: ${JSON.stringify(teacher.model)} })`;
  return "functionTeacher(fn)";
}

/** A value as code: strings quoted, objects with bare keys where they are identifiers, functions as `<function>`. */
function literal(value: unknown): string {
  if (typeof value === "function") return "<function>";
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{ ${entries.map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${literal(v)}`).join(", ")} }`;
  }
  return JSON.stringify(value) ?? String(value);
}

function plainRow(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : typeof v === "number" && !Number.isFinite(v) ? String(v) : v]));
}

function runtimeName(): string {
  const deno = (globalThis as { Deno?: { version?: { deno?: string } } }).Deno?.version?.deno;
  return deno ? `Deno ${deno}` : `Node ${process.versions.node}`;
}
