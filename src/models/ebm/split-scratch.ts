/**
 * Scratch arrays the term splits reuse from one boosting step to the next. A boosting run
 * makes thousands of splits over a few hundred cells each, and allocating their prefix sums
 * and leaf maps afresh cost more than the search itself (typed arrays over 64 bytes live
 * outside V8's heap, so each allocation is a system allocation). Arrays come back with stale
 * contents and may be longer than asked: each split writes or zeroes what it reads.
 *
 * @example
 * const scratch = new SplitScratch();
 * const sums = scratch.floats(0, 257); // the same array next time slot 0 asks for ≤ its length
 */
export class SplitScratch {
  private readonly slots: Float64Array[] = [];
  private leaves = new Int32Array(0);

  /** Float scratch number `slot`, at least n long. */
  floats(slot: number, n: number): Float64Array {
    if ((this.slots[slot]?.length ?? -1) < n) this.slots[slot] = new Float64Array(n);
    return this.slots[slot];
  }

  /** The leaf map of a split, at least n long. */
  leafMap(n: number): Int32Array {
    if (this.leaves.length < n) this.leaves = new Int32Array(n);
    return this.leaves;
  }
}
