import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { ProgressCallback } from "../core/progress.ts";
import { isMissingCell } from "../data/cell-values.ts";
import { rowsOf } from "../data/rows-of.ts";
import { toTable, type TableInput } from "../data/to-table.ts";
import { defaultTeacher } from "../llm/default-teacher.ts";
import type { Teacher, TeacherRequest, TeacherResult } from "../llm/teacher.ts";
import { labelRows } from "../teach/label-rows.ts";
import type { Understudy } from "../understudy/understudy.ts";
import { latencySummary } from "./latency-summary.ts";

/** What the benchmark needs of a distilled model: an `Understudy`, or anything shaped like one. */
export type BenchmarkStudent = Pick<Understudy, "predict" | "predictProba" | "classes" | "metadata">;

/** Options of {@link benchmarkAgainstTeacher}. */
export interface BenchmarkOptions {
  /** The distilled model. Its task, labels, input columns and cascade threshold are read from `metadata`. */
  understudy: BenchmarkStudent;
  /** Held-out rows with gold labels, none of them used in distilling: row objects, a column object, an arquero table or a file path. */
  rows: TableInput;
  /** Column of gold labels. Default: the understudy's `target`. */
  target?: string;
  /** The LLM baseline (answers every row, one call per row). Default: the teacher the environment configures. For a fair latency and cost, give it no cache (`cacheDir: false`). */
  teacher?: Teacher;
  /** Cascade threshold: the small model answers rows whose confidence is at least this. Default: the one chosen at distill time. */
  threshold?: number;
  /** Rows per small-model `predict` call while timing. Default 1 (one live request at a time). */
  batchSize?: number;
  /** LLM calls in flight at once. Default 4. Each call's own wall time is its latency. */
  concurrency?: number;
  /** Progress events, phase "benchmark". */
  onProgress?: ProgressCallback;
}

/** One system's scores on the held-out gold rows. */
export interface BenchmarkRow {
  /** Name for tables and charts, e.g. "LLM (gpt-4o-mini)". */
  system: string;
  role: "llm" | "small" | "cascade";
  /** Share of gold rows answered correctly; a row without an answer counts as wrong. */
  accuracy: number;
  /** Rows that got an answer (the LLM may fail or answer "unsure"). */
  answered: number;
  /** Share of the rows the LLM labelled on which this system gives the LLM's label. */
  agreementWithLLM: number;
  /** Latency of one prediction in ms: small model in-process; LLM per call (wall time); cascade = small model + the LLM call for rows sent to it. */
  latencyP50Ms: number;
  latencyP95Ms: number;
  latencyMeanMs: number;
  /** USD per 1,000 predictions: the LLM's measured cost per paid call; the small model's is taken as 0 (in-process compute). */
  costPer1000USD: number;
  /** Share of rows that reach the LLM: 1, 0, or the cascade's. */
  shareToLLM: number;
}

/** One held-out row's answers. */
export interface BenchmarkRowDetail {
  gold: string;
  /** Null when the LLM failed or answered "unsure". */
  llm: string | null;
  small: string;
  /** The small model's probability for its own label. */
  confidence: number;
  cascade: string;
  /** True when the cascade sent the row to the LLM. */
  toLLM: boolean;
  llmMs: number;
  smallMs: number;
  /** True when the LLM's answer came from a cache (free, and not a real call's latency). */
  cached: boolean;
}

/** What {@link benchmarkAgainstTeacher} returns: plain data. */
export interface BenchmarkResult {
  task: string;
  labels: string[];
  /** Gold rows measured. */
  n: number;
  teacherModel: string;
  threshold: number;
  systems: { llm: BenchmarkRow; small: BenchmarkRow; cascade: BenchmarkRow };
  /** The same rows in order LLM, small model, cascade: for `formatBenchmark` and `benchmarkChart`. */
  table: BenchmarkRow[];
  /** What the LLM run spent. */
  llmCalls: { paid: number; cached: number; unsure: number; failed: number; promptTokens: number; completionTokens: number; costUSD: number };
  /** Rows per small-model predict call while timing. */
  batchSize: number;
  perRow: BenchmarkRowDetail[];
  /** Caveats about the figures, one line each. */
  notes: string[];
}

/** Keep timing one batch until this much time has passed, so a coarse clock still gives a usable figure. */
const MIN_TIMED_MS = 2;
const MAX_REPEATS = 1000;

/**
 * The small model against an LLM baseline on held-out gold rows: accuracy of the LLM (it labels
 * every row, one call per row, through `labelRows`), of the small model, and of the cascade at
 * its threshold; agreement with the LLM; latency per prediction (p50, p95); cost per 1,000
 * predictions.
 *
 * How each figure is measured:
 * - small model: `predict` on batches of `batchSize` rows in-process, each batch repeated
 *   until 2 ms have passed; a row's latency is the batch time over its rows. Cost 0.
 * - LLM: each row's own call, timed from request to parsed answer (network, queueing behind
 *   `concurrency`, retries included). Cost per 1,000 = the run's cost over its paid calls.
 *   Cached answers are listed but left out of latency and cost.
 * - cascade: scored from the same answers, row by row: the small model's answer when its
 *   confidence reaches the threshold, else the LLM's (the small model's if the LLM gave none);
 *   latency = small model + that row's LLM call when sent; cost = share sent × LLM cost.
 *
 * @example
 * const b = await benchmarkAgainstTeacher({ understudy: u, rows: goldRows, target: "label", teacher });
 * b.systems.llm.accuracy; b.systems.small.latencyP50Ms; b.systems.cascade.costPer1000USD;
 * console.log(formatBenchmark(b));
 * chart(benchmarkChart(b.table));
 */
