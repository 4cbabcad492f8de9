/**
 * Seeded pseudo-random numbers (mulberry32 on a 32-bit state, seeds mixed with splitmix32).
 * Every random choice in Understudy (splits, bootstraps, feature sampling, active learning,
 * permutation importance) draws from one of these, so a seed reproduces a run exactly.
 *
 * @example
 * const rng = new Random(0);
 * rng.next();        // float in [0, 1)
 * rng.int(10);       // integer in [0, 10)
 * rng.shuffle([1, 2, 3]);
 */
export class Random {
  private state: number;

  constructor(seed = 0) {
    this.state = splitmix32(seed >>> 0 ^ 0x9e3779b9);
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A standard normal draw (Box–Muller). */
  normal(): number {
    let u = 0;
    while (u === 0) u = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Shuffles `array` in place (Fisher–Yates) and returns it. */
  shuffle<T>(array: T[] | Int32Array | Uint32Array): typeof array {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = array[i];
      array[i] = array[j];
      array[j] = t;
    }
    return array;
  }

  /** A new independent generator derived from this one (for per-tree or per-round streams). */
  fork(): Random {
    return new Random(Math.floor(this.next() * 4294967296));
  }
}

function splitmix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}
