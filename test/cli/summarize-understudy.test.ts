import { describe, expect, it } from "vitest";
import { summarizeUnderstudy } from "../../src/cli/summarize-understudy.ts";
import type { Understudy } from "../../src/understudy/understudy.ts";

/** Just the figures summarizeUnderstudy reads, for an LLM-taught classifier. */
function taught(stats: { teacherCalls: number; cacheHits: number; costUSD: number }): Understudy {
  const metadata = {
    kind: "classification",
    modelChoice: { reason: "decision tree (depth ≤ 3) was the only candidate" },
    teacher: { kind: "llm" },
    metrics: { vsTeacher: { agreement: 0.9, n: 40 } },
    stats,
  };
  return { metadata } as unknown as Understudy;
}

describe("summarizeUnderstudy cost line", () => {
  it("gives dollars only where something was paid at a known price", () => {
    expect(summarizeUnderstudy(taught({ teacherCalls: 12, cacheHits: 3, costUSD: 0.0123 })).at(-1)).toBe("Teacher: 12 paid calls, $0.0123, 3 cache hits");
    expect(summarizeUnderstudy(taught({ teacherCalls: 12, cacheHits: 3, costUSD: 0 })).at(-1)).toBe("Teacher: 12 paid calls, 3 cache hits");
    expect(summarizeUnderstudy(taught({ teacherCalls: 0, cacheHits: 15, costUSD: 0 })).at(-1)).toBe("Teacher: no paid calls (15 answers from the cache)");
  });
});
