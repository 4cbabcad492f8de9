import { describe, expect, it } from "vitest";
import { retryDelayMs } from "../../src/llm/retry-delay.ts";

describe("retryDelayMs", () => {
  it("honours retry-after-ms, then Retry-After in seconds or as an HTTP date", () => {
    expect(retryDelayMs(new Headers({ "retry-after-ms": "250", "retry-after": "9" }), 0)).toBe(250);
    expect(retryDelayMs(new Headers({ "retry-after": "2" }), 5)).toBe(2000);
    expect(retryDelayMs({ "Retry-After": "1.5" }, 0)).toBe(1500);
    const now = Date.parse("Wed, 21 Oct 2026 07:28:00 GMT");
    expect(retryDelayMs(new Headers({ "retry-after": "Wed, 21 Oct 2026 07:28:03 GMT" }), 0, { now })).toBe(3000);
    expect(retryDelayMs(new Headers({ "retry-after": "Wed, 21 Oct 2026 07:27:00 GMT" }), 0, { now })).toBe(0);
    expect(retryDelayMs(new Headers({ "retry-after": "99999" }), 0)).toBe(600_000); // capped at 10 minutes
  });

  it("backs off exponentially with equal jitter when the server gives no hint", () => {
    // attempt 3, base 100: ceiling 800; jitter keeps it in [400, 800)
    expect(retryDelayMs(undefined, 3, { baseMs: 100, random: 0 })).toBe(400);
    expect(retryDelayMs(undefined, 3, { baseMs: 100, random: 0.5 })).toBe(600);
    expect(retryDelayMs(new Headers({ "retry-after": "soon" }), 0, { baseMs: 100, random: 0 })).toBe(50);
    expect(retryDelayMs(undefined, 20, { baseMs: 100, maxMs: 1000, random: 0.999 })).toBeCloseTo(999.5, 6);
  });
});
