import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/llm/rate-limiter.ts";

/** A fake clock: sleeping advances time instantly and records how long was slept. */
function fakeClock() {
  const clock = { t: 0, slept: [] as number[] };
  return {
    clock,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.slept.push(ms);
      clock.t += ms;
    },
  };
}

describe("RateLimiter", () => {
  it("starts at most requestsPerMinute requests in any 60-second window", async () => {
    const { clock, now, sleep } = fakeClock();
    const limiter = new RateLimiter({ requestsPerMinute: 2, now, sleep });
    const starts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const permit = await limiter.acquire();
      starts.push(clock.t);
      clock.t += 1_000; // each request takes a second
      permit.release();
    }
    // 0 and 1 s; the third waits until the first leaves the window (60 s), etc.
    expect(starts).toEqual([0, 1_000, 60_000, 61_000, 120_000]);
  });

  it("keeps tokens within tokensPerMinute, corrected by actual usage", async () => {
    const { clock, now, sleep } = fakeClock();
    const limiter = new RateLimiter({ tokensPerMinute: 1_000, now, sleep });
    (await limiter.acquire(600)).release(100); // the estimate was high: only 100 count
    (await limiter.acquire(600)).release(600);
    expect(clock.t).toBe(0); // 100 + 600 <= 1000
    const third = await limiter.acquire(600); // 700 + 600 > 1000: waits for the window to drain
    expect(clock.t).toBe(60_000);
    third.release();
    // one request bigger than the whole budget still runs alone
    clock.t += 60_000;
    await limiter.acquire(5_000);
    expect(clock.t).toBe(120_000);
  });

  it("never lets more than `concurrency` permits out at once", async () => {
    const limiter = new RateLimiter({ concurrency: 2 });
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        const permit = await limiter.acquire();
        active++;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 1));
        active--;
        permit.release();
      }),
    );
    expect(peak).toBe(2);
  });
});