export async function benchmarkAgainstTeacher(options: BenchmarkOptions): Promise<BenchmarkResult> {
  if (options === null || typeof options !== "object") {
    throw new UnderstudyError("bad_option", messages.bench.noOptions());
  }
  const u = options.understudy;
  if (!u || typeof u.predict !== "function" || typeof u.predictProba !== "function" || !u.metadata) {
    throw new UnderstudyError("bad_option", messages.bench.notAnUnderstudy());
  }
  const m = u.metadata;
  if (m.taskType !== "classification" || !m.labels) {
    throw new UnderstudyError("unsupported_model", messages.bench.regressionModel());
  }
  const labels = m.labels;
  const target = options.target ?? m.target;
  if (!target) throw new UnderstudyError("bad_option", messages.bench.noTarget());
  const rows = rowList(options.rows);
  if (rows.length === 0) throw new UnderstudyError("empty_input", messages.bench.noRows());
  const gold = rows.map((r, i) => {
    const v = r[target];
    if (isMissingCell(v)) throw new UnderstudyError("missing_values", messages.bench.missingGold(i, target));
    const label = String(v);
    if (!labels.includes(label)) {
      throw new UnderstudyError("bad_labels", messages.bench.unknownGold(i, label, labels));
    }
    return label;
  });
  const threshold = options.threshold ?? m.metrics.cascade?.threshold;
  if (threshold === undefined || Number.isNaN(threshold) || !(threshold >= 0)) {
    throw new UnderstudyError("bad_option", messages.bench.threshold(threshold));
  }
  const batchSize = options.batchSize ?? 1;
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new UnderstudyError("bad_option", messages.bench.wholeNumber("batchSize", batchSize));
  const concurrency = options.concurrency ?? 4;
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new UnderstudyError("bad_option", messages.bench.wholeNumber("concurrency", concurrency));
  const teacher = options.teacher ?? defaultTeacher();
  if (!teacher) {
    throw new UnderstudyError("no_teacher", messages.bench.noTeacher());
  }
  const total = rows.length * 2;
  const progress = (done: number, message: string) => options.onProgress?.({ phase: "benchmark", done, total, message });

  // Small model: predictions, confidences, and per-row latency.
  const classes = (u.classes ?? []).map(String);
  const small = u.predict(rows).map(String);
  const proba = u.predictProba(rows);
  const confidence = small.map((label, i) => proba[i][classes.indexOf(label)] ?? 0);
  const smallMs = timeSmallModel(u, rows, batchSize);
  progress(rows.length, `small model timed on ${rows.length} rows`);

  // LLM: one call per row, each timed on its own.
  const fields = [...m.text, ...m.features.filter((f) => !m.text.includes(f))];
  const before = { ...teacher.stats };
  const llm: (string | null)[] = rows.map(() => null);
  const llmMs = rows.map(() => NaN);
  const cached = rows.map(() => false);
  let unsure = 0;
  let failed = 0;
  let done = 0;
  await runPool(rows.map((_, i) => i), concurrency, async (i) => {
    const timed: Teacher = {
      get kind() { return teacher.kind; },
      get model() { return teacher.model; },
      get stats() { return teacher.stats; },
      async ask<T>(request: TeacherRequest<T>): Promise<TeacherResult<T>> {
        const start = performance.now();
        const answer = await teacher.ask(request);
        llmMs[i] = performance.now() - start;
        cached[i] = answer.ok && answer.cached;
        return answer;
      },
    };
    const r = await labelRows({ teacher: timed, task: m.task, labels, rows: [rows[i]], fields, batchSize: 1, concurrency: 1 });
    llm[i] = r.labels[0];
    unsure += r.unsure;
    failed += r.failures.length;
    progress(rows.length + ++done, `${done}/${rows.length} rows asked of ${teacher.model}`);
  });
  const after = teacher.stats;
  const paid = cached.filter((c) => !c).length;
  const costUSD = after.costUSD - before.costUSD;
  const llmCostPerRow = paid > 0 ? costUSD / paid : NaN;

  // Cascade, scored from the same answers.
  const toLLM = confidence.map((c) => !(c >= threshold));
  const cascade = small.map((s, i) => (toLLM[i] ? llm[i] ?? s : s));
  const cascadeMs = smallMs.map((s, i) => s + (toLLM[i] ? llmMs[i] : 0));

  const n = rows.length;
  const labelled = rows.map((_, i) => i).filter((i) => llm[i] !== null);
  const accuracy = (answers: (string | null)[]) => answers.filter((a, i) => a === gold[i]).length / n;
  const agreement = (answers: string[]) => (labelled.length ? labelled.filter((i) => answers[i] === llm[i]).length / labelled.length : NaN);
  const paidRows = rows.map((_, i) => i).filter((i) => !cached[i]);
  const llmLatency = latencySummary((paidRows.length ? paidRows : rows.map((_, i) => i)).map((i) => llmMs[i]));
  const smallLatency = latencySummary(smallMs);
  const cascadeLatency = latencySummary(cascadeMs);
  const shareToLLM = toLLM.filter(Boolean).length / n;
  const modelName = m.modelChoice?.candidates.find((c) => c.chosen)?.family;

  const row = (role: BenchmarkRow["role"], system: string, answers: (string | null)[], latency: ReturnType<typeof latencySummary>, cost: number, share: number): BenchmarkRow => ({
    system, role,
    accuracy: accuracy(answers),
    answered: answers.filter((a) => a !== null).length,
    agreementWithLLM: role === "llm" ? (labelled.length ? 1 : NaN) : agreement(answers as string[]),
    latencyP50Ms: latency.p50Ms, latencyP95Ms: latency.p95Ms, latencyMeanMs: latency.meanMs,
    costPer1000USD: cost, shareToLLM: share,
  });
  const systems = {
    llm: row("llm", `LLM (${teacher.model})`, llm, llmLatency, llmCostPerRow * 1000, 1),
    small: row("small", `Small model${modelName ? ` (${modelName})` : ""}`, small, smallLatency, 0, 0),
    cascade: row("cascade", cascadeName(threshold), cascade, cascadeLatency, llmCostPerRow * shareToLLM * 1000, shareToLLM),
  };

  const notes: string[] = [];
  const hits = n - paid;
  if (hits > 0) {
    notes.push(`${hits} of ${n} LLM answers came from the cache: left out of latency and cost${paid === 0 ? " (so no LLM latency or cost could be measured)" : ""}. Pass a teacher with cacheDir: false for a fair benchmark.`);
  }
  if (unsure + failed > 0) notes.push(`The LLM gave no label for ${unsure + failed} row(s) (${unsure} unsure, ${failed} failed): counted as wrong for the LLM; the cascade keeps the small model's answer there.`);
  if (costUSD === 0 && paid > 0) notes.push(`The LLM's calls cost $0: no price is known for ${teacher.model} (pass prices to openaiTeacher) or it is a free local server.`);
  notes.push("The small model's cost is taken as 0: it runs in-process, with no per-call charge.");

  return {
    task: m.task, labels: [...labels], n, teacherModel: teacher.model, threshold,
    systems, table: [systems.llm, systems.small, systems.cascade],
    llmCalls: {
      paid: after.teacherCalls - before.teacherCalls, cached: hits, unsure, failed,
      promptTokens: after.promptTokens - before.promptTokens, completionTokens: after.completionTokens - before.completionTokens, costUSD,
    },
    batchSize,
    perRow: rows.map((_, i) => ({ gold: gold[i], llm: llm[i], small: small[i], confidence: confidence[i], cascade: cascade[i], toLLM: toLLM[i], llmMs: llmMs[i], smallMs: smallMs[i], cached: cached[i] })),
    notes,
  };
}

