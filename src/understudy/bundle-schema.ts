import { z } from "zod";

// The structure of a saved bundle, as far as loading relies on it. Objects are loose (fields
// added by later versions pass through); the featurizer's and the model's insides are checked
// by Featurizer.fromJSON and loadModel, which own those formats. Figures stored as null are
// non-finite numbers JSON cannot hold (a 0/0 kappa), so measured figures may be null.

const hash = z.string().regex(/^sha256:[0-9a-f]{64}$/, "expected \"sha256:\" and 64 hex digits");
const figure = z.number().nullable();
const names = z.array(z.string());
const taskType = z.enum(["classification", "regression"]);
const splitCounts = z.looseObject({ train: z.number(), validation: z.number(), test: z.number() });

const metadataFields = {
  task: z.string(),
  labels: names.optional(),
  text: names,
  target: z.string().optional(),
  features: names,
  inputColumns: names,
  idColumn: z.string().optional(),
  teacher: z.looseObject({
    model: z.string(),
    kind: z.enum(["llm", "function", "replay", "gold"]),
    replays: z.looseObject({ kind: z.literal("llm"), model: z.string(), cacheDir: z.string() }).optional(),
    replayable: z.literal(false).optional(),
    unsavedAnswers: z.number().optional(),
    note: z.string().optional(),
    promptVersions: z.record(z.string(), z.string()),
  }),
  createdAt: z.string(),
  seed: z.number(),
  schema: z.looseObject({ nRows: z.number(), columns: z.array(z.looseObject({ name: z.string(), role: z.string() })) }),
  split: z.looseObject({ fractions: splitCounts, rows: splitCounts, labelled: splitCounts }),
  modelChoice: z.looseObject({ chosen: z.string(), reason: z.string(), candidates: z.array(z.looseObject({ type: z.string(), score: figure, chosen: z.boolean() })) }),
  metrics: z.looseObject({ task: taskType, vsTeacher: z.looseObject({ n: z.number(), agreement: figure }) }),
  stats: z.looseObject({ teacherCalls: z.number(), cacheHits: z.number(), costUSD: figure, labelled: z.number(), labelCostPerRowUSD: figure }),
  artefacts: z.looseObject({
    baseline: z.looseObject({ mean: z.array(figure), median: z.array(figure) }),
    background: z.array(z.array(z.tuple([z.number(), figure]))),
  }),
  warnings: names,
  runtime: z.string(),
  // predict reads these: checked so that a hand-edited rule fails on load, not on the first row.
  positive: z.string().optional(),
  cutoff: z.looseObject({ positive: z.string(), threshold: z.number().min(0).max(1) }).optional(),
  calibrator: z.looseObject({
    method: z.literal("platt"), classes: z.array(z.union([z.string(), z.number(), z.boolean()])).min(2),
    perClass: z.array(z.looseObject({ label: z.union([z.string(), z.number(), z.boolean()]), a: z.number(), b: z.number() })).min(1),
  }).optional(),
};

const parts = {
  featurizer: z.looseObject({ format: z.literal("understudy-featurizer"), lineage: z.array(z.unknown()) }),
  model: z.looseObject({ format: z.literal("understudy-model"), kind: z.string(), featureNames: names }),
  hashes: z.looseObject({ data: hash, model: hash, featurizer: hash, metadata: hash }),
  signature: z.string().optional(),
};

/**
 * The zod schema of a bundle's parts (`format` and `version` are checked before it, with
 * messages of their own): version 2 stores the task type as `metadata.taskType`, version 1 as
 * `metadata.kind`. Every hash is required.
 *
 * @example
 * bundleSchema(2).safeParse(JSON.parse(text)).success; // true for what toJSON() wrote
 */
export function bundleSchema(version: 1 | 2) {
  return version === 1
    ? z.looseObject({ ...parts, metadata: z.looseObject({ ...metadataFields, kind: taskType }) })
    : z.looseObject({ ...parts, metadata: z.looseObject({ ...metadataFields, taskType }) });
}
