import { availableParallelism } from "node:os";
import { setImmediate } from "node:timers";
import type { Worker } from "node:worker_threads";
import { logger, setLogger } from "../core/logger.ts";
import type { FeatureOrigin, Matrix } from "../data/matrix.ts";
import type { Estimator, Label, ModelJSON } from "../models/estimator.ts";
import { loadModel } from "../models/load-model.ts";
import { runFitTask, type FitResult, type FitTask, type OutOfBagResult } from "./fit-task.ts";

/** A task as it travels: its matrices named by id (a worker receives each matrix once). */
type TaskData = FitTask extends infer T ? (T extends FitTask ? Omit<T, "X"> : never) : never;

/**
 * What the pool posts to a worker: a matrix, a task, or, for out-of-bag forests (kept in the
 * worker that fitted them), "take" the winner or "forget" them.
 */
export type PoolMessage =
  | { type: "matrix"; id: number; data: Float64Array; nRows: number; nCols: number; featureNames: string[]; origins?: FeatureOrigin[] }
  | { type: "task"; id: number; task: TaskData; matrices: number[] }
  | { type: "take"; id: number }
  | { type: "forget" };

/** What a worker posts back: a result (an out-of-bag forest's score alone), a forest's JSON, or that the task threw. */
export type WorkerReply =
  | { id: number; result: Exclude<FitResult, OutOfBagResult> | { type: "oob"; score: number } }
  | { id: number; json: ModelJSON }
  | { id: number; failed: string };

/** An out-of-bag forest's score; the forest itself only when asked (it may be in a worker). */
export interface PooledForest {
  type: "oob";
  score: number;
  model(): Promise<Estimator<Label>>;
}

/** A task's result from whichever thread ran it. */
export type PooledResult = Exclude<FitResult, OutOfBagResult> | PooledForest;

interface Queued {
  task: FitTask;
  cost: number;
  /** A task that threw in a worker runs on the main thread, where its error reaches the caller. */
  mainOnly: boolean;
  resolve: (r: PooledResult) => void;
  reject: (e: unknown) => void;
}

/** A forest asked of the worker that kept it. */
interface Taking {
  /** The out-of-bag task that fitted it: the main thread reruns it if the worker cannot give it back. */
  task: FitTask;
  resolve: (model: Estimator<Label>) => void;
  reject: (e: unknown) => void;
}

interface Thread {
  worker: Worker;
  sent: Set<number>;
  running: Map<number, Queued>;
  /** Forests asked for ("take"), by task id. */
  taking: Map<number, Taking>;
}

/**
 * Tasks a worker holds at least: the one it runs and the next. A worker's finished task is
 * answered only when the main thread is between fits, so before the main thread starts one
 * each worker is also given queued work of at least that fit's cost: it never waits idle.
 */
const WORKER_DEPTH = 2;
/** More threads than this gain little on the choice's ~100 tasks (the longest, 9 forests, bound it). */
const MAX_WORKERS = 7;

/**
 * Runs the model choice's independent fits (`FitTask`s) on the main thread and on worker
 * threads, longest first. Each result depends only on its task, never on the thread or the
 * order, so the choice is the same with any number of workers. Workers that cannot start or
 * that crash hand their tasks back to the main thread (one warning through the logger).
 *
 * @example
 * const pool = await FitPool.open(1);
 * try {
 *   const done = Promise.all(tasks.map((t) => pool.run(t, 1)));
 *   const results = await pool.drive(done);
 * } finally {
 *   await pool.close();
 * }
 */
export class FitPool {
  private readonly queue: Queued[] = [];
  private readonly threads: Thread[] = [];
  private readonly matrixIds = new WeakMap<Matrix, number>();
  private nextId = 0;
  private wake: (() => void) | undefined;
  private warned = false;

  /** `mainThreadFits: false` leaves every fit to the workers while any is alive (for tests of the worker path). */
  private constructor(private readonly mainThreadFits: boolean) {}

  /**
   * Worker threads for the model choice: one per spare core (`availableParallelism() − 1`, at
   * most 7), so that with the main thread every core fits; none on a one-core machine.
   *
   * @example
   * const pool = await FitPool.open(FitPool.defaultWorkers());
   */
  static defaultWorkers(): number {
    return Math.max(0, Math.min(MAX_WORKERS, availableParallelism() - 1));
  }

