import { describe, expect, it } from "vitest";
import { BudgetLedger } from "../../src/llm/budget-ledger.ts";
import { createTeacherStats } from "../../src/llm/teacher-stats.ts";

const usage = { promptTokens: 100, completionTokens: 10 };

describe("BudgetLedger", () => {
  it("counts calls in flight against maxCalls, and frees a failed call's place", () => {
    const stats = createTeacherStats();
    const ledger = new BudgetLedger(stats, { maxCalls: 2 });
    const a = ledger.reserve(0);
    const b = ledger.reserve(0);
    expect([a.ok, b.ok]).toEqual([true, true]);
    expect(ledger.reserve(0)).toEqual({ ok: false, cap: "budget.maxCalls = 2" }); // two in flight fill the cap
    if (!a.ok || !b.ok) return;
    ledger.release(b.reservation); // b failed: nothing paid
    ledger.release(b.reservation); // releasing twice changes nothing
    ledger.settle(a.reservation, "label", usage, 0.01); // a was answered
    expect(stats).toMatchObject({ teacherCalls: 1, promptTokens: 100, completionTokens: 10, costUSD: 0.01 });
    expect(stats.byPurpose.label.teacherCalls).toBe(1);
    const c = ledger.reserve(0); // 1 paid + 0 in flight < 2
    expect(c.ok).toBe(true);
    if (c.ok) ledger.settle(c.reservation, "label", usage, 0.01);
    expect(ledger.reserve(0)).toEqual({ ok: false, cap: "budget.maxCalls = 2" });
  });

  it("stops before a call whose estimate would take spent + reserved past maxUSD", () => {
    const stats = createTeacherStats();
    const ledger = new BudgetLedger(stats, { maxUSD: 1 });
    const a = ledger.reserve(0.4);
    expect(a.ok).toBe(true);
    expect(ledger.reserve(0.4).ok).toBe(true); // 0.8 reserved
    expect(ledger.reserve(0.3)).toEqual({ ok: false, cap: "budget.maxUSD = 1" }); // 1.1 > 1
    if (a.ok) ledger.settle(a.reservation, undefined, usage, 0.1); // cost less than its estimate
    expect(ledger.reserve(0.3).ok).toBe(true); // 0.1 spent + 0.4 + 0.3 reserved = 0.8
  });

  it("once stopped stays stopped until the budget is replaced; stop waits for every call in flight", async () => {
    const stats = createTeacherStats();
    const ledger = new BudgetLedger(stats, { maxCalls: 5 });
    let landed = false;
    const call = ledger.track(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      landed = true;
    });
    await ledger.stop("budget.maxCalls = 5");
    expect(landed).toBe(true);
    await call;
    expect(ledger.reserve(0)).toEqual({ ok: false, cap: "budget.maxCalls = 5" }); // under the cap, but stopped
    ledger.budget = { maxCalls: 5 };
    expect(ledger.reserve(0).ok).toBe(true);
  });
});
