// A fit worker that dies after its third task (test of the pool's recovery): by then it has
// answered its first task, an out-of-bag forest that it kept and can no longer give back.
import { parentPort } from "node:worker_threads";

// The real worker first: its listener must be there before any message is delivered.
await import("../../../src/distill/fit-worker.ts");
let tasks = 0;
parentPort!.on("message", (m: { type: string }) => {
  if (m.type === "task" && ++tasks === 3) process.exit(1);
});
