/** Headers as the fetch API or a plain object carries them. */
export type HeaderSource = { get(name: string): string | null } | Record<string, string | undefined> | undefined;

/** Options of {@link retryDelayMs}. */
export interface BackoffOptions {
  /** First backoff in ms (default 500); doubles each attempt. */
  baseMs?: number;
  /** Longest backoff in ms (default 30 000). Retry-After from the server is honoured up to 10 minutes. */
  maxMs?: number;
  /** A number in [0, 1) for the jitter (default Math.random()). */
  random?: number;
  /** The current time in ms, to read HTTP-date Retry-After values (default Date.now()). */
  now?: number;
}

const MAX_RETRY_AFTER_MS = 600_000;

/**
 * How long to wait before retry number `attempt` (0-based). The server's word comes first:
 * `retry-after-ms`, then `Retry-After` in seconds or as an HTTP date. Otherwise exponential
 * backoff with "equal jitter": half of base·2^attempt (capped at maxMs) plus a random part of
 * the other half, so many clients that failed together do not retry together.
 *
 * @example
 * retryDelayMs(new Headers({ "retry-after": "2" }), 0);     // 2000
 * retryDelayMs(undefined, 3, { baseMs: 100, random: 0.5 });  // 600 (800 · (0.5 + 0.5 · 0.5))
 */
export function retryDelayMs(headers: HeaderSource, attempt: number, options: BackoffOptions = {}): number {
  const fromServer = retryAfterMs(headers, options.now ?? Date.now());
  if (fromServer !== undefined) return Math.min(fromServer, MAX_RETRY_AFTER_MS);
  const { baseMs = 500, maxMs = 30_000, random = Math.random() } = options;
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return ceiling * (0.5 + 0.5 * random);
}

function retryAfterMs(headers: HeaderSource, now: number): number | undefined {
  const ms = header(headers, "retry-after-ms");
  if (ms !== undefined && ms.trim() !== "" && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const value = header(headers, "retry-after");
  if (value === undefined || value.trim() === "") return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof headers.get === "function") return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  const record = headers as Record<string, string | undefined>;
  const found = Object.keys(record).find((k) => k.toLowerCase() === name);
  return found === undefined ? undefined : record[found];
}
