import type { ProgressEvent } from "../core/progress.ts";

/**
 * Draws progress events as one bar per phase on a terminal, or as plain lines (at most one
 * per phase per 10% step) when the output is not a terminal, so CI logs stay short.
 *
 * @example
 * const bar = progressBar(process.stderr);
 * await distill({ ..., onProgress: bar.update });
 * bar.done();
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): {
  update: (event: ProgressEvent) => void;
  done: () => void;
} {
  const tty = Boolean(stream.isTTY);
  let phase: string | undefined;
  let lastStep = -1;
  let drawn = false;
  const width = 28;

  const update = (event: ProgressEvent): void => {
    if (event.phase !== phase) {
      if (drawn && tty) stream.write("\n");
      phase = event.phase;
      lastStep = -1;
      drawn = false;
    }
    const fraction = event.total ? Math.min(1, event.done / event.total) : undefined;
    const counts = event.total ? `${event.done}/${event.total}` : `${event.done}`;
    const note = event.message ? ` ${event.message}` : "";
    if (tty) {
      const bar =
        fraction === undefined
          ? ""
          : `[${"#".repeat(Math.round(fraction * width)).padEnd(width, ".")}] `;
      stream.write(`\r\x1b[2K${event.phase.padEnd(9)} ${bar}${counts}${note}`.slice(0, (stream.columns || 100) + 8));
      drawn = true;
    } else {
      const step = fraction === undefined ? event.done : Math.floor(fraction * 10);
      if (step !== lastStep) {
        stream.write(`${event.phase}: ${counts}${note}\n`);
        lastStep = step;
      }
    }
  };
  const done = (): void => {
    if (drawn && tty) stream.write("\n");
    drawn = false;
    phase = undefined;
  };
  return { update, done };
}
