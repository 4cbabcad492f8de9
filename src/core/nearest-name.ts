import { damerauLevenshtein } from "./damerau-levenshtein.ts";

/**
 * The candidate closest to a mistyped `name` by Damerau–Levenshtein distance, when it is close
 * enough to be what was meant: at most a third of the longer name's length in edits (at least
 * one), so "lables" finds "labels" but "xyz" finds nothing. Case is ignored; ties keep the
 * first candidate.
 *
 * @example
 * nearestName("lables", ["labels", "target", "text"]); // "labels"
 * nearestName("xyz", ["labels", "target"]);            // undefined
 */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = damerauLevenshtein(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  const allowed = Math.max(1, Math.floor(Math.max(name.length, best.length) / 3));
  return bestDistance <= allowed ? best : undefined;
}