  /**
   * A pool with `workers` worker threads (0: everything on the main thread). Never throws: a
   * runtime without worker threads gets a pool without them, and says so once. `entry`
   * replaces the worker script (tests: one that cannot start).
   *
   * @example
   * const sequential = await FitPool.open(0);
   */
  static async open(workers: number, options: { mainThreadFits?: boolean; entry?: URL } = {}): Promise<FitPool> {
    const pool = new FitPool(options.mainThreadFits ?? true);
    if (workers <= 0) return pool;
    try {
      const { Worker } = await import("node:worker_threads");
      const { entry, options: workerOptions } = await workerEntry(options.entry);
      for (let k = 0; k < workers; k++) pool.start(new Worker(entry, workerOptions));
    } catch (e) {
      pool.fallBack(e);
    }
    return pool;
  }

  /**
   * Queues a task; `cost` orders the queue (largest first). Settles while `drive` runs.
   *
   * @example
   * const result = pool.run({ type: "fold", family, settings: { C: 1 }, X: [train, test], y }, 8000);
   */
  run(task: FitTask, cost: number): Promise<PooledResult> {
    return new Promise((resolve, reject) => this.enqueue({ task, cost, mainOnly: false, resolve, reject }));
  }

  /**
   * Lets the main thread fit queued tasks until `until` settles, giving the workers their
   * messages between fits. Returns what `until` gives.
   *
   * @example
   * const [a, b] = await pool.drive(Promise.all([pool.run(taskA, 2), pool.run(taskB, 1)]));
   */
  async drive<T>(until: Promise<T>): Promise<T> {
    let settled = false;
    const watched = until.finally(() => { settled = true; this.poke(); });
    watched.catch(() => {});
    while (!settled) {
      const q = this.nextForMain();
      if (q) {
        this.pump(Number.isFinite(q.cost) ? q.cost : 0);
        runHere(q);
        await new Promise((r) => setImmediate(r));
      } else {
        await new Promise<void>((r) => (this.wake = r));
      }
    }
    return watched;
  }