/** Per-row latency of `predict` in ms: batches of `batchSize`, each repeated until MIN_TIMED_MS passed. */
function timeSmallModel(u: BenchmarkStudent, rows: Record<string, unknown>[], batchSize: number): number[] {
  const out: number[] = new Array(rows.length);
  u.predict(rows.slice(0, batchSize)); // warm-up: the first call pays for compilation
  for (let s = 0; s < rows.length; s += batchSize) {
    const batch = rows.slice(s, s + batchSize);
    let repeats = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      u.predict(batch);
      repeats++;
      elapsed = performance.now() - start;
    } while (elapsed < MIN_TIMED_MS && repeats < MAX_REPEATS);
    const perRow = elapsed / repeats / batch.length;
    for (let k = 0; k < batch.length; k++) out[s + k] = perRow;
  }
  return out;
}

function rowList(rows: TableInput): Record<string, unknown>[] {
  if (Array.isArray(rows)) {
    const bad = rows.findIndex((r) => r === null || typeof r !== "object" || Array.isArray(r));
    if (bad >= 0) throw new UnderstudyError("bad_input", messages.bench.rowNotObject(bad));
    return rows as Record<string, unknown>[];
  }
  return rowsOf(toTable(rows, { allowEmpty: true }));
}

function cascadeName(t: number): string {
  // Thresholds above 1 (distill stores Number.MAX_VALUE) mean no confidence met the target.
  return t <= 1 ? `Cascade (confidence ≥ ${t.toFixed(3)})` : "Cascade (no threshold meets the target: the LLM answers every row)";
}

/** Runs `work` over items with at most `limit` in flight. */
async function runPool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}
