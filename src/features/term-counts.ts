/**
 * A vocabulary of n-gram terms ("free", "free money") as a trie over tokens: a document's
 * n-grams are found by walking from each token, without joining tokens into term strings
 * that are then mostly not in the vocabulary. Terms never hold a space inside a token
 * (tokens have none), so splitting a term on spaces gives back its tokens.
 */
export interface TermTrie {
  /** The term ending here (its column), or −1. */
  term: number;
  next: Map<string, TermTrie> | undefined;
}

/**
 * The trie of `vocabulary`, term j at the node its tokens lead to.
 *
 * @example
 * termTrie(["free", "free monei"]).next!.get("free")!.term; // 0
 */
export function termTrie(vocabulary: readonly string[]): TermTrie {
  const root: TermTrie = { term: -1, next: undefined };
  vocabulary.forEach((term, j) => {
    let node = root;
    for (const token of term.split(" ")) {
      node.next ??= new Map();
      let child = node.next.get(token);
      if (!child) node.next.set(token, (child = { term: -1, next: undefined }));
      node = child;
    }
    node.term = j;
  });
  return root;
}

/**
 * Counts a document's vocabulary terms, n-grams of `ngramRange` tokens: `tf[j]` is term j's
 * count and `terms[0 ..< n]` the distinct terms seen, for the `n` that `count` returns. Reused
 * document after document; `clear(n)` resets only what the last document touched.
 *
 * @example
 * const counts = new TermCounts(termTrie(["free", "free monei"]), 2, [1, 2]);
 * counts.count(["free", "monei"]); // 2: tf = [1, 1]
 */
export class TermCounts {
  readonly tf: Float64Array;
  readonly terms: Int32Array;
  /** A scratch of the same length as `terms`, for callers' per-term values. */
  readonly weights: Float64Array;

  constructor(
    private readonly trie: TermTrie,
    width: number,
    private readonly ngramRange: readonly [number, number],
  ) {
    this.tf = new Float64Array(width);
    this.terms = new Int32Array(width);
    this.weights = new Float64Array(width);
  }

  /** Counts the terms of `tokens`; returns how many distinct ones there are. */
  count(tokens: readonly string[]): number {
    const [lo, hi] = this.ngramRange;
    const { tf, terms } = this;
    let n = 0;
    for (let i = 0; i < tokens.length; i++) {
      let node: TermTrie | undefined = this.trie;
      for (let d = 1; d <= hi && i + d <= tokens.length; d++) {
        node = node.next?.get(tokens[i + d - 1]);
        if (!node) break;
        const j = node.term;
        if (d < lo || j < 0) continue;
        if (tf[j] === 0) terms[n++] = j;
        tf[j]++;
      }
    }
    return n;
  }

  /** Zeroes the counts of the `n` terms the last `count` saw. */
  clear(n: number): void {
    for (let k = 0; k < n; k++) this.tf[this.terms[k]] = 0;
  }
}
