import { logger } from "../core/logger.ts";
import type { ProgressCallback } from "../core/progress.ts";

/** What every stage of a distill run may report: progress for bars, warnings for the bundle and the log. */
export interface RunEvents {
  progress(phase: string, done: number, total: number, message?: string): void;
  /** Records a warning in the bundle (`metadata.warnings`) and logs it. */
  warn(message: string): void;
  /** Every warning so far, in order. */
  readonly warnings: readonly string[];
}

/**
 * The events of one run: progress goes to `onProgress`, warnings to the logger and the list.
 *
 * @example
 * const events = runEvents((e) => console.log(e.phase, e.done, e.total));
 * events.progress("load", 0, 1, "reading the data");
 * events.warn("3 row(s) have no gold label"); events.warnings; // ["3 row(s) have no gold label"]
 */
export function runEvents(onProgress: ProgressCallback | undefined): RunEvents {
  const warnings: string[] = [];
  return {
    progress: (phase, done, total, message) => onProgress?.({ phase, done, total, ...(message ? { message } : {}) }),
    warn: (message) => { warnings.push(message); logger().warn(message); },
    warnings,
  };
}
