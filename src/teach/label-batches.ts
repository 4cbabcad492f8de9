/** Batching shared by `labelRows` and `labelValues`, so both ask, limit and retry rows the same way (not exported from the package). */

/**
 * Asks rows `0..n-1` in batches of `batchSize`, `concurrency` calls at a time; `ask` returns the
 * rows of its batch that got no valid answer, and those are re-asked one at a time (when
 * `retrySingles`), so one bad row does not cost its whole batch.
 *
 * @example
 * await askInBatches(10, 4, 2, true, async (indices) => indices.filter((i) => !answered(i)));
 */
export async function askInBatches(n: number, batchSize: number, concurrency: number, retrySingles: boolean, ask: (indices: number[]) => Promise<number[]>): Promise<void> {
  const batches: number[][] = [];
  for (let s = 0; s < n; s += batchSize) batches.push(Array.from({ length: Math.min(batchSize, n - s) }, (_, k) => s + k));
  const retry: number[] = [];
  await runPool(batches, concurrency, async (b) => { retry.push(...(await ask(b))); });
  if (batchSize > 1 && retrySingles) {
    retry.sort((a, b) => a - b);
    await runPool(retry.map((i) => [i]), concurrency, async (b) => { await ask(b); });
  }
}

/** Runs `work` over items with at most `limit` in flight. */
async function runPool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}
