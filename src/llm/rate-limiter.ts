/** Options of {@link RateLimiter}. */
export interface RateLimiterOptions {
  /** Most requests in flight at once (default 8). */
  concurrency?: number;
  /** Most requests started in any 60-second window (default: no limit). */
  requestsPerMinute?: number;
  /** Most tokens (prompt + expected completion) in any 60-second window (default: no limit). */
  tokensPerMinute?: number;
  /** Clock in ms, replaceable in tests (default `Date.now`). */
  now?: () => number;
  /** How to wait, replaceable in tests (default a `setTimeout` promise). */
  sleep?: (ms: number) => Promise<void>;
}

/** What {@link RateLimiter.acquire} hands back: call `release` once the request is over. */
export interface Permit {
  /** Frees the slot; `actualTokens` (from the reply's usage) replaces the estimate in the window. */
  release(actualTokens?: number): void;
}

const WINDOW_MS = 60_000;

/**
 * Keeps a client within a server's limits: a concurrency cap plus sliding 60-second windows
 * for requests and tokens per minute. Token counts are estimated before a call and corrected
 * from the reply's usage after it. A request larger than the whole token budget still runs,
 * alone in an empty window, rather than waiting forever. Waiters are served in arrival order.
 *
 * @example
 * const limiter = new RateLimiter({ concurrency: 4, requestsPerMinute: 500, tokensPerMinute: 200_000 });
 * const permit = await limiter.acquire(350);
 * try { await callTheServer(); } finally { permit.release(usage.total_tokens); }
 */
export class RateLimiter {
  private readonly concurrency: number;
  private readonly rpm: number;
  private readonly tpm: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private active = 0;
  private readonly window: { at: number; tokens: number }[] = [];
  private queue: Promise<void> = Promise.resolve();
  private readonly slotWaiters: (() => void)[] = [];

  constructor(options: RateLimiterOptions = {}) {
    this.concurrency = options.concurrency ?? 8;
    this.rpm = options.requestsPerMinute ?? Infinity;
    this.tpm = options.tokensPerMinute ?? Infinity;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Waits until a request of about `estimatedTokens` tokens may start. */
  acquire(estimatedTokens = 0): Promise<Permit> {
    // One acquire at a time passes the gate, so arrival order is kept.
    const turn = this.queue.then(() => this.admit(estimatedTokens));
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  private async admit(estimatedTokens: number): Promise<Permit> {
    while (this.active >= this.concurrency) await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    for (;;) {
      const now = this.now();
      while (this.window.length > 0 && this.window[0].at <= now - WINDOW_MS) this.window.shift();
      const tokens = this.window.reduce((sum, e) => sum + e.tokens, 0);
      const requestsOk = this.window.length < this.rpm;
      const tokensOk = this.window.length === 0 || tokens + estimatedTokens <= this.tpm;
      if (requestsOk && tokensOk) break;
      await this.sleep(Math.max(1, this.window[0].at + WINDOW_MS - now));
    }
    const entry = { at: this.now(), tokens: estimatedTokens };
    if (Number.isFinite(this.rpm) || Number.isFinite(this.tpm)) this.window.push(entry);
    this.active++;
    let released = false;
    return {
      release: (actualTokens?: number) => {
        if (released) return;
        released = true;
        if (actualTokens !== undefined && Number.isFinite(actualTokens)) entry.tokens = actualTokens;
        this.active--;
        this.slotWaiters.shift()?.();
      },
    };
  }
}
