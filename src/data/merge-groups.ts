/**
 * Joins two groupings of the same rows: rows that share a group in either one share a group in
 * the result (the connected components, by union-find). Ids are renumbered 0, 1, 2, ... in
 * order of first appearance, so the result is the same for the same input.
 *
 * @example
 * Array.from(mergeGroups([0, 0, 1, 2], [0, 1, 1, 2])); // [0, 0, 0, 1]: rows 0–2 are linked
 */
export function mergeGroups(a: ArrayLike<number>, b: ArrayLike<number>): Int32Array {
  const n = a.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (const grouping of [a, b]) {
    const first = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const seen = first.get(grouping[i]);
      if (seen === undefined) first.set(grouping[i], i);
      else parent[find(i)] = find(seen);
    }
  }
  const ids = new Map<number, number>();
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const root = find(i);
    let id = ids.get(root);
    if (id === undefined) ids.set(root, (id = ids.size));
    out[i] = id;
  }
  return out;
}
