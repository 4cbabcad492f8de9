/**
 * A progress event. Long work (labeling, fitting forests, cross-validation, reports) emits
 * these through an `onProgress` callback; the CLI draws bars from them.
 *
 * @example
 * const onProgress: ProgressCallback = (e) => console.log(`${e.phase} ${e.done}/${e.total ?? "?"}`);
 * await labelRows({ teacher, task: "Is this email spam?", labels: ["spam", "ham"], rows: emails, onProgress });
 */
export interface ProgressEvent {
  /** What is running, e.g. "label", "features", "fit", "evaluate", "report". */
  phase: string;
  /** Units finished so far. */
  done: number;
  /** Units in all, when known. */
  total?: number;
  /** One short human-readable line. */
  message?: string;
}

/** Receives {@link ProgressEvent}s; it should return quickly (it runs inside the work). */
export type ProgressCallback = (event: ProgressEvent) => void;
