import type { Budget } from "./budget.ts";
import type { TeacherStats, Usage } from "./teacher.ts";
import { countInStats } from "./teacher-stats.ts";

/** One paid call held against the budget, from before it is sent until it is counted or has failed. */
export interface Reservation {
  readonly estimateUSD: number;
}

/** What {@link BudgetLedger.reserve} answers: a reservation, or the cap that stops the call. */
export type ReserveResult = { ok: true; reservation: Reservation } | { ok: false; cap: string };

/**
 * The books of a budgeted teacher: what was spent (the teacher's `stats`) plus what calls in
 * flight may still spend (reservations). Its one check runs before every paid call: spent +
 * reserved + this call's estimate must stay within `maxCalls` and `maxUSD`. A reservation ends
 * in the same step that counts the paid call (`settle`) or when the call fails (`release`):
 * counting it twice while its answer is being cached would stop a run below its cap. Once a cap
 * stopped a call, every later call is stopped too, until the budget is replaced.
 *
 * @example
 * const ledger = new BudgetLedger(stats, { maxCalls: 10 });
 * const r = ledger.reserve(0.001);
 * if (!r.ok) throw new Error(r.cap);
 * // ... the call answered:
 * ledger.settle(r.reservation, "label", usage, costUSD);
 */
export class BudgetLedger {
  private current: Budget | undefined;
  private stoppedBy: string | undefined;
  private reservedCalls = 0;
  private reservedUSD = 0;
  private readonly open = new Set<Reservation>();
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly stats: TeacherStats,
    budget: Budget | undefined,
  ) {
    this.current = budget;
  }

  /** The cap in force (already checked by the caller). Replacing it lifts an earlier stop. */
  get budget(): Budget | undefined {
    return this.current;
  }

  set budget(budget: Budget | undefined) {
    this.current = budget;
    this.stoppedBy = undefined;
  }

  /** Holds one paid call of about `estimateUSD` against the budget, or names the cap that stops it. */
  reserve(estimateUSD: number): ReserveResult {
    const cap = this.stoppedBy ?? this.capReached(estimateUSD);
    if (cap) return { ok: false, cap };
    const reservation: Reservation = { estimateUSD };
    this.open.add(reservation);
    this.reservedCalls++;
    this.reservedUSD += estimateUSD;
    return { ok: true, reservation };
  }

  /** The call was answered: counts it as paid (usage and cost, under `purpose`) and ends its reservation, in one step. */
  settle(reservation: Reservation, purpose: string | undefined, usage: Usage, costUSD: number): void {
    this.release(reservation);
    countInStats(this.stats, purpose, { teacherCalls: 1, ...usage, costUSD });
  }

  /** Ends a reservation without a paid call (the call failed). Releasing twice changes nothing. */
  release(reservation: Reservation): void {
    if (!this.open.delete(reservation)) return;
    this.reservedCalls--;
    this.reservedUSD -= reservation.estimateUSD;
  }

  /** Runs one paid call and keeps it in view until it settles, so {@link stop} can wait for it. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    const unit = work();
    this.inFlight.add(unit);
    try {
      return await unit;
    } finally {
      this.inFlight.delete(unit);
    }
  }

  /** Stops every later call at `cap`, and resolves once every call in flight has landed (paid answers cached). */
  async stop(cap: string): Promise<void> {
    this.stoppedBy = cap;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** The one check: which cap, if any, this call would pass. */
  private capReached(estimateUSD: number): string | undefined {
    const { maxCalls, maxUSD } = this.current ?? {};
    if (maxCalls !== undefined && this.stats.teacherCalls + this.reservedCalls >= maxCalls) return `budget.maxCalls = ${maxCalls}`;
    if (maxUSD !== undefined && this.stats.costUSD + this.reservedUSD + estimateUSD > maxUSD) return `budget.maxUSD = ${maxUSD}`;
    return undefined;
  }
}
