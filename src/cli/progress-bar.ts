import type { ProgressEvent } from "../core/progress.ts";

/**
 * Draws progress events once per step: on a terminal, one bar per phase redrawn in place
 * (only when what it shows changes); elsewhere (CI logs, files), one plain line each time the
 * phase or its whole percent changes, so identical lines never repeat.
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
  const width = 28;
  let phase: string | undefined;
  let shown: string | undefined;
  let drawn = false;

  const update = (event: ProgressEvent): void => {
    if (event.phase !== phase) {
      if (drawn && tty) stream.write("\n");
      phase = event.phase;
      shown = undefined;
      drawn = false;
    }
    const percent = event.total ? Math.floor(Math.min(1, event.done / event.total) * 100) : undefined;
    // What identifies a step: the whole percent (or the count when there is no total).
    const step = percent === undefined ? `${event.done}` : `${percent}%`;
    const counts = event.total ? `${event.done}/${event.total}` : `${event.done}`;
    const note = event.message ? ` ${event.message}` : "";
    if (tty) {
      const bar = percent === undefined ? "" : `[${"#".repeat(Math.round((percent / 100) * width)).padEnd(width, ".")}] `;
      const line = `${event.phase.padEnd(9)} ${bar}${counts}${note}`.slice(0, (stream.columns || 100) - 1);
      if (line === shown) return;
      stream.write(`\r\x1b[2K${line}`);
      shown = line;
      drawn = true;
    } else if (step !== shown) {
      stream.write(`${event.phase}: ${percent === undefined ? counts : `${step} (${counts})`}${note}\n`);
      shown = step;
    }
  };
  const done = (): void => {
    if (drawn && tty) stream.write("\n");
    drawn = false;
    phase = undefined;
    shown = undefined;
  };
  return { update, done };
}