  /**
   * Ends the workers (queued tasks are abandoned).
   *
   * @example
   * await pool.close();
   */
  async close(): Promise<void> {
    const threads = this.threads.splice(0);
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  private enqueue(q: Queued): void {
    // Longest first: the longest tasks bound the wall time, so they must not start last.
    let at = this.queue.length;
    while (at > 0 && (this.queue[at - 1].cost < q.cost)) at--;
    this.queue.splice(at, 0, q);
    this.pump();
    this.poke();
  }

  private nextForMain(): Queued | undefined {
    const any = this.mainThreadFits || this.threads.length === 0;
    const at = this.queue.findIndex((q) => any || q.mainOnly);
    return at < 0 ? undefined : this.queue.splice(at, 1)[0];
  }

  private poke(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private start(worker: Worker): void {
    const thread: Thread = { worker, sent: new Set(), running: new Map(), taking: new Map() };
    this.threads.push(thread);
    worker.on("message", (m: WorkerReply) => this.receive(thread, m));
    worker.on("error", (e) => this.lose(thread, e));
    worker.on("exit", () => this.lose(thread, new Error("the worker exited")));
  }

  /** Sends queued tasks to workers, longest first, until each holds WORKER_DEPTH tasks and, beyond the one it runs, `reserve` of cost. */
  private pump(reserve = 0): void {
    for (const t of this.threads) {
      while (t.running.size < WORKER_DEPTH || waiting(t) < reserve) {
        const at = this.queue.findIndex((q) => !q.mainOnly);
        if (at < 0) return;
        this.send(t, this.queue.splice(at, 1)[0]);
      }
    }
  }

  private send(t: Thread, q: Queued): void {
    const id = this.nextId++;
    const ids = q.task.X.map((m) => this.matrixId(t, m));
    const { X: _, ...task } = q.task;
    t.running.set(id, q);
    t.worker.postMessage({ type: "task", id, task, matrices: ids } satisfies PoolMessage);
  }

  /** A matrix's id, posting it to the worker the first time that worker needs it (a copy: the main thread keeps using it). */
  private matrixId(t: Thread, m: Matrix): number {
    let id = this.matrixIds.get(m);
    if (id === undefined) this.matrixIds.set(m, (id = this.nextId++));
    if (!t.sent.has(id)) {
      t.worker.postMessage({ type: "matrix", id, data: m.data, nRows: m.nRows, nCols: m.nCols, featureNames: m.featureNames, ...(m.origins ? { origins: m.origins } : {}) } satisfies PoolMessage);
      t.sent.add(id);
    }
    return id;
  }

  private receive(t: Thread, m: WorkerReply): void {
    const taking = t.taking.get(m.id);
    if (taking) {
      t.taking.delete(m.id);
      const model = "json" in m ? restored(m.json) : undefined;
      if (model) taking.resolve(model);
      else this.refitHere(taking);
      return;
    }
    const q = t.running.get(m.id);
    if (!q) return;
    t.running.delete(m.id);
    if ("failed" in m || "json" in m) this.enqueue({ ...q, mainOnly: true });
    else if (m.result.type === "oob") q.resolve({ type: "oob", score: m.result.score, model: () => this.take(t, m.id, q) });
    else q.resolve(m.result);
    this.pump();
    this.poke();
  }

  /**
   * The forest a worker kept, as its JSON restored here; the workers forget the others. If the
   * worker is gone or the forest cannot be restored (over the JSON caps), the main thread fits
   * it again: the same seed gives the same forest.
   */
  private take(t: Thread, id: number, q: Queued): Promise<Estimator<Label>> {
    return new Promise((resolve, reject) => {
      const taking: Taking = { task: q.task, resolve, reject };
      if (!this.threads.includes(t)) return this.refitHere(taking);
      t.taking.set(id, taking);
      t.worker.postMessage({ type: "take", id } satisfies PoolMessage);
      for (const other of this.threads) if (other !== t) other.worker.postMessage({ type: "forget" } satisfies PoolMessage);
    });
  }

  /** Fits a forest again on the main thread, first in line (it is awaited now). */
  private refitHere(taking: Taking): void {
    const resolve = (r: PooledResult) => (r as PooledForest).model().then(taking.resolve, taking.reject);
    this.enqueue({ task: taking.task, cost: Infinity, mainOnly: true, resolve, reject: taking.reject });
  }

  /** A worker that failed to start or died: its tasks go back to the queue, and the main thread fits from now on. */
  private lose(t: Thread, e: unknown): void {
    const at = this.threads.indexOf(t);
    if (at < 0) return;
    this.threads.splice(at, 1);
    void t.worker.terminate();
    for (const q of t.running.values()) this.enqueue(q);
    for (const taking of t.taking.values()) this.refitHere(taking);
    this.fallBack(e);
    this.poke();
  }

  private fallBack(e: unknown): void {
    if (this.warned) return;
    this.warned = true;
    logger().warn(`the model choice fits on the main thread alone: a worker thread could not run (${e instanceof Error ? e.message : String(e)}).`);
  }
}

/** The cost of the tasks a worker holds beyond the one it runs (the oldest). */
function waiting(t: Thread): number {
  let cost = 0;
  let first = true;
  for (const q of t.running.values()) {
    if (!first) cost += q.cost;
    first = false;
  }
  return cost;
}

/** Runs a task on the main thread, its solver warnings silenced (fitCandidates summarizes them). */
function runHere(q: Queued): void {
  const previous = setLogger({ warn: () => {} });
  try {
    const r = runFitTask(q.task);
    q.resolve(r.type === "oob" ? { type: "oob", score: r.score, model: () => Promise.resolve(r.model) } : r);
  } catch (e) {
    q.reject(e);
  } finally {
    setLogger(previous);
  }
}

/** A forest from a worker's JSON, or undefined when it cannot be restored (the main thread then refits it). */
function restored(json: ModelJSON): Estimator<Label> | undefined {
  try {
    return loadModel(json);
  } catch {
    return undefined;
  }
}

/**
 * The worker's entry and options. Compiled (dist/*.js) and under Deno (which runs TypeScript)
 * the entry file runs as is. From TypeScript sources under Node (tsx, vitest) the worker
 * first installs tsx: Node 20 does not pass its parent's module hooks to a worker.
 */
async function workerEntry(given?: URL): Promise<{ entry: URL | string; options: { eval?: boolean } }> {
  const source = import.meta.url.endsWith(".ts");
  const entry = given ?? new URL(source ? "./fit-worker.ts" : "./fit-worker.js", import.meta.url);
  if (!source || typeof (globalThis as { Deno?: unknown }).Deno !== "undefined") return { entry, options: {} };
  const { createRequire } = await import("node:module");
  const { pathToFileURL } = await import("node:url");
  // The ESM build of tsx's API (require.resolve finds its CommonJS twin next to it).
  const api = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href;
  const code = `import(${JSON.stringify(api)}).then(({ tsImport }) => tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)}));`;
  return { entry: code, options: { eval: true } };
}
