import { setImmediate } from "node:timers";

/** A running per-call timeout: pass `signal` to the call, then `finish()` (true when the time ran out). */
export interface CallDeadline {
  signal: AbortSignal;
  finish(): boolean;
}

/**
 * A per-call timeout as an abort signal, counted in slices of at most 100 ms so that time this
 * process spent stalled (a busy event loop, a starved CPU) is not blamed on the server: a late
 * slice counts as two slices at most. When the time is up, the abort waits two more turns of
 * the event loop, so a reply that already arrived is read instead of being thrown away and
 * paid for again.
 *
 * @example
 * const deadline = callDeadline(60_000);
 * const reply = await fetch(url, { signal: deadline.signal });
 * const timedOut = deadline.finish();
 */
export function callDeadline(timeoutMs: number): CallDeadline {
  const controller = new AbortController();
  const slice = Math.min(100, timeoutMs);
  let state: "running" | "expired" | "finished" = "running";
  let counted = 0;
  let last = Date.now();
  const expire = () => {
    if (state !== "running") return;
    state = "expired";
    controller.abort();
  };
  const tick = () => {
    const now = Date.now();
    counted += Math.min(now - last, 2 * slice);
    last = now;
    if (counted >= timeoutMs) setImmediate(() => setImmediate(expire));
    else timer = setTimeout(tick, Math.min(slice, timeoutMs - counted));
  };
  let timer = setTimeout(tick, slice);
  return {
    signal: controller.signal,
    finish: () => {
      clearTimeout(timer);
      if (state === "running") state = "finished";
      return state === "expired";
    },
  };
}
