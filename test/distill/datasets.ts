// Real data for the distill tests (not a test file itself).
import { readFileSync } from "node:fs";
import type { ProgressEvent } from "../../src/core/progress.ts";
import { rowGroups } from "../../src/data/row-groups.ts";
import { splitRows } from "../../src/data/split-rows.ts";

const dataFile = (name: string) => new URL(`../../node_modules/vega-datasets/data/${name}.json`, import.meta.url);

/** The 344 Palmer penguins of vega-datasets (species, island, beak, flipper, mass, sex; some missing). */
export function penguins(): Record<string, unknown>[] {
  return JSON.parse(readFileSync(dataFile("penguins"), "utf8"));
}

/** The 406 cars of vega-datasets (miles per gallon, cylinders, horsepower, weight, origin, ...). */
export function cars(): Record<string, unknown>[] {
  return JSON.parse(readFileSync(dataFile("cars"), "utf8"));
}

export const PENGUIN_LABELS = ["Adelie", "Chinstrap", "Gentoo"];

/**
 * The test rows distill held out, recomputed independently from the public splitRows (same
 * seed, same stratification; rows equal on every column the model reads, `copiesOn`, kept together).
 */
export function testIndices(labelsOrCount: number | unknown[], seed = 0, copiesOn?: { rows: readonly object[]; columns: string[] }): number[] {
  const groups = copiesOn ? { groups: rowGroups(copiesOn.rows as Record<string, unknown>[], copiesOn.columns).groups } : {};
  return Array.from(splitRows(labelsOrCount as never, { seed, ...groups }).test);
}

/** Share of positions where the two arrays hold the same value. */
export function agreementOf(a: readonly unknown[], b: readonly unknown[]): number {
  return a.filter((v, i) => v === b[i]).length / a.length;
}

/** Collects progress events. */
export function progressLog(): { events: ProgressEvent[]; onProgress: (e: ProgressEvent) => void } {
  const events: ProgressEvent[] = [];
  return { events, onProgress: (e) => events.push(e) };
}
