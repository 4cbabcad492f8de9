// Worker-thread entry of the model choice's fit pool (see fit-pool.ts): receives matrices once
// and tasks that refer to them, runs each task with the same code as the main thread, and posts
// the result back. Out-of-bag forests stay here until the pool takes the winner (as its JSON,
// which restores it exactly) and forgets the rest: only one of a family's forests is ever kept.
import { parentPort } from "node:worker_threads";
import { setLogger } from "../core/logger.ts";
import { Matrix } from "../data/matrix.ts";
import type { Estimator, Label } from "../models/estimator.ts";
import type { PoolMessage, WorkerReply } from "./fit-pool.ts";
import { runFitTask, type FitTask } from "./fit-task.ts";

// Solver warnings inside the search are summarized by fitCandidates from each result's `converged`.
setLogger({ warn: () => {} });
const matrices = new Map<number, Matrix>();
const forests = new Map<number, Estimator<Label>>();
const port = parentPort!;
const reply = (m: WorkerReply) => port.postMessage(m);

port.on("message", (m: PoolMessage) => {
  if (m.type === "matrix") {
    matrices.set(m.id, new Matrix(m.data, m.nRows, m.nCols, m.featureNames, m.origins));
  } else if (m.type === "forget") {
    forests.clear();
  } else if (m.type === "take") {
    const forest = forests.get(m.id);
    forests.clear();
    reply(forest ? { id: m.id, json: forest.toJSON() } : { id: m.id, failed: "no such forest" });
  } else {
    try {
      const result = runFitTask({ ...m.task, X: m.matrices.map((id) => matrices.get(id)!) } as FitTask);
      if (result.type === "oob") forests.set(m.id, result.model);
      reply({ id: m.id, result: result.type === "oob" ? { type: "oob", score: result.score } : result });
    } catch (e) {
      // The main thread reruns the task, so the error reaches the caller as it would without workers.
      reply({ id: m.id, failed: String(e) });
    }
  }
});
