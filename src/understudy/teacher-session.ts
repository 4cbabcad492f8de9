import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { Budget } from "../llm/openai-teacher.ts";
import type { PurposeStats, Teacher, TeacherFailure, TeacherRequest, TeacherResult, TeacherStats } from "../llm/teacher.ts";

/** What one distill run spent on its teacher (deltas over the run, not the teacher's lifetime totals). */
export interface SessionSpend extends PurposeStats {
  byPurpose: Record<string, PurposeStats>;
}

const FIELDS = ["teacherCalls", "cacheHits", "failures", "promptTokens", "completionTokens", "costUSD"] as const;

/**
 * One distill run's view of a teacher: enforces the run's budget and turns "budget spent"
 * into an ordinary failed answer, so that batch helpers (labelRows, answerConcepts) finish and
 * keep every answer already paid for. The first budget error is kept in `budgetError` for
 * distill to decide whether the labels obtained are enough.
 *
 * An LLM teacher with a settable `budget` (openaiTeacher) enforces the cap itself (exactly,
 * counting calls in flight): its budget is set to the run's cap on top of what it had spent
 * before, and put back by `close()`. A replay answers only from its cache, so it pays for
 * nothing and is never capped: a replay asks exactly what the live run asked, whatever the
 * concurrency. Other teachers are capped here, counting calls in flight as spent.
 * Every budget stop is a failure with `code: "budget_exceeded"`, so callers never read its text.
 *
 * @example
 * const session = new TeacherSession(teacher, { maxCalls: 100 });
 * await labelRows({ teacher: session.teacher, ... });
 * session.close(); session.spend().teacherCalls; session.budgetError;
 */
export class TeacherSession {
  readonly teacher: Teacher;
  budgetError: UnderstudyError | undefined;
  private readonly start: TeacherStats;
  private readonly restore: (() => void) | undefined;
  /** An LLM teacher that enforces budgets itself and answers from its cache after the cap. */
  private readonly native: boolean;
  /** A replay: every answer is a free cache hit, so no cap applies. */
  private readonly free: boolean;

  constructor(readonly inner: Teacher, budget: Budget | undefined) {
    this.start = snapshot(inner.stats);
    const settable = inner as Teacher & { budget?: Budget };
    this.native = inner.kind === "llm" && "budget" in settable;
    this.free = inner.kind === "replay";
    const native = this.native;
    if (native && budget !== undefined) {
      const previous = settable.budget;
      // The run's caps on top of what was spent before; a cap the teacher already had stays if it is stricter.
      const stricter = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.min(a, b));
      const maxCalls = stricter(previous?.maxCalls, budget.maxCalls === undefined ? undefined : this.start.teacherCalls + budget.maxCalls);
      const maxUSD = stricter(previous?.maxUSD, budget.maxUSD === undefined ? undefined : this.start.costUSD + budget.maxUSD);
      settable.budget = { ...(maxCalls !== undefined ? { maxCalls } : {}), ...(maxUSD !== undefined ? { maxUSD } : {}) };
      this.restore = () => { settable.budget = previous; };
    } else if (budget !== undefined) {
      checkBudget(budget);
    }
    const budgetStop = (): TeacherFailure => ({ ok: false, code: "budget_exceeded", reason: this.budgetError!.message, key: "budget" });
    // Calls this run let through (answered or failed, cache hits excluded) and calls still out.
    let paid = 0;
    let inFlight = 0;
    const own = native || this.free ? undefined : budget;
    const session = this;
    this.teacher = {
      get kind() { return inner.kind; },
      get replays() { return inner.replays; },
      get model() { return inner.model; },
      get stats() { return inner.stats; },
      async ask<T>(request: TeacherRequest<T>): Promise<TeacherResult<T>> {
        // An OpenAI teacher still answers from its cache after the cap (free), so only other teachers are cut off here.
        if (own && session.budgetError) return budgetStop();
        if (own) {
          const spent = session.spend();
          const cap = own.maxCalls !== undefined && paid + inFlight >= own.maxCalls
            ? `budget.maxCalls = ${own.maxCalls}`
            : own.maxUSD !== undefined && spent.costUSD >= own.maxUSD ? `budget.maxUSD = ${own.maxUSD}` : undefined;
          if (cap) {
            session.budgetError = new UnderstudyError("budget_exceeded", messages.distill.budgetSpent(cap, paid + inFlight, spent.costUSD));
            return budgetStop();
          }
        }
        inFlight++;
        let cached = false;
        try {
          const result = await inner.ask(request);
          cached = result.ok && result.cached;
          return result;
        } catch (error) {
          if (error instanceof UnderstudyError && error.code === "budget_exceeded") {
            session.budgetError ??= error;
            return budgetStop();
          }
          throw error;
        } finally {
          inFlight--;
          if (!cached) paid++;
        }
      },
    };
  }

  /** True once the budget is spent and nothing more can be answered (an OpenAI teacher can still answer from its cache). */
  get stopped(): boolean {
    return this.budgetError !== undefined && !this.native;
  }

  /** What this run spent so far. */
  spend(): SessionSpend {
    const now = this.inner.stats;
    const out = Object.fromEntries(FIELDS.map((f) => [f, now[f] - this.start[f]])) as Omit<SessionSpend, "byPurpose">;
    const byPurpose: Record<string, PurposeStats> = {};
    for (const [purpose, s] of Object.entries(now.byPurpose ?? {})) {
      const before = this.start.byPurpose?.[purpose];
      const delta = Object.fromEntries(FIELDS.map((f) => [f, s[f] - (before?.[f] ?? 0)])) as unknown as PurposeStats;
      if (FIELDS.some((f) => delta[f] !== 0)) byPurpose[purpose] = delta;
    }
    return { ...out, byPurpose };
  }

  /** Puts back the teacher's own budget. */
  close(): void {
    this.restore?.();
  }
}

function snapshot(stats: TeacherStats): TeacherStats {
  return { ...stats, byPurpose: structuredClone(stats.byPurpose ?? {}) };
}

function checkBudget(budget: Budget): void {
  const { maxCalls, maxUSD } = budget;
  if (maxCalls !== undefined && !(Number.isInteger(maxCalls) && maxCalls >= 0)) {
    throw new UnderstudyError("bad_option", messages.distill.badMaxCalls(maxCalls));
  }
  if (maxUSD !== undefined && !(typeof maxUSD === "number" && maxUSD >= 0)) {
    throw new UnderstudyError("bad_option", messages.distill.badMaxUSD(maxUSD));
  }
}
